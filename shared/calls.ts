import { z } from 'zod';
import { VENDORS, type Vendor } from './vendors';
import type { CallConversation } from './conversation';
import { TRACKER_SIDES } from './trackers';
import type { Transcript } from './transcripts';

export const DIRECTIONS = ['inbound', 'outbound', 'unknown'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * One small set of outcomes shared by every vendor, for filters and reports.
 * The vendor's own word is kept beside it as `vendorStatus`.
 */
export const CALL_STATUSES = [
  'answered',
  'missed',
  'no_answer',
  'voicemail',
  'busy',
  'failed',
  'in_progress',
  'unknown',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Who handled the call on our side: a recruiter (a person) or a voice-AI agent. */
export const HANDLER_KINDS = ['recruiter', 'ai_agent'] as const;
export type HandlerKind = (typeof HANDLER_KINDS)[number];

/** A call as a connector hands it to the store: the vendor's record in one normalized shape. */
export interface CallFields {
  vendorCallId: string;
  direction: Direction;
  status: CallStatus;
  vendorStatus: string | null;
  /** Unix epoch milliseconds, UTC. */
  startedAtMs: number;
  endedAtMs: number | null;
  talkSeconds: number | null;
  totalSeconds: number | null;
  handlerKind: HandlerKind;
  /** The recruiter or agent: the vendor's id, name, email and line. */
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  userNumber: string | null;
  contactName: string | null;
  contactNumber: string | null;
  contactType: string | null;
  summary: string | null;
  score: number | null;
  sentiment: string | null;
  /**
   * Whether the vendor has (or will have) a transcript. Null when this record
   * cannot say (a list that leaves transcripts to the detail): the stored value
   * stands, and a new call is asked about once.
   */
  hasTranscript: boolean | null;
  isPurged: boolean;
  /**
   * Staff marked the call processed in the vendor's back office (TalkPilot's
   * `done`): a to-do tick, not the call's outcome nor whether it is over.
   * Absent when the vendor has no such notion; null when the record does not say.
   */
  isProcessed?: boolean | null;
  /** The team's own test or trial call (Talkover is_testing, HighLevel trialCall): hidden unless asked for. */
  isTest: boolean;
  deletedAtMs: number | null;
  recordingUrl: string | null;
  /** Signed recording links expire: after this instant the link must be fetched again. */
  recordingUrlExpiresAtMs: number | null;
  vendorUpdatedAtMs: number | null;
  /** The vendor's record exactly as received, unknown fields included. */
  raw: unknown;
}

/** A stored call as the UI lists it (the raw vendor JSON stays in main). */
export interface CallRow extends Omit<CallFields, 'raw' | 'hasTranscript' | 'isProcessed'> {
  hasTranscript: boolean;
  /** Null for vendors without a "processed" tick. */
  isProcessed: boolean | null;
  id: number;
  connectionId: number;
  connectionLabel: string;
  vendor: Vendor;
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
    minTalkSeconds: z.number().int().min(0).max(86_400 * 7).optional(),
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

export const CALL_SORT_COLUMNS = [
  'relevance',
  'startedAt',
  'talkSeconds',
  'contactName',
  'userName',
  'status',
  'direction',
  'connection',
] as const;
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
