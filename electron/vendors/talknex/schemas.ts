import { z } from 'zod';

/**
 * Talknex's records. The docs publish only the POST /calls example (id,
 * status, agentId, to, from, createdAt); the rest is optional so a record
 * without it is still read. Loose objects: unknown fields are allowed (the raw
 * JSON keeps them). Enums are plain strings so a new value is kept as the
 * vendor's own rather than rejected.
 */

const count = z.number().int().nonnegative();

/** The hints of either paging style, a cursor (`nextCursor`, `hasMore`) or pages (`page`, `limit`/`perPage`/`per_page`, `total`, `totalPages`). */
const PAGING_FIELDS = {
  hasMore: z.boolean().nullish(),
  nextCursor: z.string().nullish(),
  page: count.nullish(),
  limit: count.nullish(),
  perPage: count.nullish(),
  per_page: count.nullish(),
  total: count.nullish(),
  totalPages: count.nullish(),
};
const PagingHintsSchema = z.looseObject(PAGING_FIELDS);
export type PagingHints = z.infer<typeof PagingHintsSchema>;

/**
 * The list envelope is not published: items in `data`, and the paging hints
 * beside them or in a `pagination` or `meta` object, as APIs commonly nest them.
 */
export const ListEnvelopeSchema = z.looseObject({
  data: z.array(z.unknown()),
  ...PAGING_FIELDS,
  pagination: PagingHintsSchema.nullish(),
  meta: PagingHintsSchema.nullish(),
});
export type ListEnvelope = z.infer<typeof ListEnvelopeSchema>;

export const AgentSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  phoneNumber: z.string().nullish(),
});
export type Agent = z.infer<typeof AgentSchema>;

const CALL_FIELDS = {
  id: z.string().min(1),
  status: z.string(),
  direction: z.string().nullish(),
  agentId: z.string().nullish(),
  from: z.string().nullish(),
  to: z.string().nullish(),
  contact: z.looseObject({ id: z.string().nullish(), name: z.string().nullish() }).nullish(),
  createdAt: z.string(),
  endedAt: z.string().nullish(),
  /** Seconds of conversation. */
  duration: z.number().nonnegative().nullish(),
  summary: z.string().nullish(),
  recordingUrl: z.string().nullish(),
  /** positive | neutral | negative; documented for the detail only, read wherever it appears. */
  sentiment: z.string().nullish(),
  updatedAt: z.string().nullish(),
};

export const CallSchema = z.looseObject(CALL_FIELDS);
export type Call = z.infer<typeof CallSchema>;

/**
 * One turn. The docs speak of "speakers agent/caller" and the SDK's live
 * chunks name the field `role`; "millisecond timestamps" may be a start and
 * end or one `timestamp`. Either name is read.
 */
export const UtteranceSchema = z.looseObject({
  role: z.string().nullish(),
  speaker: z.string().nullish(),
  text: z.string(),
  startMs: z.number().nullish(),
  endMs: z.number().nullish(),
  timestamp: z.number().nullish(),
});
export type TalknexUtterance = z.infer<typeof UtteranceSchema>;

/** GET /calls/:id, bare like the POST example: the call, its sentiment, and the transcript (null once expired). */
export const CallDetailSchema = z.looseObject({
  ...CALL_FIELDS,
  transcript: z.array(UtteranceSchema).nullish(),
});
export type CallDetail = z.infer<typeof CallDetailSchema>;
