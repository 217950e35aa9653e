import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createVendorHttp } from '../../electron/vendors/http/client';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { RateBudget } from '../../electron/vendors/http/rate-budget';

/**
 * The client paces to what the vendor announces for this key, not only to the
 * published defaults: a vendor on 127.0.0.1 that enforces a lower limit than the
 * client was told, announcing it in its headers the way TalkPilot and HighLevel
 * document them, must never answer 429 (one that did would be a "429 storm":
 * every request of the window refused and retried).
 */

const servers: http.Server[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

type Dialect = 'talkpilot' | 'highlevel';

/** A fixed window of `limit` requests per `windowMs`, enforced, announced in the dialect's headers. */
async function limitedVendor(dialect: Dialect, limit: number, windowMs: number) {
  let windowStart = Date.now();
  let used = 0;
  const statuses: number[] = [];
  const server = http.createServer((_req, res) => {
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      used = 0;
    }
    const resetAtMs = windowStart + windowMs;
    const over = used >= limit;
    if (!over) used += 1;
    const remaining = String(Math.max(0, limit - used));
    const headers: Record<string, string> =
      dialect === 'talkpilot'
        ? // Unix seconds, rounded up so the client never starts before the window really turned.
          { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': String(Math.ceil(resetAtMs / 1000)) }
        : { 'x-ratelimit-max': String(limit), 'x-ratelimit-remaining': remaining, 'x-ratelimit-interval-milliseconds': String(windowMs) };
    const status = over ? 429 : 200;
    statuses.push(status);
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers, ...(over ? { 'retry-after': '1' } : {}) })
      .end(JSON.stringify(over ? { error: { message: 'Too many requests' } } : { ok: true }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, statuses };
}

const client = (baseUrl: string, maxRetryAfterMs = 5_000) =>
  createVendorHttp({
    vendor: 'talkpilot',
    baseUrl,
    headers: { 'x-api-key': 'tp_live_test' },
    secrets: ['tp_live_test'],
    // The published default, far above what this key really gets.
    rateLimit: { limit: 1_000, intervalMs: 1_000 },
    retries: 3,
    maxRetryAfterMs,
  });

describe('pacing to the rate limit the vendor announces', () => {
  it('sends 12 requests to a key limited to 4 a second (TalkPilot headers, Unix reset) without one 429', async () => {
    const vendor = await limitedVendor('talkpilot', 4, 1_000);
    const http = client(vendor.url);
    // Four at a time, as the transcript stream runs them.
    for (let i = 0; i < 3; i++) await Promise.all([1, 2, 3, 4].map(() => http.getJson('/calls')));
    expect(vendor.statuses.filter((s) => s === 429)).toEqual([]);
    expect(vendor.statuses).toHaveLength(12);
  });

  it("does the same for HighLevel's interval headers", async () => {
    const vendor = await limitedVendor('highlevel', 3, 700);
    const http = client(vendor.url);
    for (let i = 0; i < 9; i++) await http.getJson('/voice-ai/dashboard/call-logs');
    expect(vendor.statuses.filter((s) => s === 429)).toEqual([]);
    expect(vendor.statuses).toHaveLength(9);
  });

  it('the same vendor does answer 429 when requests go out before any headers are read: the tests above can fail', async () => {
    const vendor = await limitedVendor('talkpilot', 4, 1_000);
    // Six at once, no retries: the published default alone lets them all go.
    const plain = createVendorHttp({
      vendor: 'talkpilot',
      baseUrl: vendor.url,
      headers: {},
      secrets: [],
      rateLimit: { limit: 1_000, intervalMs: 1_000 },
      retries: 0,
    });
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(() => plain.getJson('/calls')));
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
  });

  it('refuses to sit out a budget that resets after longer than it waits: a rate_limited error with the wait, nothing sent', async () => {
    const vendor = await limitedVendor('talkpilot', 2, 3_600_000);
    const http = client(vendor.url, 2_000);
    await http.getJson('/calls');
    await http.getJson('/calls');
    const sent = vendor.statuses.length;
    const error = await http.getJson('/calls').then(
      () => null,
      (e: unknown) => e,
    );
    expect(isVendorRequestError(error) && error.kind).toBe('rate_limited');
    expect(isVendorRequestError(error) ? error.retryAfterMs : 0).toBeGreaterThan(3_500_000);
    expect(vendor.statuses.length).toBe(sent);
  });
});

describe('RateBudget', () => {
  const now = 1_800_000_000_000;

  it('keeps the lowest remaining count of one window, whatever order answers arrive in', () => {
    const budget = new RateBudget();
    budget.observe({ 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': String(now / 1000 + 10) }, now);
    budget.observe({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': String(now / 1000 + 10) }, now + 5);
    expect(budget.reserve(now + 10)).toBe(0);
    expect(budget.reserve(now + 10)).toBe(9_990);
  });

  it('reads a small reset as seconds from now, and starts the next window with the whole announced limit', () => {
    const budget = new RateBudget();
    budget.observe({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' }, now);
    expect(budget.reserve(now)).toBe(30_000);
    // Three sent together when the window turns: the third waits for an answer that says when the new window ends.
    expect([budget.reserve(now + 30_000), budget.reserve(now + 30_000), budget.reserve(now + 30_000)]).toEqual([0, 0, 250]);
    budget.observe({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '30' }, now + 30_010);
    expect(budget.reserve(now + 30_020)).toBe(29_990);
  });

  it("waits for the next UTC day when HighLevel's daily budget is used up", () => {
    const budget = new RateBudget();
    const lateEvening = Date.UTC(2026, 11, 1, 23, 0);
    budget.observe({ 'x-ratelimit-daily-remaining': '0', 'x-ratelimit-remaining': '50', 'x-ratelimit-interval-milliseconds': '10000' }, lateEvening);
    expect(budget.reserve(lateEvening)).toBe(3_600_000);
  });

  it('ignores headers it cannot read', () => {
    const budget = new RateBudget();
    budget.observe({ 'x-ratelimit-remaining': 'lots', 'x-ratelimit-reset': 'soon' }, now);
    expect(budget.reserve(now)).toBe(0);
  });
});
