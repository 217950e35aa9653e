import type { TimeWindow } from '../vendors/connector';
import { DAY_MS } from '../../shared/time';

export const DEFAULT_BACKFILL_DAYS = 30;
export const DEFAULT_LOOKBACK_MS = 2 * DAY_MS;
/**
 * The longest window between checkpoints. Each window ends on its own
 * part-filled page, so windows cost requests: a range is read in as few as the
 * vendor allows (TalentLynk: 7 days), the fewest requests the API permits.
 * The price is paid only if a sync dies mid-backfill: the next run re-reads that
 * range (writes are idempotent, so nothing is duplicated or lost). Later syncs
 * read only from the checkpoint less the lookback.
 */
export const DEFAULT_WINDOW_MS = Infinity;

/** Reconciliation re-reads a week per window, so a pass stopped anywhere loses at most a week's reading. */
export const RECONCILE_WINDOW_MS = 7 * DAY_MS;
/** The app re-reads every connection's whole synced range this often (`talktally sync --reconcile` on demand). */
export const RECONCILE_EVERY_MS = 7 * DAY_MS;

export interface RangeOptions {
  nowMs: number;
  /** An explicit start (`--since`): read from here whatever the checkpoint says. */
  sinceMs?: number;
  lookbackMs?: number;
  backfillDays?: number;
}

/**
 * What to read: the first time from the backfill start; later from the
 * checkpoint less a lookback, so late summaries, statuses and transcripts
 * arrive. Null when there is nothing to read, including a checkpoint in the
 * future (a clock that was wrong): reading nothing is safer than guessing.
 */
export function rangeToRead(checkpointMs: number | null, options: RangeOptions): TimeWindow | null {
  const { nowMs } = options;
  let fromMs: number;
  if (options.sinceMs !== undefined) fromMs = options.sinceMs;
  else if (checkpointMs === null) fromMs = nowMs - (options.backfillDays ?? DEFAULT_BACKFILL_DAYS) * DAY_MS;
  else if (checkpointMs > nowMs) return null;
  else fromMs = checkpointMs - (options.lookbackMs ?? DEFAULT_LOOKBACK_MS);
  return fromMs < nowMs ? { fromMs, toMs: nowMs } : null;
}

const midnightBefore = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * Cuts a range into consecutive windows no longer than `maxMs`. For a vendor
 * that filters by whole UTC days the range starts at midnight and windows end
 * at midnights (the last one at the range's end).
 */
export function windowsOf(range: TimeWindow, options: { maxMs: number; wholeDays: boolean }): TimeWindow[] {
  // Whole days: a window is a whole number of days, at least one.
  const step = options.wholeDays ? Math.max(DAY_MS, Math.floor(options.maxMs / DAY_MS) * DAY_MS) : options.maxMs;
  const fromMs = options.wholeDays ? midnightBefore(range.fromMs) : range.fromMs;
  const windows: TimeWindow[] = [];
  for (let start = fromMs; start < range.toMs; start += step) windows.push({ fromMs: start, toMs: Math.min(range.toMs, start + step) });
  return windows;
}

/** The UTC days (YYYY-MM-DD) a range touches, oldest first. */
export function daysOf(range: TimeWindow): string[] {
  const days: string[] = [];
  for (let day = midnightBefore(range.fromMs); day < range.toMs; day += DAY_MS) days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}
