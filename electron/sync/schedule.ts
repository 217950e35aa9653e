import { DateTime } from 'luxon';
import type { Settings } from '../../shared/settings';

/**
 * The next time the clock in `timeZone` reads `at` (HH:MM), after `nowMs`.
 * Luxon resolves the wall time in the zone, so a 07:30 sync stays at 07:30
 * across daylight-saving changes; a time skipped by the change moves forward.
 */
export function nextDailyRunMs(nowMs: number, at: string, timeZone: string): number {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const now = DateTime.fromMillis(nowMs, { zone: timeZone });
  let next = now.set({ hour, minute, second: 0, millisecond: 0 });
  if (next.toMillis() <= nowMs) next = now.plus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 });
  return next.toMillis();
}

export interface SchedulerOptions {
  /** Starts a sync of every connection (does nothing for one already syncing). */
  syncAll(): void;
  settings(): Pick<Settings, 'timeZone' | 'dailySyncAt' | 'syncOnStartup'>;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimer?: (timer: ReturnType<typeof setTimeout>) => void;
}

/** While the app runs: a sync at start-up if wanted, and one each day at the chosen time. */
export class SyncScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the daily sync will next run, for the Settings screen. */
  nextRunMs: number | null = null;

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    if (this.options.settings().syncOnStartup) this.options.syncAll();
    this.reschedule();
  }

  /** Call after the settings change. */
  reschedule(): void {
    const { setTimer = setTimeout, clearTimer = clearTimeout, now = Date.now } = this.options;
    if (this.timer) clearTimer(this.timer);
    this.timer = null;
    const { dailySyncAt, timeZone } = this.options.settings();
    this.nextRunMs = dailySyncAt === null ? null : nextDailyRunMs(now(), dailySyncAt, timeZone);
    if (this.nextRunMs === null) return;
    this.timer = setTimer(() => {
      this.options.syncAll();
      this.reschedule();
    }, this.nextRunMs - now());
    // The schedule alone must not keep a process alive (the CLI, tests); the app's window does.
    if (typeof this.timer === 'object' && 'unref' in this.timer) this.timer.unref();
  }

  stop(): void {
    if (this.timer) (this.options.clearTimer ?? clearTimeout)(this.timer);
    this.timer = null;
  }
}
