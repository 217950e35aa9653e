import type { ConnectionSummary } from '../../shared/connections';
import type { SyncCheckpoint, SyncRun, SyncRunStatus, SyncStream } from '../../shared/sync';
import { databaseFile, isSyncingElsewhere } from '../sync/lock';
import type { Db } from './db';
import { prepared } from './statements';

/** How far a stream is complete, or null before its first sync. */
export function getCheckpoint(db: Db, connectionId: number, stream: SyncStream): SyncCheckpoint | null {
  const row = prepared<[number, SyncStream], { synced_through_ms: number; updated_at_ms: number }>(
    db,
    `SELECT synced_through_ms, updated_at_ms FROM sync_checkpoints WHERE connection_id = ? AND stream = ?`,
  ).get(connectionId, stream);
  return row ? { connectionId, stream, syncedThroughMs: row.synced_through_ms, updatedAtMs: row.updated_at_ms } : null;
}

/**
 * Moves a checkpoint. Call it inside the transaction that wrote the data it
 * covers, so a crash can never leave a checkpoint ahead of its data. It never
 * moves backwards: a re-read of an older window leaves it where it is.
 */
export function advanceCheckpoint(db: Db, connectionId: number, stream: SyncStream, syncedThroughMs: number, nowMs = Date.now()): void {
  prepared(
    db,
    `INSERT INTO sync_checkpoints (connection_id, stream, synced_through_ms, updated_at_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (connection_id, stream) DO UPDATE SET synced_through_ms = excluded.synced_through_ms, updated_at_ms = excluded.updated_at_ms
     WHERE excluded.synced_through_ms > sync_checkpoints.synced_through_ms`,
  ).run(connectionId, stream, syncedThroughMs, nowMs);
}

interface SyncRunRow {
  id: number;
  connection_id: number | null;
  status: SyncRunStatus;
  started_at_ms: number;
  finished_at_ms: number | null;
  calls_written: number;
  calls_new: number | null;
  transcripts_written: number;
  activity_rows_written: number;
  warning_count: number;
  error_message: string | null;
  reconcile: number;
  calls_gone: number;
}

const rowToRun = (row: SyncRunRow): SyncRun => ({
  id: row.id,
  connectionId: row.connection_id,
  status: row.status,
  startedAtMs: row.started_at_ms,
  finishedAtMs: row.finished_at_ms,
  callsWritten: row.calls_written,
  callsNew: row.calls_new,
  transcriptsWritten: row.transcripts_written,
  activityRowsWritten: row.activity_rows_written,
  warningCount: row.warning_count,
  errorMessage: row.error_message,
  reconcile: row.reconcile === 1,
  callsGone: row.calls_gone,
});

export function startSyncRun(db: Db, connectionId: number, nowMs = Date.now(), options: { reconcile?: boolean } = {}): number {
  return Number(
    prepared(db, `INSERT INTO sync_runs (connection_id, status, started_at_ms, reconcile, calls_new) VALUES (?, 'running', ?, ?, 0)`).run(
      connectionId,
      nowMs,
      options.reconcile ? 1 : 0,
    ).lastInsertRowid,
  );
}

export interface RunCounts {
  calls?: number;
  /** Of `calls`, those stored for the first time. */
  newCalls?: number;
  transcripts?: number;
  activityRows?: number;
  /** Calls a reconciliation found the vendor no longer has. */
  callsGone?: number;
}

/** Adds to a run's counts; called in the same transaction as the writes it counts. */
export function countInRun(db: Db, runId: number, counts: RunCounts): void {
  prepared(
    db,
    `UPDATE sync_runs SET calls_written = calls_written + ?, calls_new = calls_new + ?, transcripts_written = transcripts_written + ?,
       activity_rows_written = activity_rows_written + ?, calls_gone = calls_gone + ? WHERE id = ?`,
  ).run(counts.calls ?? 0, counts.newCalls ?? 0, counts.transcripts ?? 0, counts.activityRows ?? 0, counts.callsGone ?? 0, runId);
}

export interface NewWarning {
  stream: SyncStream;
  vendorRecordId: string | null;
  message: string;
  raw: unknown;
}

