import { afterAll, describe, expect, it } from 'vitest';
import { CallListRequestSchema, type CallListRequest } from '../../shared/calls';
import { planCallList, type CallListPlan } from '../../electron/store/call-list-plan';
import { queryPlan, statementsOf } from '../helpers/query-plan';
import { storeWithConnection } from '../helpers/store';

/**
 * An expected plan written as it reads, indented in the source: the common
 * indentation and the first and last (blank) lines are dropped, and a `${}`
 * takes the indentation of its line.
 */
function plan(strings: TemplateStringsArray, ...parts: string[]): string {
  let text = strings[0] ?? '';
  parts.forEach((part, i) => {
    const indent = /[ ]*$/.exec(text)?.[0] ?? '';
    text += part.split('\n').join(`\n${indent}`) + (strings[i + 1] ?? '');
  });
  const lines = text.split('\n').slice(1, -1);
  const common = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(common)).join('\n');
}

/**
 * The ranking of a relevance search (call-search-sql.ts `rankedCtes`): each
 * word counted up to the rare-word limit, bm25 over the rare words, the
 * newest matches (`INDEX 192`: FTS5 read newest first) scored by where the
 * words are, the newest phone-number matches first.
 */
const RANKED = plan`
  MATERIALIZE ranked
    CO-ROUTINE (subquery-19)
      COMPOUND QUERY
        LEFT-MOST SUBQUERY
          SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
          SCALAR SUBQUERY 4
            MATERIALIZE rare
              SCAN CONSTANT ROW
              SCALAR SUBQUERY 2
                CO-ROUTINE (subquery-1)
                  SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
                SCAN (subquery-1)
            SCAN rare
          LIST SUBQUERY 5
            SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
            CREATE BLOOM FILTER
        UNION ALL
          SCAN calls_fts VIRTUAL TABLE INDEX 0:M4>
          SCALAR SUBQUERY 14
            MATERIALIZE newest_floor
              SCAN CONSTANT ROW
              SCALAR SUBQUERY 7
                SCAN rare
              SCALAR SUBQUERY 8
                SCAN calls_fts VIRTUAL TABLE INDEX 192:M4
            SCAN newest_floor
          REUSE SUBQUERY 14
          LIST SUBQUERY 11
            SCAN calls_fts VIRTUAL TABLE INDEX 0:M4>
            SCALAR SUBQUERY 10
              SCAN newest_floor
            REUSE SUBQUERY 10
            CREATE BLOOM FILTER
          LIST SUBQUERY 13
            SCAN calls_fts VIRTUAL TABLE INDEX 0:M4>
            SCALAR SUBQUERY 12
              SCAN newest_floor
            REUSE SUBQUERY 12
            CREATE BLOOM FILTER
        UNION ALL
          CO-ROUTINE (subquery-18)
            SCAN call_numbers_fts VIRTUAL TABLE INDEX 192:M2
          SCAN (subquery-18)
    SCAN (subquery-19)
    USE TEMP B-TREE FOR GROUP BY
`;

interface Case {
  name: string;
  kind: CallListPlan['kind'];
  request: CallListRequest;
  plans: Record<string, string>;
}

/**
 * Every statement of each kind of plan, pinned: a change to the SQL, the
 * indexes or SQLite that reads any part differently (a full scan of calls,
 * a sort of every match, FTS5 read oldest first) shows here, not only on the
 * first page. The plans do not depend on the data: the app runs no ANALYZE.
 */
