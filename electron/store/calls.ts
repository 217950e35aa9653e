import type { CallFields, CallRow } from '../../shared/calls';
import {
  CALL_CONFLICT_COLUMNS,
  CALL_INSERT,
  CALL_PARAMETERS,
  CALL_ROW_SELECT,
  CALL_WRITE_COLUMNS,
  callMerge,
  callToParams,
  rowToCall,
  type CallRowRecord,
} from './call-fields';
import type { Db } from './db';
import { prepared, upsertSql } from './statements';

const upsertCallSql = (fromDetail: boolean) =>
  upsertSql({
    table: 'calls',
    columns: CALL_WRITE_COLUMNS,
    conflictColumns: CALL_CONFLICT_COLUMNS,
    changedAtColumn: 'changed_at_ms',
    merge: callMerge({ fromDetail }),
    insert: CALL_INSERT,
    parameters: CALL_PARAMETERS,
  });
const UPSERT_CALL = upsertCallSql(false);
/** For a call re-read from its detail: the stored raw record stays the list's, so the next list read changes nothing. */
const UPSERT_CALL_KEEPING_RAW = upsertCallSql(true);

/**
 * Inserts new calls and updates changed ones in one transaction. Returns how
 * many rows really changed: identical records are left untouched. With
 * `fromDetail`, an existing call keeps its stored raw record.
 */
export function upsertCalls(db: Db, connectionId: number, calls: readonly CallFields[], nowMs = Date.now(), options: { fromDetail?: boolean } = {}): number {
  const statement = prepared<[Record<string, unknown>]>(db, options.fromDetail ? UPSERT_CALL_KEEPING_RAW : UPSERT_CALL);
  return db.transaction(() => {
    let changed = 0;
    for (const call of calls) {
      const params = callToParams(connectionId, call);
      params.changed_at_ms = nowMs;
      changed += statement.run(params).changes;
    }
    return changed;
  })();
}

export function getCall(db: Db, id: number): CallRow | null {
  const row = prepared<[number], CallRowRecord>(db, `SELECT ${CALL_ROW_SELECT} FROM calls c JOIN connections k ON k.id = c.connection_id WHERE c.id = ?`).get(
    id,
  );
  return row ? rowToCall(row) : null;
}

export function findCallId(db: Db, connectionId: number, vendorCallId: string): number | null {
  const row = prepared<[number, string], { id: number }>(db, `SELECT id FROM calls WHERE connection_id = ? AND vendor_call_id = ?`).get(
    connectionId,
    vendorCallId,
  );
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
