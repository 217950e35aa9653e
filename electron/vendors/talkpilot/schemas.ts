import { z } from 'zod';

/**
 * TalkPilot's records as its docs describe them. Loose objects: unknown fields
 * are allowed (the raw JSON keeps them). Enums are plain strings so a new
 * value is kept as the vendor's own rather than rejected. Most fields are
 * nullish: the docs' detail example already leaves out `updated_at` and
 * `deleted_at`, and purged calls null several more.
 */

/** `{ data: [...], pagination: { page, limit, total, pages } }`; only `pages` is needed to walk the pages. */
export const PageSchema = z.looseObject({
  data: z.array(z.unknown()),
  pagination: z.looseObject({
    page: z.number().nullish(),
    limit: z.number().nullish(),
    total: z.number().nullish(),
    pages: z.number().int().nonnegative(),
  }),
});

export const AgentSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  phone_number: z.string().nullish(),
  is_active: z.boolean().nullish(),
  language: z.string().nullish(),
});
export type AgentRecord = z.infer<typeof AgentSchema>;

/** One call, from the list or the detail endpoint (the detail adds the last three fields). */
export const CallSchema = z.looseObject({
  id: z.string().min(1),
  /** LiveKit's id for the call; TalkPilot's own id is `id`. */
  call_id: z.string().nullish(),
  customer_name: z.string().nullish(),
  customer_request: z.string().nullish(),
  phone_number: z.string().nullish(),
  duration: z.number().nonnegative().nullish(),
  /** "Whether the call has been processed": staff's back-office tick, not whether the call is over. */
  done: z.boolean().nullish(),
  general_success: z.boolean().nullish(),
  /** Documented values: user_hangup, call_transfer, agent_hangup. */
  disconnection_reason: z.string().nullish(),
  call_summary: z.string().nullish(),
  employee: z.string().nullish(),
  note: z.string().nullish(),
  agent_id: z.string().nullish(),
  is_purged: z.boolean().nullish(),
  deleted_at: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  /** A JSON string per the docs; an already-parsed array is accepted too. */
  transcript: z.union([z.string(), z.array(z.unknown())]).nullish(),
  audio_file_url: z.string().nullish(),
  final_score: z.number().nullish(),
});
export type CallRecord = z.infer<typeof CallSchema>;

/** What the `transcript` string holds: `[{ "role": "agent" | "user", "text": "..." }, ...]`. */
export const TranscriptMessagesSchema = z.array(
  z.looseObject({
    role: z.string(),
    text: z.string(),
  }),
);
export type TranscriptMessage = z.infer<typeof TranscriptMessagesSchema>[number];
