import type { CallTrackerHit, TrackerPersonCount, TrackerSide } from '../../shared/trackers';
import type { ActivityQuery } from './activity-totals';
import { readSpans, dayParams, summedPerPerson } from './activity-days';
import type { Db } from './db';
import { TRACKER_DAYS } from './day-totals';
import { prepared } from './statements';

/**
 * Per recruiter or agent, how many of their calls that started in
 * [fromMs, toMs) hit each tracker, and on which side. The same calls as the
 * activity figures derived from calls: test calls never count, calls deleted
 * at the vendor count unless `excludeDeleted`. From the tracker day totals and
 * the hits not summed there yet (store/activity-days.ts).
 */
export const TRACKER_COUNTS_SQL = `WITH ${readSpans(TRACKER_DAYS)}
  SELECT u.connection_id AS connectionId, u.user_id AS userId, u.tracker_id AS trackerId,
    sum(u.calls) AS calls, sum(u.ours_calls) AS oursCalls, sum(u.contact_calls) AS contactCalls
  FROM (${summedPerPerson(TRACKER_DAYS, 'tracker_days_by_person')}) u
  GROUP BY u.connection_id, u.user_id, u.tracker_id
  ORDER BY u.connection_id, u.user_id, u.tracker_id`;

export function trackerCountsByPerson(db: Db, query: ActivityQuery): TrackerPersonCount[] {
  const params = dayParams(query.fromMs, query.toMs, query.connectionId, query.excludeDeleted);
  return prepared<[typeof params], TrackerPersonCount>(db, TRACKER_COUNTS_SQL).all(params);
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
