/**
 * TalkPilot's contract, errors and rate limits: 429s, 500s, resets and slow replies ridden out,
 * HTML and malformed JSON named, broken records skipped with a warning, the key kept out of
 * every URL, log line and error, and the per-key limits of the minute and the hour with the
 * headers that announce them. The other talkpilot-*.contract.test.ts files cover field mapping,
 * paging and the connection, and changes to calls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SimCall } from '../../electron/simulator/dataset';
import { agentUuid, callUuid } from '../../electron/simulator/vendors/talkpilot';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { readAll, simConnector, useSimulator } from '../helpers/simulator';
import { expectKeyNowhere, injectRecoverableFaults } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';
import { NOW, apiGet, useTalkPilotSimulator } from './talkpilot-contract-setup';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TalkPilot connector against the simulator', () => {
  const { ctx, dataset, refOf } = useTalkPilotSimulator();

  it('rides out 429s (Retry-After), 500s and connection resets', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const window = { fromMs: NOW - 3 * DAY_MS, toMs: NOW };
    const expected = (await readAll(connector, window)).calls.length;
    const leastMs = injectRecoverableFaults(ctx.sim, 'talkpilot');
    ctx.sim.faults.inject('talkpilot', { kind: 'reset' }, { times: 1 });
    const started = Date.now();
    expect((await readAll(connector, window)).calls).toHaveLength(expected);
    expect(Date.now() - started).toBeGreaterThanOrEqual(leastMs);
  });

  it('waits for a slow reply that comes within the timeout', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const window = { fromMs: NOW - 2 * DAY_MS, toMs: NOW };
    const expected = (await readAll(connector, window)).calls.length;
    const attempts = connector.requestCount;
    ctx.sim.faults.inject('talkpilot', { kind: 'slow', delayMs: 1_200 }, { pathIncludes: '/calls' });
    const started = Date.now();
    expect((await readAll(connector, window)).calls).toHaveLength(expected);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_200);
    // The same page requests, none retried; the agent list is already known.
    expect(connector.requestCount - attempts).toBe(attempts - 1);
  });

  it('fails clearly on an HTML page or malformed JSON, naming vendor and endpoint', async () => {
    const cases = [
      { kind: 'html', pathIncludes: '/calls', endpoint: /TalkPilot answered \/agents\/[0-9a-f-]{36}\/calls with something that is not JSON/ },
      { kind: 'malformed-json', pathIncludes: '/calls', endpoint: /TalkPilot answered \/agents\/[0-9a-f-]{36}\/calls with JSON that is cut off/ },
      { kind: 'malformed-json', pathIncludes: '/agents', endpoint: /TalkPilot answered \/agents with JSON that is cut off/ },
    ] as const;
    for (const { kind, pathIncludes, endpoint } of cases) {
      const { connector } = simConnector(ctx.sim, 'talkpilot');
      ctx.sim.faults.inject('talkpilot', { kind }, { times: 10, pathIncludes });
      const error = await readAll(connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
      ctx.sim.faults.clear();
      expect(isVendorRequestError(error) && error.kind).toBe('invalid_response');
      expect(String((error as Error).message)).toMatch(endpoint);
    }
  });

  it('skips a broken record with a warning carrying its id and payload, keeping the rest', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const window = { fromMs: NOW - 2 * DAY_MS, toMs: NOW };
    const inWindow = dataset().callsBetween(window.fromMs, window.toMs);
    const [a, b] = [callUuid(inWindow[3]!), callUuid(inWindow[7]!)];
    ctx.sim.faults.breakRecord('talkpilot', a, 'missing-field');
    ctx.sim.faults.breakRecord('talkpilot', b, 'wrong-type');
    const { calls, warnings } = await readAll(connector, window);
    ctx.sim.faults.clear();
    expect(calls).toHaveLength(inWindow.length - 2);
    expect(warnings.map((w) => w.vendorRecordId).sort()).toEqual([a, b].sort());
    expect(warnings.find((w) => w.vendorRecordId === a)?.message).toBe(
      `A TalkPilot call (${a}) could not be read and was skipped: created_at: Invalid input: expected string, received undefined.`,
    );
    expect(warnings.find((w) => w.vendorRecordId === b)?.raw).toMatchObject({ id: b, duration: 'ninety-two' });
  });

  it('never lets the key reach a URL, a log line or an error', async () => {
    const { connector, logs } = simConnector(ctx.sim, 'talkpilot');
    ctx.sim.faults.inject('talkpilot', { kind: 'status', status: 500 }, { times: 1 });
    await readAll(connector, { fromMs: NOW - 8 * DAY_MS, toMs: NOW });
    await connector.fetchTranscript(refOf(dataset().calls[10]!));
    const key = ctx.sim.credentials.talkpilot.apiKey;
    const failing = simConnector(ctx.sim, 'talkpilot', { apiKey: `${key}x` });
    const error = await readAll(failing.connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
    expect(isVendorRequestError(error) && error.kind).toBe('unauthorized');
    expectKeyNowhere(key, ctx.sim, [...logs, ...failing.logs], error);
  });
});

describe('TalkPilot connector under the published rate limit', () => {
  // 60 requests a minute, with the minute compressed to a second.
  const ctx = useSimulator({ nowMs: NOW, calls: 400, days: 20, rateLimits: 'published', rateLimitWindowMs: 1_000 });

  it('paces a burst of 90 detail reads to 60 a window without a single 429', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot', { http: { rateLimit: { limit: 60, intervalMs: 1_000 } } });
    const { agents, calls } = ctx.sim.datasets.talkpilot;
    const fetchOne = (c: SimCall) => connector.fetchTranscript({ vendorCallId: callUuid(c), userId: agentUuid(agents[c.agentIndex]!) });
    // Client and simulator share one thread: a cold first batch (new sockets, JIT) reaches the simulator later than
    // the limiter let it go, by more than the client's margin. Warm both up, then let the window empty.
    for (const call of calls.slice(-3)) await fetchOne(call);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const before = connector.requestCount;
    const burst = calls.slice(0, 90);
    const started = Date.now();
    const results = await Promise.all(burst.map(fetchOne));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(results.map((r) => r.call?.vendorCallId)).toEqual(burst.map(callUuid));
    expect(ctx.sim.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(connector.requestCount - before).toBe(90); // none retried; the agents list (for names) was read during the warm-up
  });

  it('sends the documented rate-limit headers, then 429 RATE_LIMITED with Retry-After', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const url = `${ctx.sim.baseUrls.talkpilot}/agents`;
    const headers = { 'X-API-Key': ctx.sim.credentials.talkpilot.apiKey };
    const responses = [];
    for (let i = 0; i < 61; i++) responses.push(await fetch(url, { headers }));
    const [first, last] = [responses[0]!, responses[60]!];
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('60');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('59');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5);
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toBe('1');
    expect(await last.json()).toMatchObject({ error: { code: 'RATE_LIMITED', details: [] } });
  });
});

describe('TalkPilot rate limits per key: the hour as well as the minute, customised limits, the headers that announce them', () => {
  // The minute is a second here, so the hour is a minute.
  const ctx = useSimulator({ nowMs: NOW, calls: 100, days: 5, rateLimits: 'published', rateLimitWindowMs: 1_000 });
  afterEach(() => ctx.sim.talkpilot.reset());

  it('holds a key to its own lower limits, announcing the one about to run out, with 429 and Retry-After past either', async () => {
    const key = ctx.sim.talkpilot.addKey({ perMinute: 5, perHour: 8 });
    const hit = () => apiGet(ctx.sim, '/agents', key);
    type Answer = Awaited<ReturnType<typeof hit>>;
    const minute: Answer[] = [];
    for (let i = 0; i < 6; i++) minute.push(await hit());
    const limitOf = (r: Answer) => [r.status, r.headers.get('x-ratelimit-limit'), r.headers.get('x-ratelimit-remaining')];
    expect(minute.map(limitOf)).toEqual([
      [200, '5', '4'],
      [200, '5', '3'],
      [200, '5', '2'],
      [200, '5', '1'],
      [200, '5', '0'],
      [429, '5', '0'],
    ]);
    expect(minute[5]!.headers.get('retry-after')).toBe('1');
    expect(minute[5]!.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // The minute's reset: within a (shrunk) minute of now, in Unix seconds.
    const reset = Number(minute[0]!.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 2);
    // The main key keeps the published defaults.
    expect((await apiGet(ctx.sim, '/agents')).headers.get('x-ratelimit-limit')).toBe('60');

    await sleep(1_100);
    const hour: Answer[] = [];
    for (let i = 0; i < 4; i++) hour.push(await hit());
    // Three more fit the hour (8); its 2, 1, 0 left is what is about to run out, not the minute's 4, 3, 2.
    expect(hour.map(limitOf)).toEqual([
      [200, '8', '2'],
      [200, '8', '1'],
      [200, '8', '0'],
      [429, '8', '0'],
    ]);
    const hourReset = Number(hour[2]!.headers.get('x-ratelimit-reset')) * 1000;
    expect(hourReset).toBeGreaterThan(Date.now() + 55_000);
    expect(hourReset).toBeLessThanOrEqual(Date.now() + 61_000);
    const retryAfter = Number(hour[3]!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('lowers the main key when an admin customises it, and the connector still reads everything', async () => {
    ctx.sim.talkpilot.setKeyLimits({ perMinute: 10, perHour: 1_000 });
    const first = await apiGet(ctx.sim, '/agents');
    expect([first.headers.get('x-ratelimit-limit'), first.headers.get('x-ratelimit-remaining')]).toEqual(['10', '9']);
    await sleep(1_100);
    const { connector } = simConnector(ctx.sim, 'talkpilot', { http: { rateLimit: { limit: 60, intervalMs: 1_000 } } });
    const { agents, calls } = ctx.sim.datasets.talkpilot;
    const some = calls.slice(-25);
    const results = await Promise.all(some.map((c) => connector.fetchTranscript({ vendorCallId: callUuid(c), userId: agentUuid(agents[c.agentIndex]!) })));
    expect(results.map((r) => r.call?.vendorCallId)).toEqual(some.map(callUuid));
  });
});

describe('TalkPilot published limits include the hour', () => {
  // A hundredth of the published limits (1 a minute, 10 an hour), with the minute shrunk to 100 ms (the hour to 6 s).
  const ctx = useSimulator({ nowMs: NOW, calls: 50, days: 5, rateLimits: 0.01, rateLimitWindowMs: 100 });

  it('lets ten through spaced past the minute, then refuses the eleventh for the hour', async () => {
    const responses = [];
    for (let i = 0; i < 11; i++) {
      responses.push(await apiGet(ctx.sim, '/agents'));
      await sleep(120);
    }
    expect(responses.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(responses[9]!.headers.get('x-ratelimit-limit')).toBe('10');
    expect(responses[0]!.headers.get('x-ratelimit-limit')).toBe('1'); // 0 of the minute's 1 left: the minute runs out first
    expect([responses[10]!.status, responses[10]!.headers.get('x-ratelimit-limit'), responses[10]!.headers.get('x-ratelimit-remaining')]).toEqual([
      429,
      '10',
      '0',
    ]);
    expect(Number(responses[10]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(4);
  });
});
