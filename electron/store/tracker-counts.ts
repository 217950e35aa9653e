import type { CallTrackerHit, TrackerPersonCount, TrackerSide } from '../../shared/trackers';
import type { ActivityQuery } from './activity-totals';
import type { Db } from './db';
import { prepared } from './statements';

/**
 * Per recruiter or agent, how many of their calls that started in
 * [fromMs, toMs) hit each tracker, and on which side. The same calls as the
 * activity figures derived from calls: test calls never count, calls deleted
 * at the vendor count unless `excludeDeleted`. Reads the hits of the range
 * (call_tracker_hits_by_start), then each hit call once.
 */
const COUNTS_SQL = `
  SELECT c.connection_id AS connectionId, c.user_id AS userId, h.tracker_id AS trackerId,
    count(*) AS calls, sum(h.ours) AS oursCalls, sum(h.contact) AS contactCalls
  FROM (SELECT call_id, tracker_id, max(side = 'ours') AS ours, max(side = 'contact') AS contact
        FROM call_tracker_hits WHERE started_at_ms >= @fromMs AND started_at_ms < @toMs
        -- The index's own order (a call has one start time): one pass, no sort.
        GROUP BY started_at_ms, call_id, tracker_id) AS h
  CROSS JOIN calls c ON c.id = h.call_id
  WHERE c.is_test = 0 AND (@excludeDeleted = 0 OR (c.deleted_at_ms IS NULL AND c.gone_at_ms IS NULL))
    AND (@connectionId IS NULL OR c.connection_id = @connectionId)
  GROUP BY c.connection_id, c.user_id, h.tracker_id
  ORDER BY c.connection_id, c.user_id, h.tracker_id`;

export function trackerCountsByPerson(db: Db, query: ActivityQuery): TrackerPersonCount[] {
  return prepared<[Record<string, number | null>], TrackerPersonCount>(db, COUNTS_SQL).all({
    fromMs: query.fromMs,
    toMs: query.toMs,
    connectionId: query.connectionId ?? null,
    excludeDeleted: query.excludeDeleted ? 1 : 0,
  });
}

/** Ids per statement: one JSON parameter, so the SQL stays the same whatever the count. */
const IDS_CHUNK = 5_000;

/** The names of the trackers each call hit, by name, for the calls workbook's "Trackers" column. Calls that hit none are absent. */
export function trackerNamesByCall(db: Db, callIds: readonly number[]): Map<number, string[]> {
  const names = new Map<number, string[]>();
  const statement = prepared<[string], { call_id: number; name: string }>(
    db,
    `SELECT DISTINCT h.call_id, t.name FROM call_tracker_hits h CROSS JOIN trackers t ON t.id = h.tracker_id
     WHERE h.call_id IN (SELECT value FROM json_each(?)) ORDER BY h.call_id, t.name COLLATE NOCASE`,
  );
  for (let at = 0; at < callIds.length; at += IDS_CHUNK) {
    for (const { call_id, name } of statement.all(JSON.stringify(callIds.slice(at, at + IDS_CHUNK)))) {
      const list = names.get(call_id);
      if (list) list.push(name);
      else names.set(call_id, [name]);
    }
  }
  return names;
}

/** The trackers one call hit, with the sides, for the transcript reader. */
export function trackersOfCall(db: Db, callId: number): CallTrackerHit[] {
  const rows = prepared<[number], { trackerId: number; name: string; side: TrackerSide }>(
    db,
    `SELECT h.tracker_id AS trackerId, t.name, h.side FROM call_tracker_hits h CROSS JOIN trackers t ON t.id = h.tracker_id
     WHERE h.call_id = ? ORDER BY t.name COLLATE NOCASE, h.side DESC`,
  ).all(callId);
  const hits = new Map<number, CallTrackerHit>();
  for (const row of rows) {
    const hit = hits.get(row.trackerId) ?? { trackerId: row.trackerId, name: row.name, sides: [] };
    hit.sides.push(row.side);
    hits.set(row.trackerId, hit);
  }
  return [...hits.values()];
}
