import type { CallFacets } from '../../shared/calls';
import type { Db } from './db';
import { prepared } from './statements';

/**
 * The distinct values of an indexed column, found by seeking from one value to
 * the next (a few index reads per value) instead of reading every call.
 */
const distinctSql = (column: 'user_id' | 'contact_type') => `
  WITH RECURSIVE seen(value) AS (
    SELECT min(${column}) FROM calls
    UNION ALL
    SELECT (SELECT min(${column}) FROM calls WHERE ${column} > seen.value) FROM seen WHERE seen.value IS NOT NULL
  )
  SELECT value FROM seen WHERE value IS NOT NULL`;

/** What the calls screen's filter lists offer: every recruiter and agent, and every contact type. */
export function callFacets(db: Db): CallFacets {
  const userIds = prepared<[], string>(db, distinctSql('user_id')).pluck().all();
  // The name on the user's latest call: people get renamed, the newest spelling is the one users know.
  const latest = prepared<[string], { name: string | null; kind: 'recruiter' | 'ai_agent'; label: string }>(
    db,
    `SELECT c.user_name AS name, c.handler_kind AS kind, k.label AS label
     FROM calls c JOIN connections k ON k.id = c.connection_id WHERE c.user_id = ? ORDER BY c.started_at_ms DESC LIMIT 1`,
  );
  const users = userIds.map((id) => {
    const row = latest.get(id);
    return { id, name: row?.name ?? id, kind: row?.kind ?? 'recruiter', connectionLabel: row?.label ?? '' };
  });
  users.sort((a, b) => a.name.localeCompare(b.name));
  return { users, contactTypes: prepared<[], string>(db, distinctSql('contact_type')).pluck().all() };
}
