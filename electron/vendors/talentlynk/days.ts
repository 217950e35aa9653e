import type { TimeWindow } from '../connector';
import { DAY_MS } from '../../../shared/time';

const midnightBefore = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * Cuts a window into consecutive pieces that each touch at most `maxDates`
 * UTC calendar dates, covering it exactly. TalentLynk widens every request to
 * whole days and counts its limit in dates, so a piece may begin mid-day only
 * where the window does, and otherwise starts and ends at midnight. A window
 * already cut at midnights (the sync's, with `dayGranularity`) is one piece.
 */
export function wholeDayPieces(window: TimeWindow, maxDates: number): TimeWindow[] {
  const pieces: TimeWindow[] = [];
  for (let from = window.fromMs; from < window.toMs;) {
    const to = Math.min(window.toMs, midnightBefore(from) + maxDates * DAY_MS);
    pieces.push({ fromMs: from, toMs: to });
    from = to;
  }
  return pieces;
}
