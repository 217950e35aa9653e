import type { CallListPlan } from '../../electron/store/call-list-plan';
import type { Db } from '../../electron/store/db';
import type { Sql } from '../../electron/store/sql';

/** What the runner binds besides a statement's own parameters (electron/store/call-list.ts): any values do for a plan. */
const RUNNER_PARAMS = { limit: 100, offset: 0, ids: '[]', rankedIds: '[]' };

/** EXPLAIN QUERY PLAN of a statement, one step a line, indented under the step it belongs to. */
export function queryPlan(db: Db, statement: Sql): string {
  const steps = db.prepare(`EXPLAIN QUERY PLAN ${statement.text}`).all({ ...statement.params, ...RUNNER_PARAMS }) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, -1]]);
  return steps
    .map((step) => {
      const level = (depth.get(step.parent) ?? -1) + 1;
      depth.set(step.id, level);
      return `${'  '.repeat(level)}${step.detail}`;
    })
    .join('\n');
}

/** The same, on one line: for a regular expression over the whole plan. */
export const queryPlanLine = (db: Db, statement: Sql): string => queryPlan(db, statement).replace(/\n\s*/g, ' | ');

/** The statement that reads a first page: the page itself, or a relevance search's ranked ids. */
export function firstPage(plan: CallListPlan): Sql {
  switch (plan.kind) {
    case 'matches-nothing':
      throw new Error('A query that matches nothing runs no statement.');
    case 'browse':
    case 'sorted-search':
      return plan.run.page;
    case 'ranked-search':
      return plan.ranked.ids;
  }
}

/** Every statement a plan can run, by what it is for. */
export function statementsOf(plan: CallListPlan): Record<string, Sql> {
  if (plan.kind === 'matches-nothing') return {};
  const selection = { count: plan.count, exactCount: plan.exactCount, ids: plan.ids };
  switch (plan.kind) {
    case 'browse':
      return { page: plan.run.page, ...selection };
    case 'sorted-search':
      return { page: plan.run.page, manyMatches: plan.manyMatches.page, ...selection };
    case 'ranked-search':
      return {
        rankedIds: plan.ranked.ids,
        rankedRows: plan.ranked.rows,
        ...Object.fromEntries(
          plan.rest.flatMap((run, i) => [
            [`rest${i + 1}`, run.page],
            [`rest${i + 1}Count`, run.count],
          ]),
        ),
        ...selection,
      };
  }
}
