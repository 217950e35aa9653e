import type { CallFilters, CallListQuery, CallPage, CallSort } from '../../shared/calls';
import { CALL_ROW_SELECT, rowToCall, type CallRowRecord } from './calls';
import type { Db } from './database';
import { prepared } from './statements';
import { parseSearchText, type SearchText } from './search-text';

type Params = Record<string, string | number>;

/** Builds `WHERE` conditions for the filters; every value is a bound parameter. */
function filterConditions(filters: CallFilters, params: Params): string[] {
  const where: string[] = [];
  // One value (the usual pick in the UI) is an equality the planner can seek in
  // the filter's own index. Several go in one JSON parameter, so the SQL text stays
  // the same whatever the list's length.
  const inList = (column: string, name: string, values: readonly (string | number)[]) => {
    if (values.length === 1) {
      params[name] = values[0] as string | number;
      where.push(`${column} = @${name}`);
    } else {
      params[name] = JSON.stringify(values);
      where.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
    }
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
  if (!filters.includeTestCalls) where.push('c.is_test = 0');
  return where;
}

/**
 * The calls the search text finds, each with a score (lower is better, as
 * bm25 gives it). A phone-number match ranks above any word match.
 */
function matchesCte(search: SearchText, params: Params): string {
  const ctes: string[] = [];
  const parts: string[] = [];
  // MATERIALIZED: bm25() works only while its FTS table is being scanned, so the
  // planner must not fold these into the grouping query around them.
  if (search.words) {
    params.words = search.words;
    ctes.push(`word_matches AS MATERIALIZED (
      SELECT rowid AS id, bm25(calls_fts, 4.0, 3.0, 2.0, 1.0) AS score FROM calls_fts WHERE calls_fts MATCH @words)`);
    parts.push('SELECT id, score FROM word_matches');
  }
  if (search.digits) {
    params.digits = search.digits;
    ctes.push(`number_matches AS MATERIALIZED (
      SELECT rowid AS id FROM call_numbers_fts WHERE call_numbers_fts MATCH @digits)`);
    parts.push('SELECT id, -1e9 AS score FROM number_matches');
  }
  ctes.push(`matches AS (SELECT id, min(score) AS score FROM (${parts.join(' UNION ALL ')}) GROUP BY id)`);
  return ctes.join(',\n');
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

export interface CallListSql {
  countSql: string;
  pageSql: string;
  /** Every selected call's id, in the page's order, without paging (exports). */
  idsSql: string;
  params: Params;
  /** The quoted word query, for snippets; null when the search has no words. */
  words: string | null;
  /** True when the text typed cannot match anything (only punctuation, say). */
  matchesNothing: boolean;
}

/** The exact SQL `listCalls` runs, also used by tests to check its query plan. */
export function callListSql(query: CallListQuery): CallListSql {
  const params: Params = {};
  const search = parseSearchText(query.search ?? '');
  const searching = search.words !== null || search.digits !== null;
  const where = filterConditions(query.filters, params);
  const withMatches = searching ? `WITH ${matchesCte(search, params)}` : '';
  const joinMatches = searching ? 'JOIN matches m ON m.id = c.id' : '';
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // CROSS JOIN keeps calls as the outer loop, so its indexes serve the filters and the order.
  const from = `FROM calls c ${joinMatches} CROSS JOIN connections k ON k.id = c.connection_id ${whereSql}`;
  return {
    countSql: `${withMatches} SELECT count(*) AS total ${from}`,
    pageSql: `${withMatches} SELECT ${CALL_ROW_SELECT} ${from} ORDER BY ${orderBy(query.sort, searching)} LIMIT @limit OFFSET @offset`,
    idsSql: `${withMatches} SELECT c.id ${from} ORDER BY ${orderBy(query.sort, searching)}`,
    params: { ...params, limit: query.limit, offset: query.offset },
    words: search.words,
    matchesNothing: Boolean(query.search?.trim()) && !searching,
  };
}

/** One page of calls for the table: filters, search and sort all run here as SQL. */
export function listCalls(db: Db, query: CallListQuery): CallPage {
  const { countSql, pageSql, params, words, matchesNothing } = callListSql(query);
  if (matchesNothing) return { rows: [], total: 0 };
  const { limit, offset, ...countParams } = params; // the count reads no page
  const total = prepared<[Params], { total: number }>(db, countSql).get(countParams)?.total ?? 0;
  const rows = prepared<[Params], CallRowRecord>(db, pageSql).all(params).map(rowToCall);
  if (words && rows.length) attachSnippets(db, rows, words);
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
