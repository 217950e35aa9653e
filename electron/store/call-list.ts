import type { CallFilters, CallListQuery, CallPage, CallSort } from '../../shared/calls';
import { CALL_ROW_SELECT, rowToCall, type CallRowRecord } from './calls';
import type { Db } from './database';
import { prepared } from './statements';
import { parseSearchText, type SearchText } from './search-text';

type Params = Record<string, string | number>;

/** Builds `WHERE` conditions for the filters; every value is a bound parameter. */
function filterConditions(filters: CallFilters, params: Params): string[] {
  const where: string[] = [];
  // One JSON parameter per list keeps the SQL text the same whatever the list's length.
  const inList = (column: string, name: string, values: readonly (string | number)[]) => {
    params[name] = JSON.stringify(values);
    where.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
  };
  if (filters.fromMs !== undefined) {
    params.fromMs = filters.fromMs;
    where.push('c.started_at_ms >= @fromMs');
  }
  if (filters.toMs !== undefined) {
    params.toMs = filters.toMs;
    where.push('c.started_at_ms < @toMs');
  }
  if (filters.connectionIds?.length) inList('c.connection_id', 'connectionIds', filters.connectionIds);
  if (filters.vendors?.length) {
    params.vendors = JSON.stringify(filters.vendors);
    where.push(`c.connection_id IN (SELECT id FROM connections WHERE vendor IN (SELECT value FROM json_each(@vendors)))`);
  }
  if (filters.directions?.length) inList('c.direction', 'directions', filters.directions);
  if (filters.statuses?.length) inList('c.status', 'statuses', filters.statuses);
  if (filters.userIds?.length) inList('c.user_id', 'userIds', filters.userIds);
  if (filters.contactTypes?.length) inList('c.contact_type', 'contactTypes', filters.contactTypes);
  if (filters.hasTranscript !== undefined) where.push(`c.has_transcript = ${filters.hasTranscript ? 1 : 0}`);
  if (filters.minTalkSeconds !== undefined) {
    params.minTalkSeconds = filters.minTalkSeconds;
    where.push('c.talk_seconds >= @minTalkSeconds');
  }
  if (!filters.includeDeleted) where.push('c.deleted_at_ms IS NULL');
  return where;
}

/**
 * The calls the search text finds, each with a score (lower is better, as
 * bm25 gives it). A phone-number match ranks above any word match.
 */
function matchesCte(search: SearchText, params: Params): string {
  const parts: string[] = [];
  if (search.words) {
    params.words = search.words;
    parts.push(`SELECT rowid AS id, bm25(calls_fts, 4.0, 3.0, 2.0, 1.0) AS score FROM calls_fts WHERE calls_fts MATCH @words`);
  }
  if (search.digits) {
    params.digits = search.digits;
    parts.push(`SELECT rowid AS id, -1e9 AS score FROM call_numbers_fts WHERE call_numbers_fts MATCH @digits`);
  }
  return `matches AS (SELECT id, min(score) AS score FROM (${parts.join(' UNION ALL ')}) GROUP BY id)`;
}

const SORT_EXPRESSIONS: Record<Exclude<CallSort['column'], 'relevance'>, string> = {
  startedAt: 'c.started_at_ms',
  talkSeconds: 'c.talk_seconds',
  contactName: 'c.contact_name COLLATE NOCASE',
  userName: 'c.user_name COLLATE NOCASE',
  status: 'c.status',
  direction: 'c.direction',
  connection: 'k.label',
};

function orderBy(sort: CallSort, searching: boolean): string {
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
  if (sort.column === 'relevance') {
    // Relevance only means something for a search; otherwise newest first.
    return searching ? `m.score ASC, c.started_at_ms DESC, c.id DESC` : `c.started_at_ms DESC, c.id DESC`;
  }
  // The id breaks ties so paging through equal values never repeats or skips a row.
  return `${SORT_EXPRESSIONS[sort.column]} ${direction}, c.id ${direction}`;
}

/** One page of calls for the table: filters, search and sort all run here as SQL. */
export function listCalls(db: Db, query: CallListQuery): CallPage {
  const params: Params = {};
  const search = parseSearchText(query.search ?? '');
  const searching = search.words !== null || search.digits !== null;
  if (query.search?.trim() && !searching) return { rows: [], total: 0 };

  const where = filterConditions(query.filters, params);
  const withMatches = searching ? `WITH ${matchesCte(search, params)}` : '';
  const joinMatches = searching ? 'JOIN matches m ON m.id = c.id' : '';
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = `FROM calls c ${joinMatches} JOIN connections k ON k.id = c.connection_id ${whereSql}`;

  const total = prepared<[Params], { total: number }>(db, `${withMatches} SELECT count(*) AS total ${from}`).get(params)?.total ?? 0;
  const pageParams = { ...params, limit: query.limit, offset: query.offset };
  const records = prepared<[Params], CallRowRecord>(
    db,
    `${withMatches} SELECT ${CALL_ROW_SELECT} ${from} ORDER BY ${orderBy(query.sort, searching)} LIMIT @limit OFFSET @offset`,
  ).all(pageParams);
  const rows = records.map(rowToCall);
  if (search.words && rows.length) attachSnippets(db, rows, search.words);
  return { rows, total };
}

/** Snippets only for the rows on the page: cheap, however many calls matched. */
function attachSnippets(db: Db, rows: CallPage['rows'], words: string): void {
  const ids = rows.map((r) => r.id);
  const snippets = prepared<unknown[], { id: number; snippet: string }>(
    db,
    `SELECT rowid AS id, snippet(calls_fts, -1, char(2), char(3), '…', 16) AS snippet
     FROM calls_fts WHERE calls_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
  ).all(words, JSON.stringify(ids));
  const byId = new Map(snippets.map((s) => [s.id, s.snippet]));
  for (const row of rows) {
    const snippet = byId.get(row.id);
    if (snippet) row.snippet = snippet;
  }
}
