import type { CallListQuery, CallPage } from '../../shared/calls';
import { rowToCall, type CallRowRecord } from './call-fields';
import { LIST_LIMITS, planCallList, type CallListPlan, type ListLimits, type PagedRun, type StagedRun } from './call-list-plan';
import { attachSnippets } from './call-snippets';
import type { Db } from './db';
import { prefixTerms } from './prefix-terms';
import type { Params, Sql } from './sql';
import { prepared } from './statements';

/** One page of calls for the table: filters, search and sort all run here as SQL (call-list-plan.ts). */
export function listCalls(db: Db, query: CallListQuery, limits: ListLimits = LIST_LIMITS): CallPage {
  const plan = planCallList(query, limits, prefixTerms(db, query.search));
  if (plan.kind === 'matches-nothing') return { rows: [], total: 0 };
  const count = prepared<[Params], { total: number; truncated: number }>(db, plan.count.text).get(plan.count.params);
  const counted = count?.total ?? 0;
  const capped = counted > limits.count || Boolean(count?.truncated);
  const rows = readPage(db, plan, capped, query.offset, query.limit).map(rowToCall);
  if (plan.kind !== 'browse' && rows.length) attachSnippets(db, rows, plan.words, plan.kind === 'ranked-search');
  if (!capped) return { rows, total: counted };
  // A page that ends early is the last one: then the total is known exactly.
  if (rows.length > 0 && rows.length < query.limit) return { rows, total: query.offset + rows.length };
  // Counting every match of a common word takes longer than the page itself: say "at least".
  return { rows, total: Math.max(Math.min(counted, limits.count), query.offset + rows.length), totalCapped: true };
}

/** Every call the query selects, counted to the end (exports say how many they hold). */
export function countCalls(db: Db, query: CallListQuery, limits: ListLimits = LIST_LIMITS): number {
  const plan = planCallList(query, limits, prefixTerms(db, query.search));
  if (plan.kind === 'matches-nothing') return 0;
  return prepared<[Params], { total: number }>(db, plan.exactCount.text).get(plan.exactCount.params)?.total ?? 0;
}

type Readable = Exclude<CallListPlan, { kind: 'matches-nothing' }>;

/** The page's rows in the plan's order; `capped` (many matches) picks a sorted search's other way of reading. */
function readPage(db: Db, plan: Readable, capped: boolean, offset: number, limit: number): CallRowRecord[] {
  switch (plan.kind) {
    case 'browse':
      return pageAcrossRuns(db, [plan.run], offset, limit);
    case 'sorted-search':
      return pageAcrossRuns(db, [capped ? plan.manyMatches : plan.run], offset, limit);
    case 'ranked-search': {
      const ids = prepared<[Params], number>(db, plan.ranked.ids.text).pluck().all(plan.ranked.ids.params);
      const staged = stagedRows(db, plan.ranked, ids, offset, limit);
      // The rest leave out every ranked call, whether or not the filters kept it.
      return pageAcrossRuns(db, plan.rest, Math.max(0, offset - staged.passed), limit, staged.rows, { rankedIds: JSON.stringify(ids) });
    }
  }
}

const all = (db: Db, statement: Sql, params: Params) => prepared<[Params], CallRowRecord>(db, statement.text).all({ ...statement.params, ...params });

/**
 * Adds rows to `rows` until it holds `limit`, run after run, from `offset` on;
 * a run is counted only when the page starts past its end. `runParams`: what
 * the runs' statements take besides their own parameters (the ranked ids).
 */
function pageAcrossRuns(db: Db, runs: readonly PagedRun[], offset: number, limit: number, rows: CallRowRecord[] = [], runParams: Params = {}): CallRowRecord[] {
  let skip = offset;
  for (const run of runs) {
    const need = limit - rows.length;
    if (need === 0) break;
    const found = all(db, run.page, { ...runParams, limit: need, offset: skip });
    rows.push(...found);
    if (found.length) skip = 0;
    else if (skip > 0)
      skip = Math.max(0, skip - (prepared<[Params], { total: number }>(db, run.count.text).get({ ...run.count.params, ...runParams })?.total ?? 0));
  }
  return rows;
}

/** Ranked ids are fetched this many at a time: a page plus what the filters may drop. */
const STAGED_CHUNK = 200;

/** Rows of `ids` that pass the filters, in the ids' order, from `skip` on; `passed` counts those seen. */
function stagedRows(db: Db, run: StagedRun, ids: readonly number[], skip: number, need: number) {
  const rows: CallRowRecord[] = [];
  let passed = 0;
  for (let at = 0; at < ids.length && rows.length < need; at += STAGED_CHUNK) {
    const chunk = ids.slice(at, at + STAGED_CHUNK);
    const byId = new Map(all(db, run.rows, { ids: JSON.stringify(chunk) }).map((row) => [row.id, row]));
    for (const id of chunk) {
      const row = byId.get(id);
      if (!row) continue;
      if (passed >= skip && rows.length < need) rows.push(row);
      passed += 1;
    }
  }
  return { rows, passed };
}
