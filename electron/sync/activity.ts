import { upsertUserActivity } from '../store/activity';
import { addSyncWarnings, advanceCheckpoint, countInRun, getCheckpoint } from '../store/sync-state';
import { stopIfCancelled, type SyncContext } from './context';
import { daysOf, rangeToRead, type RangeOptions } from './plan';
import { DAY_MS } from '../../shared/time';

/**
 * The activity stream (TalentLynk): one UTC day per request, so per-user daily
 * rows can be summed for any range offline. Each day is written with its
 * checkpoint in one transaction; today counts only up to the run's "now".
 */
export async function syncActivity(context: SyncContext, options: Omit<RangeOptions, 'nowMs'>): Promise<void> {
  const { db, connection, connector, runId, nowMs } = context;
  const checkpoint = getCheckpoint(db, connection.id, 'activity');
  const range = rangeToRead(checkpoint?.syncedThroughMs ?? null, { ...options, nowMs });
  if (!range) return;
  const days = daysOf(range);
  context.progress.stream = 'activity';
  for (const [i, day] of days.entries()) {
    stopIfCancelled(context);
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    context.progress.window = { index: i + 1, count: days.length, fromMs: dayStart, toMs: dayStart + DAY_MS };
    context.report();
    const { rows, warnings } = await connector.readActivity(day);
    // IMMEDIATE, like a calls page (calls.ts): it waits for another process's write instead of failing.
    db.transaction(() => {
      const changed = upsertUserActivity(db, connection.id, rows, nowMs);
      addSyncWarnings(db, runId, warnings, nowMs);
      countInRun(db, runId, { activityRows: changed });
      advanceCheckpoint(db, connection.id, 'activity', Math.min(dayStart + DAY_MS, nowMs), nowMs);
    }).immediate();
    context.progress.pages += 1;
    context.progress.records += rows.length;
    context.progress.warnings += warnings.length;
  }
}
