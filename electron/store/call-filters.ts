import type { CallFilters } from '../../shared/calls';
import { bound, raw, sql, type Sql } from './sql';

/**
 * The calls table's filters as `WHERE` conditions (calls aliased `c`), each
 * with its own parameters: every value a person chose is bound, never spliced.
 */
export function filterConditions(filters: CallFilters): Sql[] {
  const where: Sql[] = [];
  // One value (the usual pick in the UI) is an equality the planner can seek in
  // the filter's own index. Several go in one JSON parameter, so the SQL text stays
  // the same whatever the list's length; the unary + keeps the planner from seeking
  // each value there, which loses the index's order and sorts every match (0.4 s
  // for two statuses on a million calls): the sort's own index reads on, checking each.
  const inList = (column: string, name: string, values: readonly (string | number)[]) => {
    const [only] = values;
    where.push(
      values.length === 1 && only !== undefined
        ? sql`${column} = ${bound(name, only)}`
        : sql`+${column} IN (SELECT value FROM json_each(${bound(name, JSON.stringify(values))}))`,
    );
  };
  if (filters.fromMs !== undefined) where.push(sql`c.started_at_ms >= ${bound('fromMs', filters.fromMs)}`);
  if (filters.toMs !== undefined) where.push(sql`c.started_at_ms < ${bound('toMs', filters.toMs)}`);
  if (filters.connectionIds?.length) inList('c.connection_id', 'connectionIds', filters.connectionIds);
  if (filters.vendors?.length) {
    where.push(
      sql`c.connection_id IN (SELECT id FROM connections WHERE vendor IN (SELECT value FROM json_each(${bound('vendors', JSON.stringify(filters.vendors))})))`,
    );
  }
  if (filters.directions?.length) inList('c.direction', 'directions', filters.directions);
  if (filters.statuses?.length) inList('c.status', 'statuses', filters.statuses);
  if (filters.userIds?.length) inList('c.user_id', 'userIds', filters.userIds);
  if (filters.people?.length) where.push(peopleCondition(filters.people));
  // No index of its own: checked along whichever index the other filters or the sort read.
  if (filters.handlerKinds?.length) {
    where.push(sql`+c.handler_kind IN (SELECT value FROM json_each(${bound('handlerKinds', JSON.stringify(filters.handlerKinds))}))`);
  }
  if (filters.contactTypes?.length) inList('c.contact_type', 'contactTypes', filters.contactTypes);
  if (filters.hasTranscript !== undefined) where.push(raw(`c.has_transcript = ${filters.hasTranscript ? 1 : 0}`));
  // An equality, so it seeks calls_by_processed (migration 7); vendors without the tick (null) match neither choice.
  if (filters.processed !== undefined) where.push(raw(`c.is_processed = ${filters.processed ? 1 : 0}`));
  if (filters.minTalkSeconds !== undefined) where.push(sql`c.talk_seconds >= ${bound('minTalkSeconds', filters.minTalkSeconds)}`);
  if (filters.trackerIds?.length) {
    // Checked per call along the order's own index (call_tracker_hits' primary key starts with the call).
    const side = filters.trackerSide ? sql` AND h.side = ${bound('trackerSide', filters.trackerSide)}` : raw('');
    where.push(
      sql`EXISTS (SELECT 1 FROM call_tracker_hits h WHERE h.call_id = c.id AND h.tracker_id IN (SELECT value FROM json_each(${bound('trackerIds', JSON.stringify(filters.trackerIds))}))${side})`,
    );
  }
  if (!filters.includeDeleted) where.push(raw('c.deleted_at_ms IS NULL'));
  if (!filters.includeTestCalls) where.push(raw('c.is_test = 0'));
  return where;
}

/** Stands for "no user" in the people list, as SQL's IN never matches a NULL: no vendor id is empty. */
const NO_USER = "''";

/**
 * Exactly these people (connection and user id). One person (a drill-down from
 * a row) seeks calls_by_user (user id, start time) like the user filter; the
 * unary + on the connection keeps the planner from choosing calls_by_connection,
 * which reads every call of the connection. Several (a team, a section) are one
 * JSON parameter checked along the sort's index, as a list of values is.
 */
function peopleCondition(people: NonNullable<CallFilters['people']>): Sql {
  const [only] = people;
  if (people.length === 1 && only) {
    const connection = bound('personConnection', only.connectionId);
    if (only.userId === null) return sql`c.user_id IS NULL AND +c.connection_id = ${connection}`;
    return sql`c.user_id = ${bound('personUser', only.userId)} AND +c.connection_id = ${connection}`;
  }
  return sql`(+c.connection_id, coalesce(c.user_id, ${NO_USER})) IN
    (SELECT json_extract(value, '$.connectionId'), coalesce(json_extract(value, '$.userId'), ${NO_USER}) FROM json_each(${bound('people', JSON.stringify(people))}))`;
}
