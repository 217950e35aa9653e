import type { CallFilters, CallListQuery, CallPage, CallSort } from '../../shared/calls';
import { CALL_ROW_SELECT, rowToCall, type CallRowRecord } from './calls';
import type { Db } from './db';
import { prepared } from './statements';
import { prefixTerms } from './prefix-terms';
import { parseSearchText, quotedWords, type PrefixTerms } from './search-text';

type Params = Record<string, string | number>;

/**
 * Search ranking and counting stay bounded on a million calls (ARCHITECTURE.md,
 * "Search speed and relevance"). bm25() first counts, for each word, every call
 * that contains it (its IDF): 40 ms for a word in a third of a million calls,
 * before ranking one row. So:
 * - a word found in at most `rareWord` calls is rare: when a query has one,
 *   every match is ranked with bm25 over the rare words (exact bm25 when all
 *   are rare; common words then only narrow the matches);
 * - a query of common words only ranks its `newestRanked` newest matches, by
 *   where the words occur (names, then summary, then transcript);
 * - ties, and the calls not ranked, follow newest stored first; a phone-number
 *   match comes before any word match;
 * - `total` is counted up to `count` calls, and a search looks at its first
 *   `matchScan` matches for it; past either, the page says `totalCapped`.
 * Tests shrink these so a few dozen calls take the paths a million take.
 */
export interface ListLimits {
  rareWord: number;
  newestRanked: number;
  count: number;
  matchScan: number;
}

export const LIST_LIMITS: Readonly<ListLimits> = { rareWord: 5_000, newestRanked: 1_000, count: 1_000, matchScan: 10_000 };
/** Past this many words, the rest only narrow the matches (each costs a count). */
const MAX_RANKED_WORDS = 16;
/** The weights of calls_fts's columns in bm25: contact name, user name, summary, transcript. */
const BM25 = 'bm25(calls_fts, 4.0, 3.0, 2.0, 1.0)';
/** A valid FTS5 query that matches nothing. */
const NO_MATCH = `'""'`;

