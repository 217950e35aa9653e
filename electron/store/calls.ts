import type { CallFields, CallRow, CallStatus, Direction, HandlerKind } from '../../shared/calls';
import type { Vendor } from '../../shared/vendors';
import type { Db } from './db';
import { bit, prepared, upsertSql } from './statements';

/** Columns written from a connector's record, in table order. */
const CALL_COLUMNS = [
  'connection_id',
  'vendor_call_id',
  'direction',
  'status',
  'vendor_status',
  'started_at_ms',
  'ended_at_ms',
  'talk_seconds',
  'total_seconds',
  'handler_kind',
  'user_id',
  'user_name',
  'user_email',
  'user_number',
  'contact_name',
  'contact_number',
  'contact_type',
  'summary',
  'score',
  'sentiment',
  'has_transcript',
  'is_purged',
  'is_processed',
  'is_test',
  'deleted_at_ms',
  'recording_url',
  'recording_url_expires_at_ms',
  'vendor_updated_at_ms',
  'raw_json',
] as const;

/** Columns some vendors send only in a call's detail (TalkPilot's score and signed recording link, an agent's name): a list page without them keeps what a detail stored. */
const keepStored = (column: string) => `COALESCE(excluded.${column}, calls.${column})`;
const CALL_MERGE: Readonly<Record<string, string>> = {
  score: keepStored('score'),
  sentiment: keepStored('sentiment'),
  user_name: keepStored('user_name'),
  user_number: keepStored('user_number'),
  // A record that does not say (null) leaves staff's last known tick as it was.
  is_processed: keepStored('is_processed'),
  // A purge at the vendor removes the recording: it must go here too, whatever was stored.
  recording_url: `CASE WHEN excluded.is_purged = 1 THEN NULL ELSE ${keepStored('recording_url')} END`,
  recording_url_expires_at_ms: `CASE WHEN excluded.is_purged = 1 THEN NULL ELSE ${keepStored('recording_url_expires_at_ms')} END`,
  // Null means "this record does not say" (see CallFields.hasTranscript). The
  // parameter is read directly: `excluded` already holds the insert default.
  has_transcript: 'COALESCE(@has_transcript, calls.has_transcript)',
};

const upsertCallSql = (merge: Readonly<Record<string, string>>) =>
  upsertSql({
    table: 'calls',
    columns: CALL_COLUMNS,
    conflictColumns: ['connection_id', 'vendor_call_id'],
    changedAtColumn: 'changed_at_ms',
    merge,
    // A new call whose record cannot say is assumed to have one, and asked about once.
    insert: { has_transcript: 'COALESCE(@has_transcript, 1)' },
  });
const UPSERT_CALL = upsertCallSql(CALL_MERGE);
/** For a call re-read from its detail: the stored raw record stays the list's, so the next list read changes nothing. */
const UPSERT_CALL_KEEPING_RAW = upsertCallSql({ ...CALL_MERGE, raw_json: 'calls.raw_json' });

type CallParams = Record<(typeof CALL_COLUMNS)[number] | 'changed_at_ms', string | number | null>;

function callToParams(connectionId: number, call: CallFields, nowMs: number): CallParams {
  return {
    connection_id: connectionId,
    vendor_call_id: call.vendorCallId,
    direction: call.direction,
    status: call.status,
    vendor_status: call.vendorStatus,
    started_at_ms: call.startedAtMs,
    ended_at_ms: call.endedAtMs,
    talk_seconds: call.talkSeconds,
    total_seconds: call.totalSeconds,
    handler_kind: call.handlerKind,
    user_id: call.userId,
    user_name: call.userName,
    user_email: call.userEmail,
    user_number: call.userNumber,
    contact_name: call.contactName,
    contact_number: call.contactNumber,
    contact_type: call.contactType,
    summary: call.summary,
    score: call.score,
    sentiment: call.sentiment,
    has_transcript: call.hasTranscript === null ? null : bit(call.hasTranscript),
    is_purged: bit(call.isPurged),
    is_processed: call.isProcessed === undefined || call.isProcessed === null ? null : bit(call.isProcessed),
    is_test: bit(call.isTest),
    deleted_at_ms: call.deletedAtMs,
    recording_url: call.recordingUrl,
    recording_url_expires_at_ms: call.recordingUrlExpiresAtMs,
    vendor_updated_at_ms: call.vendorUpdatedAtMs,
    raw_json: JSON.stringify(call.raw ?? null),
    changed_at_ms: nowMs,
  };
}

/**
 * Inserts new calls and updates changed ones in one transaction. Returns how
 * many rows really changed: identical records are left untouched. With
 * `fromDetail`, an existing call keeps its stored raw record.
 */
