import type { ActivityQuery } from '../electron/store/activity-totals';
import type { Db } from '../electron/store/db';
import { removeTracker, saveTracker, trackerCountsByPerson } from '../electron/store/trackers';
import { count, ms, percentile, seconds, timed } from './stats';
import type { BenchResult } from './table';
import { DAY_MS } from '../shared/time';

/** What a manager would follow: a word in most transcripts, a rare topic, and phrases of several words. */
const TRACKERS = [
  { name: 'Bench: Compensation', phrases: ['salary', 'pay', 'rate'] },
  { name: 'Bench: Right to work', phrases: ['visa', 'sponsorship', 'right to work'] },
  { name: 'Bench: Scheduling', phrases: ['interview', 'late shift', 'hybrid working'] },
];

/**
 * Saving a tracker (working out its hits over every call) and the per-person
 * counts the Activity screen asks for, over 30-day ranges spread across the
 * store's year. The trackers are removed afterwards, so the cached store stays as it was built.
 */
export async function benchTrackers(db: Db, options: { label: string; nowMs: number; whileSaved?: () => Promise<BenchResult[]> }): Promise<BenchResult[]> {
  const area = `Trackers (${options.label})`;
  for (const t of TRACKERS) db.prepare(`DELETE FROM trackers WHERE name = ?`).run(t.name);
  const saves = TRACKERS.map((input) => {
    const { value, ms: took } = timed(() => saveTracker(db, input));
    const hits = db.prepare(`SELECT count(DISTINCT call_id) FROM call_tracker_hits WHERE tracker_id = ?`).pluck().get(value.id) as number;
    return { tracker: value, took, hits };
  });
  const ranges: ActivityQuery[] = Array.from({ length: 12 }, (_, i) => {
    const toMs = options.nowMs - i * 30 * DAY_MS;
    return { fromDay: '', toDay: '', fromMs: toMs - 30 * DAY_MS, toMs };
  });
  for (const range of ranges) trackerCountsByPerson(db, range);
  const timings: number[] = [];
  for (let run = 0; run < 3; run++) for (const range of ranges) timings.push(timed(() => trackerCountsByPerson(db, range)).ms);
  const rows = trackerCountsByPerson(db, ranges[0] as ActivityQuery).length;
  const p95 = percentile(timings, 95);
  const alongside = (await options.whileSaved?.()) ?? [];
  for (const { tracker } of saves) removeTracker(db, tracker.id);
  const saveWords = saves.map(({ tracker, took, hits }) => `"${tracker.name.replace('Bench: ', '')}" ${seconds(took)} (${count(hits)} calls hit)`).join(', ');
  return [
    {
      area,
      measure: `per-person tracker counts, ${TRACKERS.length} trackers, 30-day ranges: p50 / p95`,
      result: `${ms(percentile(timings, 50))} / ${ms(p95)}`,
      target: 'p95 ≤ 50 ms',
      met: p95 <= 50,
      note: `12 ranges a month apart over the store's year, 3 runs each after a warm-up pass; the newest range gives ${count(rows)} rows (person × tracker).`,
    },
    {
      area,
      measure: 'saving a tracker: its hits over every call worked out',
      result: seconds(Math.max(...saves.map((s) => s.took))),
      target: '',
      met: null,
      note: `Slowest of ${TRACKERS.length}: ${saveWords}. In chunks of 500 candidate calls per transaction; in the app this runs in the core's worker, so main stays free while it does.`,
    },
    ...alongside,
  ];
}