/** Builds `WHERE` conditions for the filters; every value is a bound parameter. */
function filterConditions(filters: CallFilters, params: Params): string[] {
  const where: string[] = [];
  // One value (the usual pick in the UI) is an equality the planner can seek in
  // the filter's own index. Several go in one JSON parameter, so the SQL text stays
  // the same whatever the list's length; the unary + keeps the planner from seeking
  // each value there, which loses the index's order and sorts every match (0.4 s
  // for two statuses on a million calls): the sort's own index reads on, checking each.
  const inList = (column: string, name: string, values: readonly (string | number)[]) => {
    if (values.length === 1) {
      params[name] = values[0] as string | number;
      where.push(`${column} = @${name}`);
    } else {
      params[name] = JSON.stringify(values);
      where.push(`+${column} IN (SELECT value FROM json_each(@${name}))`);
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
  if (filters.people?.length) peopleCondition(filters.people, params, where);
  // No index of its own: checked along whichever index the other filters or the sort read.
  if (filters.handlerKinds?.length) {
    params.handlerKinds = JSON.stringify(filters.handlerKinds);
    where.push(`+c.handler_kind IN (SELECT value FROM json_each(@handlerKinds))`);
  }
  if (filters.contactTypes?.length) inList('c.contact_type', 'contactTypes', filters.contactTypes);
  if (filters.hasTranscript !== undefined) where.push(`c.has_transcript = ${filters.hasTranscript ? 1 : 0}`);
  // An equality, so it seeks calls_by_processed (migration 7); vendors without the tick (null) match neither choice.
  if (filters.processed !== undefined) where.push(`c.is_processed = ${filters.processed ? 1 : 0}`);
  if (filters.minTalkSeconds !== undefined) {
    params.minTalkSeconds = filters.minTalkSeconds;
    where.push('c.talk_seconds >= @minTalkSeconds');
  }
  if (filters.trackerIds?.length) {
    // Checked per call along the order's own index (call_tracker_hits' primary key starts with the call).
    params.trackerIds = JSON.stringify(filters.trackerIds);
    if (filters.trackerSide) params.trackerSide = filters.trackerSide;
    const side = filters.trackerSide ? ' AND h.side = @trackerSide' : '';
    where.push(`EXISTS (SELECT 1 FROM call_tracker_hits h WHERE h.call_id = c.id AND h.tracker_id IN (SELECT value FROM json_each(@trackerIds))${side})`);
  }
  if (!filters.includeDeleted) where.push('c.deleted_at_ms IS NULL');
  if (!filters.includeTestCalls) where.push('c.is_test = 0');
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
function peopleCondition(people: NonNullable<CallFilters['people']>, params: Params, where: string[]): void {
  const [only] = people;
  if (people.length === 1 && only) {
    params.personConnection = only.connectionId;
    if (only.userId === null) where.push('c.user_id IS NULL AND +c.connection_id = @personConnection');
    else {
      params.personUser = only.userId;
      where.push('c.user_id = @personUser AND +c.connection_id = @personConnection');
    }
    return;
  }
  params.people = JSON.stringify(people);
  where.push(`(+c.connection_id, coalesce(c.user_id, ${NO_USER})) IN
    (SELECT json_extract(value, '$.connectionId'), coalesce(json_extract(value, '$.userId'), ${NO_USER}) FROM json_each(@people))`);
}

/**
 * Phone-number matches. The trigram index holds every three digits: a whole
 * number typed ("+44 7700 900123", ten trigrams) intersects ten lists, some
 * in nearly every number ("447"), 10-15 ms each time. Its last eight digits
 * (six trigrams, each rarer) find the same calls and a few more, and comparing
 * all the digits then drops the few.
 */
const NUMBER_DIGITS_MATCHED = 8;
const NUMBER_CHECK = `(instr(call_numbers_fts.contact_digits, @allDigits) > 0 OR instr(call_numbers_fts.user_digits, @allDigits) > 0)`;
const NUMBER_MATCH = `call_numbers_fts MATCH @digits AND ${NUMBER_CHECK}`;

function numberParams(quoted: string): Params {
  const digits = quoted.replace(/\D/g, '');
  return { digits: `"${digits.slice(-NUMBER_DIGITS_MATCHED)}"`, allDigits: digits };
}

/**
 * `all_matches(id, grp)`: every call the search finds, each once: word matches
 * (grp 1), then phone-number matches that are not also word matches (grp 2).
 * Used once per statement, so SQLite streams it and a LIMIT stops it early.
 */
function allMatchesCte(digits: boolean): string {
  const numbers = digits
    ? `UNION ALL SELECT rowid, 2 FROM call_numbers_fts WHERE ${NUMBER_MATCH}
         AND rowid NOT IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH @words)`
    : '';
  return `all_matches(id, grp) AS NOT MATERIALIZED (SELECT rowid, 1 FROM calls_fts WHERE calls_fts MATCH @words ${numbers})`;
}

/**
 * `ranked(id, score)`: the calls relevance order puts first, lower score first
 * (see ListLimits). Decided inside SQL, so exports (which run `idsSql`
 * without a page) order exactly as the table does.
 */
function rankedCtes(words: readonly string[], digits: boolean, params: Params, limits: ListLimits): string {
  params.rareLimit = limits.rareWord;
  params.newestRanked = limits.newestRanked;
  params.namedWords = `{contact_name user_name} : (${params.words})`;
  params.summaryWords = `{summary} : (${params.words})`;
  const rareWords = words.slice(0, MAX_RANKED_WORDS).map((word, i) => {
    params[`word${i}`] = word;
    return `CASE WHEN (SELECT count(*) FROM (SELECT 1 FROM calls_fts WHERE calls_fts MATCH @word${i} LIMIT @rareLimit + 1)) <= @rareLimit
      THEN @word${i} || ' ' ELSE '' END`;
  });
  const numberRanked = digits
    ? `UNION ALL SELECT id, -1e9 FROM (SELECT rowid AS id FROM call_numbers_fts WHERE ${NUMBER_MATCH} ORDER BY rowid DESC LIMIT @newestRanked)`
    : '';
  // Each newest-match subquery stops at the floor: an impossible one when a rare word ranks instead.
  const fromFloor = `rowid >= (SELECT id FROM newest_floor)`;
  return `
    rare(words) AS MATERIALIZED (SELECT rtrim(${rareWords.join(' || ')})),
    word_ranked AS (
      SELECT rowid AS id, ${BM25} AS score FROM calls_fts
      WHERE calls_fts MATCH (SELECT CASE words WHEN '' THEN ${NO_MATCH} ELSE words END FROM rare)
        -- The unary + keeps FTS5 from taking this as rowid lookups: each would count the IDF again.
        AND +rowid IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH @words)),
    newest_floor(id) AS MATERIALIZED (SELECT CASE WHEN (SELECT words FROM rare) = ''
      THEN coalesce((SELECT rowid FROM calls_fts WHERE calls_fts MATCH @words ORDER BY rowid DESC LIMIT 1 OFFSET @newestRanked - 1), 0)
      ELSE 9223372036854775807 END),
    common_ranked AS (
      SELECT rowid AS id, CASE
        WHEN rowid IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH @namedWords AND ${fromFloor}) THEN 1
        WHEN rowid IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH @summaryWords AND ${fromFloor}) THEN 2
        ELSE 3 END AS score
      FROM calls_fts WHERE calls_fts MATCH @words AND ${fromFloor}),
    ranked AS MATERIALIZED (SELECT id, min(score) AS score FROM (
      SELECT id, score FROM word_ranked UNION ALL SELECT id, score FROM common_ranked ${numberRanked}) GROUP BY id)`;
}

/** Sorts other than relevance; each has an index that yields it without a sort (migrations 002 and 006). */
const SORTS: Record<Exclude<CallSort['column'], 'relevance'>, string[]> = {
  startedAt: ['c.started_at_ms'],
  talkSeconds: ['c.talk_seconds'],
  contactName: ['c.contact_name COLLATE NOCASE'],
  // Within one value, by time: the (value, started_at_ms) indexes give that order.
  userName: ['c.user_name COLLATE NOCASE', 'c.started_at_ms'],
  status: ['c.status', 'c.started_at_ms'],
  direction: ['c.direction', 'c.started_at_ms'],
  connection: ['k.label', 'c.started_at_ms'],
};

function orderBy(sort: CallSort): string {
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
  // Relevance without a search means nothing: newest first.
  const keys = sort.column === 'relevance' ? ['c.started_at_ms'] : SORTS[sort.column];
  // The id breaks ties so paging through equal values never repeats or skips a row.
  return [...keys, 'c.id'].map((key) => `${key} ${sort.column === 'relevance' ? 'DESC' : direction}`).join(', ');
}

/**
 * One ordered run of the table's rows; a page may span runs (ranked calls,
 * then the rest). `sql`: paged with @limit/@offset. `staged`: the ids in order
 * first, then their rows (with the filters) fetched a chunk at a time, so a
 * page reads about as many calls as it shows however many were ranked.
 */
export type ListPart =
  | { kind: 'sql'; pageSql: string; countSql: string }
  | { kind: 'staged'; idsSql: string; rowsSql: string };

export interface CallListSql {
  /** `total`: up to `count` + 1 selected calls; `truncated`: 1 when a search stopped looking first. */
  countSql: string;
  /** Counts every selected call (exports say how many they hold). */
  exactCountSql: string;
  /** The statement that reads the first rows, for query-plan tests. */
  pageSql: string;
  /** The table's order, run by run. */
  parts: ListPart[];
  /** The same order read another way, cheaper when the count shows many matches (a search sorted by a column). */
  manyMatchesParts?: ListPart[];
  /** Every selected call's id, in the table's order, without paging (exports). */
  idsSql: string;
  params: Params;
  /** The quoted word query, for snippets; null when the search has no words. */
  words: string | null;
  /** True when the text typed cannot match anything (only punctuation, say). */
  matchesNothing: boolean;
}

/** The exact SQL `listCalls` runs, also used by exports and by tests to check its query plan. */
export function callListSql(query: CallListQuery, limits: ListLimits = LIST_LIMITS, terms?: PrefixTerms): CallListSql {
  const params: Params = { countLimit: limits.count };
  const search = parseSearchText(query.search ?? '', terms);
  const where = filterConditions(query.filters, params);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const and = (condition: string) => (where.length ? `${whereSql} AND ${condition}` : `WHERE ${condition}`);
  const order = orderBy(query.sort);
  const base = {
    words: search.words,
    matchesNothing: Boolean(query.search?.trim()) && search.words === null,
  };
  // Read at each return: the search adds its own parameters on the way.
  const paged = () => ({ ...params, limit: query.limit, offset: query.offset });

  if (search.words === null) {
    // CROSS JOIN fixes the outer loop, so its indexes serve the filters and the order:
    // calls, or connections in label order for the connection sort.
    const from =
      query.sort.column === 'connection'
        ? `FROM connections k CROSS JOIN calls c ON c.connection_id = k.id`
        : `FROM calls c CROSS JOIN connections k ON k.id = c.connection_id`;
    const pageSql = `SELECT ${CALL_ROW_SELECT} ${from} ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
    const exactCountSql = `SELECT count(*) AS total FROM calls c ${whereSql}`;
    return {
      ...base,
      params: paged(),
      countSql: `SELECT count(*) AS total, 0 AS truncated FROM (SELECT 1 FROM calls c ${whereSql} LIMIT @countLimit + 1)`,
      exactCountSql,
      pageSql,
      parts: [{ kind: 'sql', pageSql, countSql: exactCountSql }],
      idsSql: `SELECT c.id ${from} ${whereSql} ORDER BY ${order}`,
    };
  }

  params.words = search.words;
  params.scanLimit = limits.matchScan;
  if (search.digits) Object.assign(params, numberParams(search.digits));
  const matches = `WITH ${allMatchesCte(search.digits !== null)}`;
  const joinCalls = `CROSS JOIN calls c ON c.id = a.id CROSS JOIN connections k ON k.id = c.connection_id`;
  const common = {
    // The count looks at the first `matchScan` matches only: with a narrow filter on a
    // common word, finding `count` of them could mean reading every match.
    // Whether the look stopped short is asked only when the count did not reach the limit.
    countSql: `${matches} SELECT total, CASE WHEN total > @countLimit THEN 0
        ELSE (SELECT count(*) FROM (SELECT 1 FROM all_matches LIMIT @scanLimit + 1)) > @scanLimit END AS truncated
      FROM (SELECT count(*) AS total FROM (
        SELECT 1 FROM (SELECT id FROM all_matches LIMIT @scanLimit) a CROSS JOIN calls c ON c.id = a.id ${whereSql} LIMIT @countLimit + 1))`,
    exactCountSql: `${matches} SELECT count(*) AS total FROM all_matches a CROSS JOIN calls c ON c.id = a.id ${whereSql}`,
  };

  if (query.sort.column !== 'relevance') {
    const pageSql = `${matches} SELECT ${CALL_ROW_SELECT} FROM all_matches a ${joinCalls} ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
    // Many matches: read the sort's own index in order and keep the calls that match (the unary +
    // keeps the planner from looking each match up and sorting them all: 0.5 s for a common word).
    const from = query.sort.column === 'connection' ? `FROM connections k CROSS JOIN calls c ON c.connection_id = k.id` : `FROM calls c CROSS JOIN connections k ON k.id = c.connection_id`;
    const alongIndexSql = `${matches} SELECT ${CALL_ROW_SELECT} ${from} ${and('+c.id IN (SELECT id FROM all_matches)')} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
    return {
      ...base,
      params: paged(),
      ...common,
      pageSql,
      parts: [{ kind: 'sql', pageSql, countSql: common.exactCountSql }],
      manyMatchesParts: [{ kind: 'sql', pageSql: alongIndexSql, countSql: common.exactCountSql }],
      idsSql: `${matches} SELECT c.id FROM all_matches a ${joinCalls} ${whereSql} ORDER BY ${order}`,
    };
  }

  const ranked = rankedCtes(quotedWords(query.search ?? '', terms), search.digits !== null, params, limits);
  const rankedIdsSql = `WITH ${ranked} SELECT id FROM ranked ORDER BY score, id DESC`;
  // The rest, newest stored first: FTS5 yields rowids in that order, so a page stops early.
  // The ranked ids come as a parameter (@rankedIds): ranking again would cost as much as the page.
  const rest = (table: string, match: string, extra = ''): ListPart => {
    const from = `FROM ${table} CROSS JOIN calls c ON c.id = ${table}.rowid`;
    const condition = `${table} MATCH ${match} AND ${table}.rowid NOT IN (SELECT value FROM json_each(@rankedIds)) ${extra}`;
    return {
      kind: 'sql',
      pageSql: `SELECT ${CALL_ROW_SELECT} ${from} CROSS JOIN connections k ON k.id = c.connection_id ${and(condition)} ORDER BY ${table}.rowid DESC LIMIT @limit OFFSET @offset`,
      countSql: `SELECT count(*) AS total ${from} ${and(condition)}`,
    };
  };
  const parts: ListPart[] = [
    { kind: 'staged', idsSql: rankedIdsSql, rowsSql: `SELECT ${CALL_ROW_SELECT} FROM calls c CROSS JOIN connections k ON k.id = c.connection_id ${and('c.id IN (SELECT value FROM json_each(@ids))')}` },
    rest('calls_fts', '@words'),
  ];
  if (search.digits) parts.push(rest('call_numbers_fts', '@digits', `AND ${NUMBER_CHECK} AND call_numbers_fts.rowid NOT IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH @words)`));
  return {
    ...base,
    params: paged(),
    ...common,
    pageSql: rankedIdsSql,
    parts,
    // The same order in one statement: ranked calls by score, then the rest by run, newest stored first.
    idsSql: `WITH ${ranked}, ${allMatchesCte(search.digits !== null)}
      SELECT c.id FROM all_matches a LEFT JOIN ranked m ON m.id = a.id CROSS JOIN calls c ON c.id = a.id ${whereSql}
      ORDER BY m.id IS NULL, m.score, CASE WHEN m.id IS NULL THEN a.grp END, c.id DESC`,
  };
}

/** One page of calls for the table: filters, search and sort all run here as SQL. */
export function listCalls(db: Db, query: CallListQuery, limits: ListLimits = LIST_LIMITS): CallPage {
  const sql = callListSql(query, limits, prefixTerms(db, query.search));
  if (sql.matchesNothing) return { rows: [], total: 0 };
  const { limit, offset, ...selection } = sql.params;
  const count = prepared<[Params], { total: number; truncated: number }>(db, sql.countSql).get(selection);
  const counted = count?.total ?? 0;
  const capped = counted > limits.count || Boolean(count?.truncated);
  const parts = (capped && sql.manyMatchesParts) || sql.parts;
  const rows = pageAcrossParts(db, parts, selection, query.offset, query.limit).map(rowToCall);
  if (sql.words && rows.length) attachSnippets(db, rows, sql.words, query.sort.column === 'relevance');
  if (!capped) return { rows, total: counted };
  // A page that ends early is the last one: then the total is known exactly.
  if (rows.length > 0 && rows.length < query.limit) return { rows, total: query.offset + rows.length };
  // Counting every match of a common word takes longer than the page itself: say "at least".
  return { rows, total: Math.max(Math.min(counted, limits.count), query.offset + rows.length), totalCapped: true };
}

/** Every call the query selects, counted to the end (exports say how many they hold). */
export function countCalls(db: Db, query: CallListQuery, limits: ListLimits = LIST_LIMITS): number {
  const sql = callListSql(query, limits, prefixTerms(db, query.search));
  if (sql.matchesNothing) return 0;
  const { limit, offset, ...selection } = sql.params;
  return prepared<[Params], { total: number }>(db, sql.exactCountSql).get(selection)?.total ?? 0;
}

/** Ranked ids are fetched this many at a time: a page plus what the filters may drop. */
const STAGED_CHUNK = 200;

/** Takes `limit` rows from `offset` on, run after run; a run is counted only when the page starts past its end. */
function pageAcrossParts(db: Db, parts: readonly ListPart[], params: Params, offset: number, limit: number): CallRowRecord[] {
  const rows: CallRowRecord[] = [];
  let skip = offset;
  let rankedIds = '[]';
  for (const part of parts) {
    const need = limit - rows.length;
    if (need === 0) break;
    if (part.kind === 'staged') {
      const ids = prepared<[Params], number>(db, part.idsSql).pluck().all(params);
      rankedIds = JSON.stringify(ids);
      const staged = stagedRows(db, part.rowsSql, params, ids, skip, need);
      rows.push(...staged.rows);
      skip = Math.max(0, skip - staged.passed);
      continue;
    }
    const found = prepared<[Params], CallRowRecord>(db, part.pageSql).all({ ...params, rankedIds, limit: need, offset: skip });
    rows.push(...found);
    if (found.length) skip = 0;
    else if (skip > 0) skip = Math.max(0, skip - (prepared<[Params], { total: number }>(db, part.countSql).get({ ...params, rankedIds })?.total ?? 0));
  }
  return rows;
}

/** Rows of `ids` that pass the filters, in the ids' order, from `skip` on; `passed` counts those seen. */
function stagedRows(db: Db, rowsSql: string, params: Params, ids: readonly number[], skip: number, need: number) {
  const rows: CallRowRecord[] = [];
  let passed = 0;
  for (let at = 0; at < ids.length && rows.length < need; at += STAGED_CHUNK) {
    const chunk = ids.slice(at, at + STAGED_CHUNK);
    const found = prepared<[Params], CallRowRecord>(db, rowsSql).all({ ...params, ids: JSON.stringify(chunk) });
    const byId = new Map(found.map((row) => [row.id, row]));
    for (const id of chunk) {
      const row = byId.get(id);
      if (!row) continue;
      if (passed >= skip && rows.length < need) rows.push(row);
      passed += 1;
    }
  }
  return { rows, passed };
}

/**
 * Snippets only for the rows on the page: cheap, however many calls matched.
 * Looking a row up by rowid sets the whole query up again (0.1-0.2 ms on a
 * large index, far more for a prefix, whose matching terms are merged each
 * time). Ranked pages hold nearby ids, so one scan between the page's lowest
 * and highest id is cheaper; other orders spread over the whole table.
 */
function attachSnippets(db: Db, rows: CallPage['rows'], words: string, nearbyIds: boolean): void {
  const ids = rows.map((r) => r.id);
  const scan = nearbyIds || /\*( |$)/.test(words);
  // CAST: FTS5 ignores a rowid bound that is not an INTEGER, and JavaScript numbers bind as REAL.
  const lookup = scan
    ? '+rowid IN (SELECT value FROM json_each(@ids)) AND rowid BETWEEN CAST(@min AS INTEGER) AND CAST(@max AS INTEGER)'
    : 'rowid IN (SELECT value FROM json_each(@ids))';
  const snippets = prepared<[Params], { id: number; snippet: string }>(
    db,
    `SELECT rowid AS id, snippet(calls_fts, -1, char(2), char(3), '…', 16) AS snippet FROM calls_fts WHERE calls_fts MATCH @words AND ${lookup}`,
  ).all({ words, ids: JSON.stringify(ids), ...(scan ? { min: Math.min(...ids), max: Math.max(...ids) } : {}) });
  const byId = new Map(snippets.map((s) => [s.id, s.snippet]));
  for (const row of rows) {
    const snippet = byId.get(row.id);
    if (snippet) row.snippet = snippet;
  }
}
