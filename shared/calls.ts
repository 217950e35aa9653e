import { z } from 'zod';
import { CALL_STATUSES, DIRECTIONS, HANDLER_KINDS, type CallRowFields, type HandlerKind } from './call-entity';
import { VENDORS } from './vendors';
import type { CallConversation } from './conversation';
import { TRACKER_SIDES } from './trackers';
import type { Transcript } from './transcripts';

export { CALL_STATUSES, DIRECTIONS, HANDLER_KINDS, type CallFields, type CallStatus, type Direction, type HandlerKind } from './call-entity';

/** A stored call as the UI lists it (the raw vendor JSON stays in main). */
export interface CallRow extends CallRowFields {
  /** When present: the best matching passage, with matches between HIGHLIGHT_START and HIGHLIGHT_END. */
  snippet?: string;
}

/** Marks around matched words in snippets; control characters so no text can fake them and nothing is parsed as HTML. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

const id = z.number().int().positive();
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const shortText = z.string().min(1).max(200);

export const CallFiltersSchema = z
  .object({
    /** Inclusive lower bound on the call's start, Unix ms. */
    fromMs: epochMs.optional(),
    /** Exclusive upper bound on the call's start, Unix ms. */
    toMs: epochMs.optional(),
    connectionIds: z.array(id).max(100).optional(),
    vendors: z.array(z.enum(VENDORS)).max(VENDORS.length).optional(),
    directions: z.array(z.enum(DIRECTIONS)).max(DIRECTIONS.length).optional(),
    statuses: z.array(z.enum(CALL_STATUSES)).max(CALL_STATUSES.length).optional(),
    userIds: z.array(shortText).max(500).optional(),
    /**
     * Exactly these people: each a connection and the user id its calls carry
     * (null: calls that name nobody). A user id alone may repeat across
     * connections; the Activity screen's drill-downs say whose calls they mean.
     */
    people: z
      .array(z.object({ connectionId: id, userId: shortText.nullable() }).strict())
      .min(1)
      .max(500)
      .optional(),
    /** Only calls handled by recruiters, or only by voice-AI agents. */
    handlerKinds: z.array(z.enum(HANDLER_KINDS)).min(1).max(HANDLER_KINDS.length).optional(),
    contactTypes: z.array(shortText).max(50).optional(),
    hasTranscript: z.boolean().optional(),
    /** Only calls staff have (true) or have not (false) marked processed; calls of vendors without the notion match neither. */
    processed: z.boolean().optional(),
    minTalkSeconds: z
      .number()
      .int()
      .min(0)
      .max(86_400 * 7)
      .optional(),
    includeDeleted: z.boolean().optional(),
    includeTestCalls: z.boolean().optional(),
    /** Calls that hit any of these trackers (shared/trackers.ts)… */
    trackerIds: z.array(id).max(100).optional(),
    /** …on this side of the call; either side when absent. */
    trackerSide: z.enum(TRACKER_SIDES).optional(),
  })
  .strict()
  .refine((f) => f.trackerSide === undefined || Boolean(f.trackerIds?.length), {
    message: 'choose a tracker for the side to apply to',
    path: ['trackerSide'],
  })
  .refine((f) => f.fromMs === undefined || f.toMs === undefined || f.fromMs < f.toMs, {
    message: 'the start of the date range must be before its end',
    path: ['toMs'],
  });
export type CallFilters = z.infer<typeof CallFiltersSchema>;

export const CALL_SORT_COLUMNS = ['relevance', 'startedAt', 'talkSeconds', 'contactName', 'userName', 'status', 'direction', 'connection'] as const;
export type CallSortColumn = (typeof CALL_SORT_COLUMNS)[number];

export const CallSortSchema = z
  .object({
    column: z.enum(CALL_SORT_COLUMNS),
    direction: z.enum(['asc', 'desc']),
  })
  .strict();
export type CallSort = z.infer<typeof CallSortSchema>;

export const MAX_PAGE_SIZE = 500;

export const CallListRequestSchema = z
  .object({
    filters: CallFiltersSchema.default({}),
    /** Free text: names, numbers (any part), summaries, transcripts. */
    search: z.string().max(500).optional(),
    sort: CallSortSchema.default({ column: 'startedAt', direction: 'desc' }),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  })
  .strict();
export type CallListRequest = z.input<typeof CallListRequestSchema>;
export type CallListQuery = z.output<typeof CallListRequestSchema>;

export interface CallPage {
  rows: CallRow[];
  /** How many calls the filters and search select in all; with `totalCapped`, at least this many. */
  total: number;
  /**
   * Present (true) when counting stopped at a limit (a common word, a wide
   * filter): there are more calls than `total`, and later pages still load.
   */
  totalCapped?: boolean;
}

/** The choices the calls screen's filters offer, read from the calls stored. */
export interface CallFacets {
  users: { id: string; name: string; kind: HandlerKind; connectionLabel: string }[];
  contactTypes: string[];
}

/** One thing a voice-AI agent picked up during the call (HighLevel's extractedData), under the name the account gave it. */
export interface ExtractedField {
  name: string;
  value: string;
}

export interface CallDetail {
  call: CallRow;
  transcript: Transcript | null;
  /** Everything the agent extracted, in the vendor's order; empty when it extracted nothing or the vendor has no such thing. */
  extractedFields: ExtractedField[];
  /** Talk share, longest monologue, questions, the contact's longest answer; null without a transcript whose turns name a side. */
  conversation: CallConversation | null;
}
