/**
 * The vendor's side of a rate limit: a sliding window per key. When it is
 * full the request gets 429 and a Retry-After for when the oldest request leaves.
 */
export class SlidingWindowLimiter {
  private readonly starts = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly intervalMs: number,
  ) {}

  /** Records the request and returns 0, or returns the milliseconds to wait (not recorded). */
  take(key: string, nowMs: number): number {
    const recent = (this.starts.get(key) ?? []).filter((t) => t > nowMs - this.intervalMs);
    this.starts.set(key, recent);
    if (recent.length >= this.limit) return (recent[0] ?? nowMs) + this.intervalMs - nowMs;
    recent.push(nowMs);
    return 0;
  }

  remaining(key: string, nowMs: number): number {
    return Math.max(0, this.limit - (this.starts.get(key) ?? []).filter((t) => t > nowMs - this.intervalMs).length);
  }
}
