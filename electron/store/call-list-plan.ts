import type { CallListQuery, CallSort } from '../../shared/calls';
import { CALL_ROW_SELECT } from './call-fields';
import { filterConditions } from './call-filters';
import { allMatchesCte, numberSearch, rankedCtes } from './call-search-sql';
import { parseSearchText, quotedWords, type PrefixTerms } from './search-text';
import { bound, joinSql, raw, sql, type Sql } from './sql';

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

/**
 * One ordered run of the table's rows; a page may span runs (ranked calls,
 * then the rest). The runner pages it with `@limit` and `@offset`, and runs
 * `count` only when a page starts past the run's end.
 */
export interface PagedRun {
  readonly page: Sql;
  readonly count: Sql;
}

/**
 * The ids in order first, then their rows (with the filters) fetched a chunk
 * of ids (`@ids`, JSON) at a time, so a page reads about as many calls as it
 * shows however many were ranked.
 */
export interface StagedRun {
  readonly ids: Sql;
  readonly rows: Sql;
}

/** What every plan that can match counts and exports. */
interface Selection {
  /** `total`: up to `count` + 1 selected calls; `truncated`: 1 when a search stopped looking first. */
  readonly count: Sql;
  /** Counts every selected call (exports say how many they hold). */
  readonly exactCount: Sql;
  /** Every selected call's id, in the table's order, without paging (exports). */
  readonly ids: Sql;
}

/**
 * How the calls table reads a query, as SQL with its parameters beside it:
 * - `browse`: no search, the filters along the sort's own index;
 * - `sorted-search`: a search sorted by a column; `manyMatches` reads the same
 *   order another way, cheaper when the count shows many matches;
 * - `ranked-search`: a search by relevance: the ranked calls (`ranked`), then
 *   the rest run by run (`rest`, newest stored first), each leaving out the
 *   ranked ids the runner passes as `@rankedIds` (JSON);
 * - `matches-nothing`: the text typed cannot match anything (only punctuation, say).
 * `words` is the quoted word query, for snippets.
 */
export type CallListPlan =
  | { readonly kind: 'matches-nothing' }
  | (Selection & { readonly kind: 'browse'; readonly run: PagedRun })
  | (Selection & { readonly kind: 'sorted-search'; readonly words: string; readonly run: PagedRun; readonly manyMatches: PagedRun })
  | (Selection & { readonly kind: 'ranked-search'; readonly words: string; readonly ranked: StagedRun; readonly rest: readonly PagedRun[] });

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

/** CROSS JOIN fixes the outer loop, so its indexes serve the filters and the order: calls, or connections in label order for the connection sort. */
const callsFrom = (sort: CallSort): string =>
  sort.column === 'connection'
    ? `FROM connections k CROSS JOIN calls c ON c.connection_id = k.id`
    : `FROM calls c CROSS JOIN connections k ON k.id = c.connection_id`;