const CASES: Case[] = [
  {
    name: 'browsing: the filters along the start-time index, newest first, no sort',
    kind: 'browse',
    request: {},
    plans: {
      page: plan`
        SCAN c USING INDEX calls_visible_by_start
        SEARCH k USING INTEGER PRIMARY KEY (rowid=?)
      `,
      count: plan`
        CO-ROUTINE (subquery-1)
          SCAN c USING INDEX calls_visible_by_start
        SCAN (subquery-1)
      `,
      exactCount: plan`
        SCAN c USING INDEX calls_visible_by_start
      `,
      ids: plan`
        SCAN c USING INDEX calls_visible_by_start
        SEARCH k USING INTEGER PRIMARY KEY (rowid=?)
      `,
    },
  },
  {
    // The page joins each match and sorts them (few matches); with many, manyMatches reads the sort's own index and checks each call.
    name: "a search sorted by a column: the matches sorted, or the sort's index read in order when they are many",
    kind: 'sorted-search',
    request: { search: 'interview', sort: { column: 'talkSeconds', direction: 'desc' } },
    plans: {
      page: plan`
        SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
        SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
        SEARCH k USING INTEGER PRIMARY KEY (rowid=?)
        USE TEMP B-TREE FOR ORDER BY
      `,
      manyMatches: plan`
        SCAN c USING INDEX calls_by_talk_time
        LIST SUBQUERY 2
          SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
          CREATE BLOOM FILTER
        SEARCH k USING INTEGER PRIMARY KEY (rowid=?)
      `,
      count: plan`
        CO-ROUTINE (subquery-6)
          CO-ROUTINE (subquery-5)
            CO-ROUTINE a
              SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
            SCAN a
            SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
          SCAN (subquery-5)
        SCAN (subquery-6)
        SCALAR SUBQUERY 3
          CO-ROUTINE (subquery-2)
            SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
          SCAN (subquery-2)
      `,
      exactCount: plan`
        SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
        SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
      `,
      ids: plan`
        SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
        SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
        SEARCH k USING INTEGER PRIMARY KEY (rowid=?)
        USE TEMP B-TREE FOR ORDER BY
      `,
    },
  },
  {
    // A phone-like search has words and digits: a rest run for each, newest first (INDEX 192), each call by its primary key.
    name: 'a search by relevance: the ranked ids, their rows by id, then the rest run by run',
    kind: 'ranked-search',
    request: { search: '7890123', sort: { column: 'relevance', direction: 'asc' } },
    plans: {
      rankedIds: plan`
        ${RANKED}
        SCAN ranked
        USE TEMP B-TREE FOR ORDER BY
      `,
      rankedRows: plan`
        SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
        LIST SUBQUERY 1
          SCAN json_each VIRTUAL TABLE INDEX 1:
        SEARCH k USING INTEGER PRIMARY KEY (rowid=?)
      `,
      rest1: plan`
        SCAN calls_fts VIRTUAL TABLE INDEX 192:M4
        LIST SUBQUERY 1
          SCAN json_each VIRTUAL TABLE INDEX 1:
          CREATE BLOOM FILTER
        SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
        SEARCH k USING INTEGER PRIMARY KEY (rowid=?)
      `,
      rest1Count: plan`
        SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
        LIST SUBQUERY 1
          SCAN json_each VIRTUAL TABLE INDEX 1:
          CREATE BLOOM FILTER
        SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
      `,
      rest2: plan`
        SCAN call_numbers_fts VIRTUAL TABLE INDEX 192:M2
        LIST SUBQUERY 1
          SCAN json_each VIRTUAL TABLE INDEX 1:
          CREATE BLOOM FILTER
        LIST SUBQUERY 2
          SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
          CREATE BLOOM FILTER
        SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
        SEARCH k USING INTEGER PRIMARY KEY (rowid=?)
      `,
      rest2Count: plan`
        SCAN call_numbers_fts VIRTUAL TABLE INDEX 0:M2
        LIST SUBQUERY 1
          SCAN json_each VIRTUAL TABLE INDEX 1:
          CREATE BLOOM FILTER
        LIST SUBQUERY 2
          SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
          CREATE BLOOM FILTER
        SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
      `,
      count: plan`
        CO-ROUTINE (subquery-8)
          CO-ROUTINE (subquery-7)
            CO-ROUTINE a
              COMPOUND QUERY
                LEFT-MOST SUBQUERY
                  SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
                UNION ALL
                  SCAN call_numbers_fts VIRTUAL TABLE INDEX 0:M2
                  LIST SUBQUERY 2
                    SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
                    CREATE BLOOM FILTER
            SCAN a
            SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
          SCAN (subquery-7)
        SCAN (subquery-8)
        SCALAR SUBQUERY 5
          CO-ROUTINE (subquery-4)
            COMPOUND QUERY
              LEFT-MOST SUBQUERY
                SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
              UNION ALL
                SCAN call_numbers_fts VIRTUAL TABLE INDEX 0:M2
                REUSE LIST SUBQUERY 2
          SCAN (subquery-4)
      `,
      exactCount: plan`
        CO-ROUTINE all_matches
          COMPOUND QUERY
            LEFT-MOST SUBQUERY
              SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
            UNION ALL
              SCAN call_numbers_fts VIRTUAL TABLE INDEX 0:M2
              LIST SUBQUERY 2
                SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
                CREATE BLOOM FILTER
        SCAN a
        SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
      `,
      ids: plan`
        CO-ROUTINE all_matches
          COMPOUND QUERY
            LEFT-MOST SUBQUERY
              SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
            UNION ALL
              SCAN call_numbers_fts VIRTUAL TABLE INDEX 0:M2
              LIST SUBQUERY 22
                SCAN calls_fts VIRTUAL TABLE INDEX 0:M4
                CREATE BLOOM FILTER
        ${RANKED}
        SCAN a
        BLOOM FILTER ON m (id=?)
        SEARCH m USING AUTOMATIC COVERING INDEX (id=?) LEFT-JOIN
        SEARCH c USING INTEGER PRIMARY KEY (rowid=?)
        USE TEMP B-TREE FOR ORDER BY
      `,
    },
  },
];

describe('the query plan of every statement the calls table runs (EXPLAIN QUERY PLAN)', () => {
  const { db } = storeWithConnection();
  afterAll(() => db.close());
  for (const { name, kind, request, plans } of CASES) {
    it(name, () => {
      const found = planCallList(CallListRequestSchema.parse(request));
      expect(found.kind).toBe(kind);
      const statements = statementsOf(found);
      expect(Object.fromEntries(Object.entries(statements).map(([part, statement]) => [part, queryPlan(db, statement)]))).toEqual(plans);
    });
  }
});
