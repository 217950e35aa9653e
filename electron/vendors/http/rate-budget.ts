import { DAY_MS } from '../../../shared/time';

/**
 * What the vendor says is left of this key's rate limit, read from its own
 * response headers. Published limits are only defaults: an admin can lower a
 * key's (TalkPilot), and plans differ (Talkover). Pacing to the published
 * figure alone would run into a lower real limit and draw a 429 on every
 * request until the window turns; pacing to what the vendor announces does not.
 *
 * Header dialects:
 * - `X-RateLimit-Remaining` with `X-RateLimit-Reset` (TalkPilot: Unix seconds;
 *   a small number is read as seconds from now, as some APIs send it);
 * - `X-RateLimit-Remaining` with `X-RateLimit-Interval-Milliseconds` (HighLevel,
 *   whose window resets that long after it began: we wait the whole interval);
 * - `X-RateLimit-Daily-Remaining` (HighLevel): at 0, nothing more today (UTC).
 */

type Headers = Record<string, string | string[] | undefined>;

/** When no reset time is announced, assume the commonest window, a minute. */
const UNKNOWN_WINDOW_MS = 60_000;
/** Below this a reset value is seconds from now, not a Unix time (1e9 s is 2001). */
const UNIX_SECONDS_FROM = 1_000_000_000;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function wholeNumber(headers: Headers, name: string): number | undefined {
  const text = header(headers, name)?.trim();
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Math.floor(Number(text));
}

/** The instant the announced window ends, in Unix ms. */
function resetAtOf(headers: Headers, nowMs: number): number {
  const reset = wholeNumber(headers, 'x-ratelimit-reset');
  if (reset !== undefined) return reset >= UNIX_SECONDS_FROM ? reset * 1000 : nowMs + reset * 1000;
  const intervalMs = wholeNumber(headers, 'x-ratelimit-interval-milliseconds');
  return nowMs + (intervalMs ?? UNKNOWN_WINDOW_MS);
}

const nextUtcMidnight = (nowMs: number): number => (Math.floor(nowMs / DAY_MS) + 1) * DAY_MS;

/** After a window turns, its reset is unknown until the vendor answers again. */
const UNKNOWN_RESET = Infinity;
/** How long to wait for an answer that says when the new window ends. */
const ANSWER_WAIT_MS = 250;

export class RateBudget {
  /** What the vendor allows per window: announced (`X-RateLimit-Limit`/`-Max`) or the most it was seen to have left. */
  private limit: number | null = null;
  /** Requests left before `resetAtMs`, counting those we sent that the vendor has not answered yet; null while nothing is known. */
  private remaining: number | null = null;
  private resetAtMs = 0;
  private dayUsedUpUntilMs = 0;

  /** Reads a response's headers (any status: a 429 says the most). */
  observe(headers: Headers, nowMs: number): void {
    if (wholeNumber(headers, 'x-ratelimit-daily-remaining') === 0) this.dayUsedUpUntilMs = nextUtcMidnight(nowMs);
    const remaining = wholeNumber(headers, 'x-ratelimit-remaining');
    if (remaining === undefined) return;
    this.limit = wholeNumber(headers, 'x-ratelimit-limit') ?? wholeNumber(headers, 'x-ratelimit-max') ?? Math.max(this.limit ?? 0, remaining + 1);
    const resetAtMs = resetAtOf(headers, nowMs);
    if (this.remaining === null || nowMs >= this.resetAtMs) {
      this.remaining = remaining;
      this.resetAtMs = resetAtMs;
      return;
    }
    // Answers to requests in flight together arrive in any order, and a window
    // that slides moves its reset later with every request: until the window we
    // know of ends, the lowest count and the latest reset are the truth (waiting
    // for the latest reset frees the whole limit, whichever kind of window it is).
    this.remaining = Math.min(this.remaining, remaining);
    this.resetAtMs = this.resetAtMs === UNKNOWN_RESET ? resetAtMs : Math.max(this.resetAtMs, resetAtMs);
  }

  /**
   * Counts one request against what is left and returns how long it must wait
   * first (0: go now). When a window ends, the next starts with the whole limit
   * and every request sent counts against it at once, so requests sent together
   * (four transcripts at a time) cannot overrun it before the vendor answers.
   */
  reserve(nowMs: number): number {
    if (nowMs < this.dayUsedUpUntilMs) return this.dayUsedUpUntilMs - nowMs;
    if (this.remaining === null) return 0;
    if (nowMs >= this.resetAtMs) {
      this.remaining = this.limit;
      this.resetAtMs = UNKNOWN_RESET;
      if (this.remaining === null) return 0;
    }
    if (this.remaining > 0) {
      this.remaining -= 1;
      return 0;
    }
    return this.resetAtMs === UNKNOWN_RESET ? ANSWER_WAIT_MS : this.resetAtMs - nowMs;
  }
}
