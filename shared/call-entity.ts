import type { Vendor } from './vendors';

export const DIRECTIONS = ['inbound', 'outbound', 'unknown'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * One small set of outcomes shared by every vendor, for filters and reports.
 * The vendor's own word is kept beside it as `vendorStatus`.
 */
export const CALL_STATUSES = ['answered', 'missed', 'no_answer', 'voicemail', 'busy', 'failed', 'in_progress', 'unknown'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Who handled the call on our side: a recruiter (a person) or a voice-AI agent. */
export const HANDLER_KINDS = ['recruiter', 'ai_agent'] as const;
export type HandlerKind = (typeof HANDLER_KINDS)[number];

/**
 * What an upsert does with a stored value when the call comes again (default:
 * the record's value replaces it):
 * - `keep-when-missing`: a record without it (null) keeps the stored value;
 * - `purge-clears`: the same, but a purge at the vendor removes it whatever was stored.
 */
export type UpdateRule = 'keep-when-missing' | 'purge-clears';

/** How the store keeps one field of a call (electron/store/call-fields.ts reads these). */
export interface CallFieldRules {
  readonly column: string;
  /** Identifies a stored call (the upsert's ON CONFLICT): never updated. */
  readonly conflictKey?: true;
  readonly update?: UpdateRule;
  /**
   * What a new call stores when its record does not say (null). The update
   * then reads the parameter itself, as `excluded` already holds this default.
   */
  readonly newRowDefault?: string;
  /** A call re-read from its detail keeps the stored value (the next list read then changes nothing). */
  readonly keptOnDetailRead?: true;
  /** Stored another way than given: a yes/no as 0 or 1 (`flag`), the raw record as JSON (`json`). */
  readonly stored?: 'flag' | 'json';
  /** Read from the joined connection (`k`) rather than the call's own column. */
  readonly select?: string;
}

/**
 * Where a field's value comes from: the vendor's record (`record`; `raw`
 * stays in main, `record-only`), the connection being synced, or the
 * database (the call's id, its connection's label and vendor).
 */
type Origin = 'record' | 'record-only' | 'connection' | 'database';

/** One entry of the table: its rules, and (types only, never set) its type in a connector's record and in a row. */
export interface CallField<O extends Origin = Origin, Given = unknown, Row = unknown, Optional extends boolean = boolean> extends CallFieldRules {
  readonly origin: O;
  readonly types?: { given: Given; row: Row; optional: Optional };
}

const entry =
  <O extends Origin>(origin: O) =>
  <Given, Row = Given, Optional extends boolean = false>(rules: CallFieldRules): CallField<O, Given, Row, Optional> => ({ ...rules, origin });

/** From the vendor's record, and so in a row. `Row` when the row's type differs (a stored value fills a record's null). */
const given = entry('record');
/** From the vendor's record, kept by main only. */
const givenToMainOnly = entry('record-only');
/** From the database or the sync, in a row only. */
const fromConnection = entry('connection');
const fromDatabase = entry('database');

/**
 * The calls entity in one table, in column order (a row's keys follow it):
 * each field's type, column and the rules an upsert follows. `CallFields` (a
 * connector's record: the compiler then asks each vendor's mapper for a new
 * field) and `CallRow` (what the UI lists) are derived from it, and so are the
 * store's column lists, statements and converters (electron/store/call-fields.ts).
 * A new field is its line here and a migration.
 */
export const CALL_ENTITY = {
  id: fromDatabase<number>({ column: 'id' }),
  connectionId: fromConnection<number>({ column: 'connection_id', conflictKey: true }),
  connectionLabel: fromDatabase<string>({ column: 'connection_label', select: 'k.label' }),
  vendor: fromDatabase<Vendor>({ column: 'vendor', select: 'k.vendor' }),
  vendorCallId: given<string>({ column: 'vendor_call_id', conflictKey: true }),
  direction: given<Direction>({ column: 'direction' }),
  status: given<CallStatus>({ column: 'status' }),
  vendorStatus: given<string | null>({ column: 'vendor_status' }),
  /** Unix epoch milliseconds, UTC. */
  startedAtMs: given<number>({ column: 'started_at_ms' }),
  endedAtMs: given<number | null>({ column: 'ended_at_ms' }),
  talkSeconds: given<number | null>({ column: 'talk_seconds' }),
  totalSeconds: given<number | null>({ column: 'total_seconds' }),
  handlerKind: given<HandlerKind>({ column: 'handler_kind' }),
  /** The recruiter or agent: the vendor's id, name, email and line. */
  userId: given<string | null>({ column: 'user_id' }),
  // Some vendors send these only in a call's detail (an agent's name, TalkPilot's
  // score and signed recording link): a list page without them keeps what a detail stored.
  userName: given<string | null>({ column: 'user_name', update: 'keep-when-missing' }),
  userEmail: given<string | null>({ column: 'user_email' }),
  userNumber: given<string | null>({ column: 'user_number', update: 'keep-when-missing' }),
  contactName: given<string | null>({ column: 'contact_name' }),
  contactNumber: given<string | null>({ column: 'contact_number' }),
  contactType: given<string | null>({ column: 'contact_type' }),
  summary: given<string | null>({ column: 'summary' }),
  score: given<number | null>({ column: 'score', update: 'keep-when-missing' }),
  sentiment: given<string | null>({ column: 'sentiment', update: 'keep-when-missing' }),
  /**
   * Whether the vendor has (or will have) a transcript. Null when this record
   * cannot say (a list that leaves transcripts to the detail): the stored value
   * stands, and a new call is assumed to have one and asked about once.
   */
  hasTranscript: given<boolean | null, boolean>({ column: 'has_transcript', stored: 'flag', update: 'keep-when-missing', newRowDefault: '1' }),
  isPurged: given<boolean>({ column: 'is_purged', stored: 'flag' }),
  /**
   * Staff marked the call processed in the vendor's back office (TalkPilot's
   * `done`): a to-do tick, not the call's outcome nor whether it is over.
   * Absent when the vendor has no such notion; null when the record does not
   * say, which leaves staff's last known tick as it was.
   */
  isProcessed: given<boolean | null, boolean | null, true>({ column: 'is_processed', stored: 'flag', update: 'keep-when-missing' }),
  /** The team's own test or trial call (Talkover is_testing, HighLevel trialCall): hidden unless asked for. */
  isTest: given<boolean>({ column: 'is_test', stored: 'flag' }),
  deletedAtMs: given<number | null>({ column: 'deleted_at_ms' }),
  // A purge at the vendor removes the recording: it must go here too, whatever was stored.
  recordingUrl: given<string | null>({ column: 'recording_url', update: 'purge-clears' }),
  /** Signed recording links expire: after this instant the link must be fetched again. */
  recordingUrlExpiresAtMs: given<number | null>({ column: 'recording_url_expires_at_ms', update: 'purge-clears' }),
  vendorUpdatedAtMs: given<number | null>({ column: 'vendor_updated_at_ms' }),
  /** The vendor's record exactly as received, unknown fields included: read only by main (call-raw.ts), never sent to the window. */
  raw: givenToMainOnly<unknown>({ column: 'raw_json', stored: 'json', keptOnDetailRead: true }),
} as const satisfies Record<string, CallField>;

type Entity = typeof CALL_ENTITY;
type Given<E> = E extends CallField<Origin, infer G> ? G : never;
type RowOf<E> = E extends CallField<Origin, unknown, infer R> ? R : never;
type IsGiven<E, Optional extends boolean> = E extends CallField<'record' | 'record-only', unknown, unknown, Optional> ? true : false;

/** One object type from an intersection (what an editor shows, and what type equality compares). */
type Flat<T> = { [K in keyof T]: T[K] };

/** A call as a connector hands it to the store: the vendor's record in one normalized shape. */
export type CallFields = Flat<
  { -readonly [K in keyof Entity as IsGiven<Entity[K], false> extends true ? K : never]: Given<Entity[K]> } & {
    -readonly [K in keyof Entity as IsGiven<Entity[K], true> extends true ? K : never]?: Given<Entity[K]>;
  }
>;

/** A stored call's fields as the UI lists them (the raw vendor JSON stays in main), in table order. */
export type CallRowFields = { -readonly [K in keyof Entity as Entity[K]['origin'] extends 'record-only' ? never : K]: RowOf<Entity[K]> };
