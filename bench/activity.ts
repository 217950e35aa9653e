import { DateTime } from 'luxon';
import type { ActivitySummary } from '../shared/activity';
import { createCore } from '../electron/app';
import type { Db } from '../electron/store/db';
import { BENCH_SHELL } from './shell';
import { count, ms, percentile } from './stats';
import type { BenchResult } from './table';

/** What the Activity screen asks for: the last 7, 30 and 90 days. */
const RANGES = [7, 30, 90];
/** The budget of one answer through main's dispatcher, as for the calls table's first page. */
const BUDGET_MS = 100;
const ZONE = 'America/New_York';

/**
 * The Activity screen's data (`activity/summary`: each person's figures with
 * their conversation figures and tracker counts, the previous period, the
 * per-day rows for the charts, the teams) through createCore's dispatcher, with
 * the structured clone Electron's IPC adds. Run while the bench's trackers are
 * saved, so their counts are in it.
 */
export async function benchActivity(db: Db, options: { label: string; nowMs: number }): Promise<BenchResult[]> {
  const { dispatch } = createCore({ databasePath: db.name, db, version: 'bench', workerFile: null, shell: BENCH_SHELL });
  // A zone whose midnights are not UTC's: each range's first and last day are partly read from the calls.
  await dispatch('settings/update', { timeZone: ZONE });
  const today = DateTime.fromMillis(options.nowMs, { zone: ZONE });
  const results: BenchResult[] = [];
  for (const days of RANGES) {
    const range = { fromDay: today.minus({ days: days - 1 }).toISODate() ?? '', toDay: today.toISODate() ?? '' };
    const once = async () => {
      const started = performance.now();
      const answer = await dispatch('activity/summary', { range });
      if (!answer.ok) throw new Error(`activity/summary failed: ${answer.error.message}`);
      const cloned = structuredClone(answer.value as ActivitySummary);
      return { took: performance.now() - started, value: cloned };
    };
    await once(); // warm-up
    const first = await once();
    const runs = [first, await once(), await once()];
    const times = runs.map((r) => r.took);
    const { value } = first;
    const median = percentile(times, 50);
    results.push({
      area: `Activity (${options.label})`,
      measure: `Activity screen's data for the last ${days} days through the dispatcher: median`,
      result: ms(median),
      target: `≤ ${BUDGET_MS} ms`,
      met: median <= BUDGET_MS,
      note: `activity/summary in ${ZONE} with ${count(value.users.length)} people (conversation figures and ${value.trackers.length} trackers' counts each), the previous ${days} days, ${count(value.daily.length)} per-day rows; median of 3 after a warm-up, structured clone included.`,
    });
  }
  return results;
}
