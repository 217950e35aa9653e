import type { TimeWindow } from '../vendors/connector';
import type { Db } from './db';
import { prepared } from './statements';

/** How far a connection's current reconciliation pass has come. */
export interface ReconcilePass {
  fromMs: number;
  /** Every call before this instant has been checked against the vendor in this pass. */
  throughMs: number;
  startedAtMs: number;
  completedAtMs: number | null;
}

interface PassRow {
  from_ms: number;
  through_ms: number;
  started_at_ms: number;
  completed_at_ms: number | null;
}

export function getReconcilePass(db: Db, connectionId: number): ReconcilePass | null {
  const row = prepared<[number], PassRow>(db, `SELECT from_ms, through_ms, started_at_ms, completed_at_ms FROM reconcile_passes WHERE connection_id = ?`).get(
    connectionId,
  );
  return row ? { fromMs: row.from_ms, throughMs: row.through_ms, startedAtMs: row.started_at_ms, completedAtMs: row.completed_at_ms } : null;
}

/** Starts a new pass over [fromMs, now), replacing a finished one. */
export function beginReconcilePass(db: Db, connectionId: number, fromMs: number, nowMs: number): void {
  prepared(
    db,
    `INSERT INTO reconcile_passes (connection_id, from_ms, through_ms, started_at_ms, completed_at_ms) VALUES (?, ?, ?, ?, NULL)
     ON CONFLICT (connection_id) DO UPDATE SET from_ms = excluded.from_ms, through_ms = excluded.through_ms,
       started_at_ms = excluded.started_at_ms, completed_at_ms = NULL`,
  ).run(connectionId, fromMs, fromMs, nowMs);
}

/** Call in the transaction that wrote the window it covers, like a checkpoint. */
export function advanceReconcilePass(db: Db, connectionId: number, throughMs: number): void {
  prepared(db, `UPDATE reconcile_passes SET through_ms = max(through_ms, ?) WHERE connection_id = ?`).run(throughMs, connectionId);
}

export function completeReconcilePass(db: Db, connectionId: number, nowMs: number): void {
  prepared(db, `UPDATE reconcile_passes SET completed_at_ms = ? WHERE connection_id = ?`).run(nowMs, connectionId);
}

/** When the connection's oldest stored call started, or null when it has none. */
export function oldestCallMs(db: Db, connectionId: number): number | null {
  return prepared<[number], { at: number | null }>(db, `SELECT min(started_at_ms) AS at FROM calls WHERE connection_id = ?`).get(connectionId)?.at ?? null;
}

export interface GoneScope {
  window: TimeWindow;
  /** Every vendor id the re-read of the window returned. */
  seen: ReadonlySet<string>;
  /** When the connection reads only some agents, only their calls can be judged. */
  userIds?: readonly string[];
}

/**
 * Marks the stored calls of a fully re-read window that the vendor no longer
 * returned as gone, and removes their personal data: the contact's name and
 * number, the summary, the recording link, the transcript and the raw record
 * (which holds all of those). What remains (when, how long, which agent or
 * recruiter, the outcome) keeps activity true to the calls that happened.
 * A call seen again (a vendor that restored it) is no longer gone.
 * Returns how many calls were newly found gone.
 */
export function markGoneCalls(db: Db, connectionId: number, scope: GoneScope, nowMs: number): number {
  const seen = JSON.stringify([...scope.seen]);
  const users = scope.userIds && scope.userIds.length > 0 ? JSON.stringify(scope.userIds) : null;
  prepared(
    db,
    `UPDATE calls SET gone_at_ms = NULL
     WHERE connection_id = ? AND gone_at_ms IS NOT NULL AND vendor_call_id IN (SELECT value FROM json_each(?))`,
  ).run(connectionId, seen);
  const gone = prepared<[{ connectionId: number; fromMs: number; toMs: number; seen: string; users: string | null }], number>(
    db,
    `SELECT id FROM calls
     WHERE connection_id = @connectionId AND started_at_ms >= @fromMs AND started_at_ms < @toMs AND gone_at_ms IS NULL
       AND vendor_call_id NOT IN (SELECT value FROM json_each(@seen))
       AND (@users IS NULL OR user_id IN (SELECT value FROM json_each(@users)))`,
  )
    .pluck()
    .all({ connectionId, fromMs: scope.window.fromMs, toMs: scope.window.toMs, seen, users });
  const scrub = prepared<[{ id: number; nowMs: number }]>(
    db,
    `UPDATE calls SET gone_at_ms = @nowMs, deleted_at_ms = coalesce(deleted_at_ms, @nowMs), contact_name = NULL, contact_number = NULL,
       summary = NULL, recording_url = NULL, recording_url_expires_at_ms = NULL, has_transcript = 0, raw_json = '{"gone":true}',
       changed_at_ms = @nowMs
     WHERE id = @id`,
  );
  const dropTranscript = prepared(db, `DELETE FROM transcripts WHERE call_id = ?`);
  for (const id of gone) {
    dropTranscript.run(id);
    scrub.run({ id, nowMs });
  }
  return gone.length;
}
