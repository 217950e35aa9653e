/** One published (or customised) limit: at most `limit` requests in any `intervalMs`. */
export interface RateWindow {
  limit: number;
  intervalMs: number;
}

/** What the limiter decided for one request, and the window a vendor's headers would describe. */
export interface RateDecision {
  /** 0: the request was counted and may go on. Otherwise how long until it would be accepted (it was not counted). */
  waitMs: number;
  /** The window the headers describe: the one with the fewest requests left (see `take`). */
  shown: { limit: number; remaining: number; resetMs: number; intervalMs: number };
}

/** Index of the first time after `ms` in a sorted list. */
function firstAfter(times: readonly number[], ms: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] ?? Infinity) <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The vendor's side of a rate limit: sliding windows per key. A request counts
 * in every window the key has (TalkPilot: a minute and an hour); when any is
 * full it gets 429, nothing is counted, and Retry-After says when every window
 * has room again. A sliding window is stricter than the fixed windows many
 * vendors run, so a client that passes here passes there too.
 */
export class SlidingWindowLimiter {
  /** Start times of the counted requests, oldest first, per key. */
  private readonly starts = new Map<string, number[]>();

  take(key: string, windows: readonly RateWindow[], nowMs: number): RateDecision {
    const times = this.recent(key, windows, nowMs);
    const waits = windows.map((w) => {
      const inWindow = times.length - firstAfter(times, nowMs - w.intervalMs);
      if (inWindow < w.limit) return 0;
      // Room comes back when the request that fills the window's last place leaves it.
      const leaving = times[times.length - w.limit] ?? nowMs;
      return leaving + w.intervalMs - nowMs;
    });
    const waitMs = Math.max(0, ...waits);
    if (waitMs === 0) times.push(nowMs);
    return { waitMs, shown: this.shown(times, windows, nowMs) };
  }

  /** The key's counted requests still inside its longest window (older ones are dropped). */
  private recent(key: string, windows: readonly RateWindow[], nowMs: number): number[] {
    const longest = Math.max(0, ...windows.map((w) => w.intervalMs));
    const times = this.starts.get(key) ?? [];
    const kept = times.slice(firstAfter(times, nowMs - longest));
    this.starts.set(key, kept);
    return kept;
  }

  /**
   * When two limits apply, one set of X-RateLimit-* headers can describe only
   * one: the window with the fewest requests left, the one about to run out
   * (on a tie, the one that empties later, so waiting for its reset is always
   * enough). `resetMs` is when that window has let go of every request it
   * counts now, so its whole limit is free again: "`remaining` requests until
   * `reset`" then holds whichever window is shown.
   */
  private shown(times: readonly number[], windows: readonly RateWindow[], nowMs: number): RateDecision['shown'] {
    const newest = times[times.length - 1];
    const described = windows.map((w) => {
      const inWindow = times.length - firstAfter(times, nowMs - w.intervalMs);
      return {
        limit: w.limit,
        remaining: Math.max(0, w.limit - inWindow),
        resetMs: (inWindow > 0 && newest !== undefined ? newest : nowMs) + w.intervalMs,
        intervalMs: w.intervalMs,
      };
    });
    described.sort((a, b) => a.remaining - b.remaining || b.resetMs - a.resetMs);
    return described[0] ?? { limit: 0, remaining: 0, resetMs: nowMs, intervalMs: 0 };
  }
}