export function upsertCalls(db: Db, connectionId: number, calls: readonly CallFields[], nowMs = Date.now(), options: { fromDetail?: boolean } = {}): number {
  const statement = prepared<[CallParams]>(db, options.fromDetail ? UPSERT_CALL_KEEPING_RAW : UPSERT_CALL);
  return db.transaction(() => {
    let changed = 0;
    for (const call of calls) changed += statement.run(callToParams(connectionId, call, nowMs)).changes;
    return changed;
  })();
}

/** The columns the UI needs, without the raw vendor JSON. Used by every call read. */
export const CALL_ROW_SELECT = `
  c.id, c.connection_id, k.label AS connection_label, k.vendor, c.vendor_call_id, c.direction, c.status,
  c.vendor_status, c.started_at_ms, c.ended_at_ms, c.talk_seconds, c.total_seconds, c.handler_kind,
  c.user_id, c.user_name, c.user_email, c.user_number, c.contact_name, c.contact_number, c.contact_type,
  c.summary, c.score, c.sentiment, c.has_transcript, c.is_purged, c.is_processed, c.is_test, c.deleted_at_ms, c.recording_url,
  c.recording_url_expires_at_ms, c.vendor_updated_at_ms`;

export interface CallRowRecord {
  id: number;
  connection_id: number;
  connection_label: string;
  vendor: Vendor;
  vendor_call_id: string;
  direction: Direction;
  status: CallStatus;
  vendor_status: string | null;
  started_at_ms: number;
  ended_at_ms: number | null;
  talk_seconds: number | null;
  total_seconds: number | null;
  handler_kind: HandlerKind;
  user_id: string | null;
  user_name: string | null;
  user_email: string | null;
  user_number: string | null;
  contact_name: string | null;
  contact_number: string | null;
  contact_type: string | null;
  summary: string | null;
  score: number | null;
  sentiment: string | null;
  has_transcript: 0 | 1;
  is_purged: 0 | 1;
  is_processed: 0 | 1 | null;
  is_test: 0 | 1;
  deleted_at_ms: number | null;
  recording_url: string | null;
  recording_url_expires_at_ms: number | null;
  vendor_updated_at_ms: number | null;
}

export function rowToCall(row: CallRowRecord): CallRow {
  return {
    id: row.id,
    connectionId: row.connection_id,
    connectionLabel: row.connection_label,
    vendor: row.vendor,
    vendorCallId: row.vendor_call_id,
    direction: row.direction,
    status: row.status,
    vendorStatus: row.vendor_status,
    startedAtMs: row.started_at_ms,
    endedAtMs: row.ended_at_ms,
    talkSeconds: row.talk_seconds,
    totalSeconds: row.total_seconds,
    handlerKind: row.handler_kind,
    userId: row.user_id,
    userName: row.user_name,
    userEmail: row.user_email,
    userNumber: row.user_number,
    contactName: row.contact_name,
    contactNumber: row.contact_number,
    contactType: row.contact_type,
    summary: row.summary,
    score: row.score,
    sentiment: row.sentiment,
    hasTranscript: row.has_transcript === 1,
    isPurged: row.is_purged === 1,
    isProcessed: row.is_processed === null ? null : row.is_processed === 1,
    isTest: row.is_test === 1,
    deletedAtMs: row.deleted_at_ms,
    recordingUrl: row.recording_url,
    recordingUrlExpiresAtMs: row.recording_url_expires_at_ms,
    vendorUpdatedAtMs: row.vendor_updated_at_ms,
  };
}

export function getCall(db: Db, id: number): CallRow | null {
  const row = prepared<[number], CallRowRecord>(
    db,
    `SELECT ${CALL_ROW_SELECT} FROM calls c JOIN connections k ON k.id = c.connection_id WHERE c.id = ?`,
  ).get(id);
  return row ? rowToCall(row) : null;
}

export function findCallId(db: Db, connectionId: number, vendorCallId: string): number | null {
  const row = prepared<[number, string], { id: number }>(
    db,
    `SELECT id FROM calls WHERE connection_id = ? AND vendor_call_id = ?`,
  ).get(connectionId, vendorCallId);
  return row?.id ?? null;
}

/** The largest call id stored (0 when none): a new call's id is always above it. */
export function largestCallId(db: Db): number {
  return prepared<[], { id: number }>(db, `SELECT coalesce(max(id), 0) AS id FROM calls`).get()?.id ?? 0;
}

/** Calls stored with an id above `id`: within one write transaction, the calls it inserted. */
export function countCallsAfter(db: Db, id: number): number {
  return prepared<[number], { n: number }>(db, `SELECT count(*) AS n FROM calls WHERE id > ?`).get(id)?.n ?? 0;
}
