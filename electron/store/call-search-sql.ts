import { bound, joinSql, raw, sql, type Sql } from './sql';

/** Past this many words, the rest only narrow the matches (each costs a count). */
const MAX_RANKED_WORDS = 16;
/** The weights of calls_fts's columns in bm25: contact name, user name, summary, transcript. */
const BM25 = 'bm25(calls_fts, 4.0, 3.0, 2.0, 1.0)';
/** A valid FTS5 query that matches nothing. */
const NO_MATCH = `'""'`;

/**
 * Phone-number matches. The trigram index holds every three digits: a whole
 * number typed ("+44 7700 900123", ten trigrams) intersects ten lists, some
 * in nearly every number ("447"), 10-15 ms each time. Its last eight digits
 * (six trigrams, each rarer) find the same calls and a few more, and comparing
 * all the digits then drops the few.
 */
const NUMBER_DIGITS_MATCHED = 8;

/** A phone-number search: its last digits (`digits`, for the trigram match), the check of all of them, and the two together. */
export interface NumberSearch {
  readonly digits: Sql;
  readonly check: Sql;
  readonly match: Sql;
}

export function numberSearch(quoted: string): NumberSearch {
  const all = quoted.replace(/\D/g, '');
  const digits = bound('digits', `"${all.slice(-NUMBER_DIGITS_MATCHED)}"`);
  const allDigits = bound('allDigits', all);
  const check = sql`(instr(call_numbers_fts.contact_digits, ${allDigits}) > 0 OR instr(call_numbers_fts.user_digits, ${allDigits}) > 0)`;
  return { digits, check, match: sql`call_numbers_fts MATCH ${digits} AND ${check}` };
}

/**
 * `all_matches(id, grp)`: every call the search finds, each once: word matches
 * (grp 1), then phone-number matches that are not also word matches (grp 2).
 * Used once per statement, so SQLite streams it and a LIMIT stops it early.
 */
export function allMatchesCte(words: Sql, numbers: NumberSearch | null): Sql {
  const numberMatches = numbers
    ? sql`UNION ALL SELECT rowid, 2 FROM call_numbers_fts WHERE ${numbers.match}
         AND rowid NOT IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ${words})`
    : raw('');
  return sql`all_matches(id, grp) AS NOT MATERIALIZED (SELECT rowid, 1 FROM calls_fts WHERE calls_fts MATCH ${words} ${numberMatches})`;
}

/** What relevance ranking needs: the search (its word query as typed, each word apart), and the limits it ranks within (ListLimits). */
export interface RankedSearch {
  readonly words: string;
  readonly eachWord: readonly string[];
  readonly numbers: NumberSearch | null;
  readonly rareWord: number;
  readonly newestRanked: number;
}

/**
 * `ranked(id, score)`: the calls relevance order puts first, lower score first
 * (see ListLimits). Decided inside SQL, so exports (which run the plan's `ids`
 * without a page) order exactly as the table does.
 */
export function rankedCtes(search: RankedSearch): Sql {
  const words = bound('words', search.words);
  const rareLimit = bound('rareLimit', search.rareWord);
  const newestRanked = bound('newestRanked', search.newestRanked);
  const rareWords = search.eachWord.slice(0, MAX_RANKED_WORDS).map((word, i) => {
    const one = bound(`word${i}`, word);
    return sql`CASE WHEN (SELECT count(*) FROM (SELECT 1 FROM calls_fts WHERE calls_fts MATCH ${one} LIMIT ${rareLimit} + 1)) <= ${rareLimit}
      THEN ${one} || ' ' ELSE '' END`;
  });
  const numberRanked = search.numbers
    ? sql`UNION ALL SELECT id, -1e9 FROM (SELECT rowid AS id FROM call_numbers_fts WHERE ${search.numbers.match} ORDER BY rowid DESC LIMIT ${newestRanked})`
    : raw('');
  // Each newest-match subquery stops at the floor: an impossible one when a rare word ranks instead.
  const fromFloor = `rowid >= (SELECT id FROM newest_floor)`;
  const namedWords = bound('namedWords', `{contact_name user_name} : (${search.words})`);
  const summaryWords = bound('summaryWords', `{summary} : (${search.words})`);
  return sql`
    rare(words) AS MATERIALIZED (SELECT rtrim(${joinSql(rareWords, ' || ')})),
    word_ranked AS (
      SELECT rowid AS id, ${BM25} AS score FROM calls_fts
      WHERE calls_fts MATCH (SELECT CASE words WHEN '' THEN ${NO_MATCH} ELSE words END FROM rare)
        -- The unary + keeps FTS5 from taking this as rowid lookups: each would count the IDF again.
        AND +rowid IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ${words})),
    newest_floor(id) AS MATERIALIZED (SELECT CASE WHEN (SELECT words FROM rare) = ''
      THEN coalesce((SELECT rowid FROM calls_fts WHERE calls_fts MATCH ${words} ORDER BY rowid DESC LIMIT 1 OFFSET ${newestRanked} - 1), 0)
      ELSE 9223372036854775807 END),
    common_ranked AS (
      SELECT rowid AS id, CASE
        WHEN rowid IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ${namedWords} AND ${fromFloor}) THEN 1
        WHEN rowid IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ${summaryWords} AND ${fromFloor}) THEN 2
        ELSE 3 END AS score
      FROM calls_fts WHERE calls_fts MATCH ${words} AND ${fromFloor}),
    ranked AS MATERIALIZED (SELECT id, min(score) AS score FROM (
      SELECT id, score FROM word_ranked UNION ALL SELECT id, score FROM common_ranked ${numberRanked}) GROUP BY id)`;
}
