/**
 * HighLevel Voice AI's contract, errors and rate limits: 429s, 500s, resets and slow replies
 * ridden out, HTML and malformed JSON named, broken records skipped with a warning, the key kept
 * out of every URL, log line and error, and the published limit (100 per 10 s) kept and
 * answered. The other highlevel-*.contract.test.ts files cover field mapping, paging and request
 * checks, and the connection test and token scopes.
 */
import { describe, expect, it } from 'vitest';
import { callLogId } from '../../electron/simulator/vendors/highlevel-call-log';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { readAll, simConnector, useSimulator } from '../helpers/simulator';
import { expectKeyNowhere, injectRecoverableFaults } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';
import { CALL_LOGS, NOW, rawGet, useHighLevelSimulator } from './highlevel-contract-setup';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HighLevel Voice AI connector against the simulator', () => {
  const { ctx, dataset } = useHighLevelSimulator();

  it('rides out 429s (Retry-After in seconds), 500s, a connection reset and a slow reply', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel');
    const window = { fromMs: NOW - 3 * DAY_MS, toMs: NOW };
    const expected = dataset().callsBetween(window.fromMs, window.toMs).map(callLogId).sort();
    const leastMs = injectRecoverableFaults(ctx.sim, 'highlevel');
    ctx.sim.faults.inject('highlevel', { kind: 'reset' }, { times: 1 });
    ctx.sim.faults.inject('highlevel', { kind: 'slow', delayMs: 600 }, { times: 1 });
    const started = Date.now();
    const { calls } = await readAll(connector, window);
    expect(calls.map((c) => c.call.vendorCallId).sort()).toEqual(expected);
    expect(Date.now() - started).toBeGreaterThanOrEqual(leastMs);
  });

  it('fails clearly on an HTML page or malformed JSON, naming vendor and endpoint', async () => {
    for (const kind of ['html', 'malformed-json'] as const) {
      // The agents list (for names) is read first, then the call logs.
      for (const endpoint of ['/voice-ai/agents', CALL_LOGS]) {
        const { connector } = simConnector(ctx.sim, 'highlevel');
        ctx.sim.faults.inject('highlevel', { kind }, { times: 10, pathIncludes: endpoint });
        const error = await readAll(connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
        ctx.sim.faults.clear();
        expect(isVendorRequestError(error) && error.kind).toBe('invalid_response');
        expect(String((error as Error).message)).toMatch(new RegExp(`^HighLevel Voice AI answered ${endpoint} with`));
      }
    }
  });

  it('skips a broken record with a warning carrying its id and payload, keeping the rest', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel');
    const window = { fromMs: NOW - 2 * DAY_MS, toMs: NOW };
    const inWindow = dataset().callsBetween(window.fromMs, window.toMs);
    const [a, b] = [inWindow[3]!, inWindow[70]!];
    ctx.sim.faults.breakRecord('highlevel', callLogId(a), 'missing-field');
    ctx.sim.faults.breakRecord('highlevel', callLogId(b), 'wrong-type');
    const { calls, warnings } = await readAll(connector, window);
    ctx.sim.faults.clear();
    expect(calls).toHaveLength(inWindow.length - 2);
    expect(warnings.map((w) => w.vendorRecordId).sort()).toEqual([callLogId(a), callLogId(b)].sort());
    expect(warnings.find((w) => w.vendorRecordId === callLogId(a))?.message).toMatch(
      /^A HighLevel Voice AI call \([0-9a-f]{24}\) could not be read and was skipped: createdAt/,
    );
    expect(warnings.find((w) => w.vendorRecordId === callLogId(b))).toMatchObject({
      stream: 'calls',
      message: expect.stringMatching(/duration/),
      raw: { duration: 'one hundred and eighty' },
    });
  });

  it('never lets the key reach a URL, a log line or an error', async () => {
    const { connector, logs } = simConnector(ctx.sim, 'highlevel');
    ctx.sim.faults.inject('highlevel', { kind: 'status', status: 500 }, { times: 1 });
    await readAll(connector, { fromMs: NOW - 8 * DAY_MS, toMs: NOW });
    await connector.fetchTranscript({ vendorCallId: 'missing', userId: null });
    await connector.testConnection();
    const key = ctx.sim.credentials.highlevel.apiKey;
    const failing = simConnector(ctx.sim, 'highlevel', { apiKey: key + 'x' });
    const error = await readAll(failing.connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
    expect(isVendorRequestError(error) && error.kind).toBe('unauthorized');
    expectKeyNowhere(key, ctx.sim, [...logs, ...failing.logs], error);
  });
});

describe('HighLevel Voice AI rate limit (100 per 10 s, compressed to 1 s)', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 300, days: 10, rateLimits: 'published', rateLimitWindowMs: 1_000 });

  // Client and simulator share one process: under heavy CPU load a stall can still outlast the
  // client's 50 ms margin. A connector without the limit fails every try; a stall fails one.
  it('keeps a burst of 200 concurrent requests under the limit without a single 429', { retry: 2 }, async () => {
    const limited = { http: { rateLimit: { limit: 100, intervalMs: 1_000 } } };
    // Empty one-second windows a month before the data: one cheap request each.
    const windows = Array.from({ length: 200 }, (_, i) => ({ fromMs: NOW - 30 * DAY_MS + i * 1_000, toMs: NOW - 30 * DAY_MS + (i + 1) * 1_000 }));
    const burstOf = (connector: ReturnType<typeof simConnector>['connector'], count: number) =>
      Promise.all(windows.slice(0, count).map((w) => readAll(connector, w)));
    // Warm up first: requests on cold sockets and cold code reach this in-process simulator
    // later than warm ones, by more than the client's 50 ms limiter margin; then let the window empty.
    await burstOf(simConnector(ctx.sim, 'highlevel', limited).connector, 100);
    await pause(1_100);
    const { connector } = simConnector(ctx.sim, 'highlevel', limited);
    const firstRequest = ctx.sim.requests.length;
    const started = Date.now();
    const results = await burstOf(connector, 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(results.flatMap((r) => r.calls)).toEqual([]);
    const burst = ctx.sim.requests.slice(firstRequest);
    // 200 listings and the one agents page the connector reads for names.
    expect(burst.filter((r) => r.url.startsWith(`/highlevel${CALL_LOGS}?`))).toHaveLength(200);
    expect(burst).toHaveLength(201);
    expect(burst.filter((r) => r.status === 429)).toEqual([]);
  });

  it('answers the 101st request in a window with 429, Retry-After and the documented headers', async () => {
    await pause(1_100); // let the previous test's window empty
    const query = { locationId: ctx.sim.credentials.highlevel.locationId! };
    const answers = await Promise.all(Array.from({ length: 101 }, () => rawGet(ctx.sim, '/voice-ai/agents', query)));
    const ok = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    expect([ok.length, limited.length]).toEqual([100, 1]);
    expect(limited[0]).toMatchObject({ body: { statusCode: 429, message: 'Rate limit exceeded', error: 'Too Many Requests' } });
    expect(limited[0]!.headers.get('retry-after')).toBe('1');
    const headers = ok[0]!.headers;
    expect(headers.get('x-ratelimit-max')).toBe('100');
    expect(headers.get('x-ratelimit-interval-milliseconds')).toBe('1000');
    expect(Number(headers.get('x-ratelimit-remaining'))).toBeLessThan(100);
    expect(Number(headers.get('x-ratelimit-daily-remaining'))).toBeLessThan(200_000);
    expect(Number(headers.get('x-ratelimit-daily-remaining'))).toBeGreaterThan(190_000);
  });
});
