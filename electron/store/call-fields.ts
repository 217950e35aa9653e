import type { CallFields, CallRow } from '../../shared/calls';
import { bit } from './statements';

/**
 * The calls entity in one table: every field of a call (its name in
 * shared/calls.ts), its column, how it is converted each way and how an upsert
 * merges it. The upsert's columns, the select list, the row type and both
 * converters are derived from it. A new field is its line in `CallFields`
 * (the connectors' contract: the compiler then asks each vendor's mapper for
 * it), its entry here and a migration; the compiler refuses a field of
 * `CallFields` or `CallRow` without an entry, and an entry neither has.
 */

type SqlValue = string | number | null;

/**
 * What an upsert does with a stored value when the call comes again (default:
 * the record's value replaces it):
 * - `keep-when-missing`: a record without it (null) keeps the stored value;
 * - `purge-clears`: the same, but a purge at the vendor removes it whatever was stored.
 */
export type UpdateRule = 'keep-when-missing' | 'purge-clears';

interface Rules {
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
}

/** Written and read back as SQLite stores it (text, numbers, null). */
interface AsStored {
  readonly toSql?: undefined;
  readonly fromSql?: undefined;
}

/** Stored another way: a boolean as 0 or 1, the raw record as JSON. */
interface Converted<In, Out> {
  readonly toSql: (value: In) => SqlValue;
  readonly fromSql: (stored: never) => Out;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type CallKey = keyof CallFields | Exclude<keyof CallRow, 'snippet'>;

/** What the table must say about each field, from where its value comes and goes. */
type FieldSpec<K extends CallKey> = Rules &
  (K extends keyof CallFields
    ? K extends keyof CallRow
      ? // From the vendor's record, and back to the UI.
        { readonly written?: undefined; readonly select?: undefined } & (Same<CallFields[K], CallRow[K]> extends true
          ? [CallFields[K]] extends [SqlValue]
            ? AsStored | Converted<CallFields[K], CallRow[K]>
            : Converted<CallFields[K], CallRow[K]>
          : Converted<CallFields[K], CallRow[K]>)
      : // From the vendor's record only: main keeps it.
        { readonly written?: undefined; readonly select: false; readonly toSql: (value: CallFields[K]) => SqlValue; readonly fromSql?: undefined }
    : K extends 'connectionId'
      ? // The connection being synced.
        { readonly written: 'connection'; readonly select?: undefined } & AsStored
      : // The database's: the call's own id, its connection's label and vendor (`select`: from the join).
        { readonly written: false; readonly select?: string } & AsStored);

type CallFieldTable = { readonly [K in CallKey]: FieldSpec<K> };

const nullableBit = (value: boolean | null): 0 | 1 | null => (value === null ? null : bit(value));
const optionalBit = (value: boolean | null | undefined): 0 | 1 | null => (value === undefined || value === null ? null : bit(value));
const isSet = (stored: 0 | 1): boolean => stored === 1;
const setOrNull = (stored: 0 | 1 | null): boolean | null => (stored === null ? null : stored === 1);
const json = (value: unknown): string => JSON.stringify(value ?? null);

/** In table order: the order of the insert's columns, the select's and a row's keys. */
export const CALL_FIELDS = {
  id: { column: 'id', written: false },
  connectionId: { column: 'connection_id', written: 'connection', conflictKey: true },
  connectionLabel: { column: 'connection_label', written: false, select: 'k.label' },
  vendor: { column: 'vendor', written: false, select: 'k.vendor' },
  vendorCallId: { column: 'vendor_call_id', conflictKey: true },
  direction: { column: 'direction' },
  status: { column: 'status' },
  vendorStatus: { column: 'vendor_status' },
  startedAtMs: { column: 'started_at_ms' },
  endedAtMs: { column: 'ended_at_ms' },
  talkSeconds: { column: 'talk_seconds' },
  totalSeconds: { column: 'total_seconds' },
  handlerKind: { column: 'handler_kind' },
  userId: { column: 'user_id' },
  // Some vendors send these only in a call's detail (an agent's name, TalkPilot's
  // score and signed recording link): a list page without them keeps what a detail stored.
  userName: { column: 'user_name', update: 'keep-when-missing' },
  userEmail: { column: 'user_email' },
  userNumber: { column: 'user_number', update: 'keep-when-missing' },
  contactName: { column: 'contact_name' },
  contactNumber: { column: 'contact_number' },
  contactType: { column: 'contact_type' },
  summary: { column: 'summary' },
  score: { column: 'score', update: 'keep-when-missing' },
  sentiment: { column: 'sentiment', update: 'keep-when-missing' },
  // Null means "this record does not say" (see CallFields.hasTranscript): a new
  // call whose record cannot say is assumed to have one, and asked about once.
  hasTranscript: { column: 'has_transcript', toSql: nullableBit, fromSql: isSet, update: 'keep-when-missing', newRowDefault: '1' },
  isPurged: { column: 'is_purged', toSql: bit, fromSql: isSet },
  // A record that does not say (null) leaves staff's last known tick as it was.
  isProcessed: { column: 'is_processed', toSql: optionalBit, fromSql: setOrNull, update: 'keep-when-missing' },
  isTest: { column: 'is_test', toSql: bit, fromSql: isSet },
  deletedAtMs: { column: 'deleted_at_ms' },
  // A purge at the vendor removes the recording: it must go here too, whatever was stored.
  recordingUrl: { column: 'recording_url', update: 'purge-clears' },
  recordingUrlExpiresAtMs: { column: 'recording_url_expires_at_ms', update: 'purge-clears' },
  vendorUpdatedAtMs: { column: 'vendor_updated_at_ms' },
  // The vendor's record exactly as received: read only by main (call-raw.ts), never sent to the window.
  raw: { column: 'raw_json', toSql: json, select: false, keptOnDetailRead: true },
} as const satisfies CallFieldTable;

type Table = typeof CALL_FIELDS;
type ReadKey = { [K in keyof Table]: Table[K] extends { select: false } ? never : K }[keyof Table];
type StoredOf<K extends ReadKey> = Table[K] extends { fromSql: (stored: infer S) => unknown } ? S : CallRow[K];

/** A call as the select below reads it: every field the UI gets, typed as SQLite returns it. */
export type CallRowRecord = { -readonly [K in ReadKey]: StoredOf<K> };

/** The table as plain data, for the loops below (its types checked each entry against the field it names). */
interface Field extends Rules {
  readonly key: string;
  readonly written?: 'connection' | false;
  readonly select?: string | false;
  readonly toSql?: (value: unknown) => SqlValue;
  readonly fromSql?: (stored: unknown) => unknown;
}
const FIELDS: readonly Field[] = Object.entries(CALL_FIELDS).map(([key, field]) => ({ key, ...(field as Omit<Field, 'key'>) }));
const WRITTEN = FIELDS.filter((f) => f.written !== false);

/*
 * Rows and parameters use the fields' own names (`c.user_name AS userName`,
 * `@userName`), so SQLite builds a row and binds a call as they are, and only
 * the few fields stored another way are converted. A loop copying every field
 * into a new object costs 2-3 µs a call in V8 (each copy a lookup by a varying
 * key), about 3 s more for an export of a million calls; the hand-written
 * converters it replaces took 0.13 µs.
 */
const CONVERTED_ON_READ = FIELDS.filter((f) => f.select !== false && f.fromSql);
const CONVERTED_ON_WRITE = FIELDS.filter((f) => f.written === undefined && f.toSql);

/** The columns an upsert writes, in table order: the connection, then what a connector's record gives. */
export const CALL_WRITE_COLUMNS: readonly string[] = WRITTEN.map((f) => f.column);
export const CALL_CONFLICT_COLUMNS: readonly string[] = FIELDS.filter((f) => f.conflictKey).map((f) => f.column);
/** The parameter each written column is bound from: its field's name. */
export const CALL_PARAMETERS: Readonly<Record<string, string>> = Object.fromEntries(WRITTEN.map((f) => [f.column, f.key]));

/** The fields the UI needs, without the raw vendor JSON, each under its own name. Used by every call read (calls `c`, connections `k`). */
export const CALL_ROW_SELECT = FIELDS.filter((f) => f.select !== false)
  .map((f) => `${f.select ?? `c.${f.column}`} AS ${f.key}`)
  .join(', ');

const keepStored = (column: string) => `COALESCE(excluded.${column}, calls.${column})`;
const PURGED = `excluded.${CALL_FIELDS.isPurged.column} = 1`;

/** How the upsert's update takes each column that does not simply take the record's value (statements.ts `upsertSql`). */
export function callMerge(options: { fromDetail: boolean }): Record<string, string> {
  const merge: Record<string, string> = {};
  for (const f of FIELDS) {
    if (options.fromDetail && f.keptOnDetailRead) merge[f.column] = `calls.${f.column}`;
    else if (f.update === 'keep-when-missing') merge[f.column] = f.newRowDefault ? `COALESCE(@${f.key}, calls.${f.column})` : keepStored(f.column);
    else if (f.update === 'purge-clears') merge[f.column] = `CASE WHEN ${PURGED} THEN NULL ELSE ${keepStored(f.column)} END`;
  }
  return merge;
}

/** What a new call gets for columns its record may leave unsaid. */
export const CALL_INSERT: Readonly<Record<string, string>> = Object.fromEntries(
  FIELDS.filter((f) => f.newRowDefault !== undefined).map((f) => [f.column, `COALESCE(@${f.key}, ${f.newRowDefault})`]),
);

/** The upsert's parameters for one call (see CALL_PARAMETERS): the call's own fields, those stored another way converted. */
export function callToParams(connectionId: number, call: CallFields): Record<string, unknown> {
  const params: Record<string, unknown> = { ...call, connectionId };
  for (const f of CONVERTED_ON_WRITE) params[f.key] = f.toSql?.(params[f.key]);
  return params;
}

/** A selected row as the UI lists it, its keys in table order. Converted in place: each row comes fresh from SQLite and is read once. */
export function rowToCall(row: CallRowRecord): CallRow {
  const values = row as unknown as Record<string, unknown>;
  for (const f of CONVERTED_ON_READ) values[f.key] = f.fromSql?.(values[f.key]);
  return values as unknown as CallRow;
}