export function addSyncWarnings(db: Db, runId: number, warnings: readonly NewWarning[], nowMs = Date.now()): void {
  if (!warnings.length) return;
  const insert = prepared(db, `INSERT INTO sync_warnings (run_id, stream, vendor_record_id, message, raw_json, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const w of warnings) insert.run(runId, w.stream, w.vendorRecordId, w.message, JSON.stringify(w.raw ?? null), nowMs);
  prepared(db, `UPDATE sync_runs SET warning_count = warning_count + ? WHERE id = ?`).run(warnings.length, runId);
}

export function finishSyncRun(db: Db, runId: number, status: Exclude<SyncRunStatus, 'running'>, errorMessage: string | null, nowMs = Date.now()): SyncRun {
  prepared(db, `UPDATE sync_runs SET status = ?, error_message = ?, finished_at_ms = ? WHERE id = ?`).run(status, errorMessage, nowMs, runId);
  return getSyncRun(db, runId) as SyncRun;
}

export function getSyncRun(db: Db, runId: number): SyncRun | null {
  const row = prepared<[number], SyncRunRow>(db, `SELECT * FROM sync_runs WHERE id = ?`).get(runId);
  return row ? rowToRun(row) : null;
}

/** Newest first, for the sync history. */
export function listSyncRuns(db: Db, options: { connectionId?: number; limit?: number } = {}): SyncRun[] {
  const rows =
    options.connectionId === undefined
      ? prepared<[number], SyncRunRow>(db, `SELECT * FROM sync_runs ORDER BY started_at_ms DESC, id DESC LIMIT ?`).all(options.limit ?? 50)
      : prepared<[number, number], SyncRunRow>(db, `SELECT * FROM sync_runs WHERE connection_id = ? ORDER BY started_at_ms DESC, id DESC LIMIT ?`).all(
          options.connectionId,
          options.limit ?? 50,
        );
  return rows.map(rowToRun);
}

const INTERRUPTED = 'Interrupted: Talktally stopped before this sync finished. The next sync carried on from where it stopped.';

/**
 * A run of this connection left "running" by a crash or a kill is over: say
 * so in the history. Returns how many were. While another process holds the
 * connection's sync lock, its "running" run is live (it closed the dead ones
 * when it took the lock), so nothing is closed.
 */
export function closeInterruptedRuns(db: Db, connectionId: number, nowMs: number, message = INTERRUPTED): number {
  const file = databaseFile(db);
  if (file && isSyncingElsewhere(file, connectionId)) return 0;
  return prepared(db, `UPDATE sync_runs SET status = 'failed', finished_at_ms = ?, error_message = ? WHERE connection_id = ? AND status = 'running'`).run(
    nowMs,
    message,
    connectionId,
  ).changes;
}

/** The first records a run had to skip, in plain words, for the sync history. */
export function listRunWarnings(db: Db, runId: number, limit: number): { vendorRecordId: string | null; message: string }[] {
  return prepared<[number, number], { vendorRecordId: string | null; message: string }>(
    db,
    `SELECT vendor_record_id AS vendorRecordId, message FROM sync_warnings WHERE run_id = ? ORDER BY id LIMIT ?`,
  ).all(runId, limit);
}

/** How the connection's latest finished sync ended, or null before the first. */
export function lastFinishedRun(db: Db, connectionId: number): ConnectionSummary['lastRun'] {
  const row = prepared<[number], { status: Exclude<SyncRunStatus, 'running'>; finishedAtMs: number; errorMessage: string | null }>(
    db,
    `SELECT status, finished_at_ms AS finishedAtMs, error_message AS errorMessage FROM sync_runs
     WHERE connection_id = ? AND status <> 'running' AND finished_at_ms IS NOT NULL ORDER BY finished_at_ms DESC, id DESC LIMIT 1`,
  ).get(connectionId);
  return row ?? null;
}

/** When the connection last finished a sync that did not fail (succeeded, or skipped some records), or null. */
export function lastGoodSyncMs(db: Db, connectionId: number): number | null {
  return (
    prepared<[number], { at: number | null }>(
      db,
      `SELECT max(finished_at_ms) AS at FROM sync_runs WHERE connection_id = ? AND status IN ('succeeded', 'partial')`,
    ).get(connectionId)?.at ?? null
  );
}