/** The plan `listCalls` runs, also read by exports (`ids`, `exactCount`) and by the query-plan tests. */
export function planCallList(query: CallListQuery, limits: ListLimits = LIST_LIMITS, terms?: PrefixTerms): CallListPlan {
  const search = parseSearchText(query.search ?? '', terms);
  if (search.words === null && query.search?.trim()) return { kind: 'matches-nothing' };
  const filters = filterConditions(query.filters);
  const where = filters.length ? sql`WHERE ${joinSql(filters, ' AND ')}` : raw('');
  const whereAnd = (condition: Sql) => (filters.length ? sql`${where} AND ${condition}` : sql`WHERE ${condition}`);
  const order = orderBy(query.sort);
  const countLimit = bound('countLimit', limits.count);

  if (search.words === null) {
    const from = callsFrom(query.sort);
    const exactCount = sql`SELECT count(*) AS total FROM calls c ${where}`;
    return {
      kind: 'browse',
      count: sql`SELECT count(*) AS total, 0 AS truncated FROM (SELECT 1 FROM calls c ${where} LIMIT ${countLimit} + 1)`,
      exactCount,
      run: { page: sql`SELECT ${CALL_ROW_SELECT} ${from} ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`, count: exactCount },
      ids: sql`SELECT c.id ${from} ${where} ORDER BY ${order}`,
    };
  }

  const words = bound('words', search.words);
  const scanLimit = bound('scanLimit', limits.matchScan);
  const numbers = search.digits ? numberSearch(search.digits) : null;
  const matches = sql`WITH ${allMatchesCte(words, numbers)}`;
  const joinCalls = `CROSS JOIN calls c ON c.id = a.id CROSS JOIN connections k ON k.id = c.connection_id`;
  const exactCount = sql`${matches} SELECT count(*) AS total FROM all_matches a CROSS JOIN calls c ON c.id = a.id ${where}`;
  const counts = {
    // The count looks at the first `matchScan` matches only: with a narrow filter on a
    // common word, finding `count` of them could mean reading every match.
    // Whether the look stopped short is asked only when the count did not reach the limit.
    count: sql`${matches} SELECT total, CASE WHEN total > ${countLimit} THEN 0
        ELSE (SELECT count(*) FROM (SELECT 1 FROM all_matches LIMIT ${scanLimit} + 1)) > ${scanLimit} END AS truncated
      FROM (SELECT count(*) AS total FROM (
        SELECT 1 FROM (SELECT id FROM all_matches LIMIT ${scanLimit}) a CROSS JOIN calls c ON c.id = a.id ${where} LIMIT ${countLimit} + 1))`,
    exactCount,
  };

  if (query.sort.column !== 'relevance') {
    // Many matches: read the sort's own index in order and keep the calls that match (the unary +
    // keeps the planner from looking each match up and sorting them all: 0.5 s for a common word).
    const alongIndex = sql`${matches} SELECT ${CALL_ROW_SELECT} ${callsFrom(query.sort)} ${whereAnd(raw('+c.id IN (SELECT id FROM all_matches)'))} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
    return {
      kind: 'sorted-search',
      words: search.words,
      ...counts,
      run: {
        page: sql`${matches} SELECT ${CALL_ROW_SELECT} FROM all_matches a ${joinCalls} ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
        count: exactCount,
      },
      manyMatches: { page: alongIndex, count: exactCount },
      ids: sql`${matches} SELECT c.id FROM all_matches a ${joinCalls} ${where} ORDER BY ${order}`,
    };
  }

  const ranked = rankedCtes({
    words: search.words,
    eachWord: quotedWords(query.search ?? '', terms),
    numbers,
    rareWord: limits.rareWord,
    newestRanked: limits.newestRanked,
  });
  // The rest, newest stored first: FTS5 yields rowids in that order, so a page stops early.
  // The ranked ids come as a parameter (@rankedIds): ranking again would cost as much as the page.
  const rest = (table: string, match: Sql, extra: Sql = raw('')): PagedRun => {
    const from = `FROM ${table} CROSS JOIN calls c ON c.id = ${table}.rowid`;
    const condition = sql`${table} MATCH ${match} AND ${table}.rowid NOT IN (SELECT value FROM json_each(@rankedIds)) ${extra}`;
    return {
      page: sql`SELECT ${CALL_ROW_SELECT} ${from} CROSS JOIN connections k ON k.id = c.connection_id ${whereAnd(condition)} ORDER BY ${table}.rowid DESC LIMIT @limit OFFSET @offset`,
      count: sql`SELECT count(*) AS total ${from} ${whereAnd(condition)}`,
    };
  };
  const restRuns = [rest('calls_fts', words)];
  if (numbers)
    restRuns.push(
      rest(
        'call_numbers_fts',
        numbers.digits,
        sql`AND ${numbers.check} AND call_numbers_fts.rowid NOT IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ${words})`,
      ),
    );
  return {
    kind: 'ranked-search',
    words: search.words,
    ...counts,
    ranked: {
      ids: sql`WITH ${ranked} SELECT id FROM ranked ORDER BY score, id DESC`,
      rows: sql`SELECT ${CALL_ROW_SELECT} FROM calls c CROSS JOIN connections k ON k.id = c.connection_id ${whereAnd(raw('c.id IN (SELECT value FROM json_each(@ids))'))}`,
    },
    rest: restRuns,
    // The same order in one statement: ranked calls by score, then the rest by run, newest stored first.
    ids: sql`WITH ${ranked}, ${allMatchesCte(words, numbers)}
      SELECT c.id FROM all_matches a LEFT JOIN ranked m ON m.id = a.id CROSS JOIN calls c ON c.id = a.id ${where}
      ORDER BY m.id IS NULL, m.score, CASE WHEN m.id IS NULL THEN a.grp END, c.id DESC`,
  };
}
