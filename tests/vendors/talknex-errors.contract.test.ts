/**
 * Talknex's contract, errors and rate limits: 429s, 500s, resets and slow replies ridden out,
 * HTML and malformed JSON named, broken records skipped with a warning, the documented errors
 * (400 with the field, 401, 403 for another organisation, 429), the connection tested in plain
 * words, the key kept out of every URL, log line and error, and the published rate limit. The
 * other talknex-*.contract.test.ts files cover field mapping and paging.
 */
import { describe, expect, it } from 'vitest';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { readAll, simConnector, useSimulator } from '../helpers/simulator';
import { expectKeyNowhere, injectRecoverableFaults } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';
import { NOW, useTalknexSimulator } from './talknex-contract-setup';

describe('Talknex connector against the simulator', () => {
  const { ctx, dataset } = useTalknexSimulator();

  it('rides out 429s (Retry-After), 500s, a connection reset and a slow reply', async () => {
    const { connector } = simConnector(ctx.sim, 'talknex');
    const window = { fromMs: NOW - 10 * DAY_MS, toMs: NOW };
    const expected = (await readAll(connector, window)).calls.length;
    const leastMs = injectRecoverableFaults(ctx.sim, 'talknex', { pathIncludes: '/calls' });
    ctx.sim.faults.inject('talknex', { kind: 'reset' }, { times: 1, pathIncludes: '/calls' });
    ctx.sim.faults.inject('talknex', { kind: 'slow', delayMs: 600 }, { times: 1, pathIncludes: '/calls' });
    const started = Date.now();
    expect((await readAll(connector, window)).calls).toHaveLength(expected);
    expect(Date.now() - started).toBeGreaterThanOrEqual(leastMs);
  });

  it('fails clearly on an HTML page or malformed JSON, naming vendor and endpoint', async () => {
    const { connector } = simConnector(ctx.sim, 'talknex');
    for (const kind of ['html', 'malformed-json'] as const) {
      ctx.sim.faults.inject('talknex', { kind }, { times: 10, pathIncludes: '/calls' });
      const error = await readAll(connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
      expect(isVendorRequestError(error) && error.kind).toBe('invalid_response');
      expect(String((error as Error).message)).toMatch(/^Talknex answered \/calls with/);
      ctx.sim.faults.clear();
    }
  });

  it('skips a broken record with a warning carrying its id and payload, keeping the rest', async () => {
    const { connector } = simConnector(ctx.sim, 'talknex');
    const window = { fromMs: NOW - 5 * DAY_MS, toMs: NOW - DAY_MS };
    const inWindow = dataset().callsBetween(window.fromMs, window.toMs);
    const [a, b] = [inWindow[3]!, inWindow[7]!];
    ctx.sim.faults.breakRecord('talknex', `call_${a.id}`, 'missing-field');
    ctx.sim.faults.breakRecord('talknex', `call_${b.id}`, 'wrong-type');
    const { calls, warnings } = await readAll(connector, window);
    expect(calls).toHaveLength(inWindow.length - 2);
    expect(warnings.map((w) => w.vendorRecordId).sort()).toEqual([`call_${a.id}`, `call_${b.id}`].sort());
    expect(warnings.find((w) => w.vendorRecordId === `call_${a.id}`)?.message).toMatch(
      /Talknex call \(call_\w+\) could not be read and was skipped: createdAt/,
    );
    expect(warnings.find((w) => w.vendorRecordId === `call_${b.id}`)).toMatchObject({ stream: 'calls', raw: { duration: 'seventy-four' } });
  });

  it('serves the documented errors: 400 with the field, 401, 403 for another org, 429 with Retry-After', async () => {
    const base = ctx.sim.baseUrls.talknex;
    const auth = { authorization: `Bearer ${ctx.sim.credentials.talknex.apiKey}` };
    const get = async (path: string, headers: Record<string, string> = auth) => {
      const response = await fetch(`${base}${path}`, { headers });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as unknown };
    };
    expect(await get('/calls?limit=101')).toMatchObject({ status: 400, body: { error: { code: 'validation_error', field: 'limit' } } });
    expect(await get('/calls?from=2026-11-01')).toMatchObject({ status: 400, body: { error: { code: 'validation_error', field: 'from' } } });
    expect(await get('/calls?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z')).toMatchObject({ status: 400, body: { error: { field: 'to' } } });
    expect(await get('/calls', {})).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(await get('/agents', { authorization: 'Bearer tnx_sim_wrong' })).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    ctx.sim.faults.inject('talknex', { kind: 'status', status: 429, retryAfter: '7' });
    expect(await get('/calls')).toMatchObject({ status: 429, retryAfter: '7', body: { error: { code: 'rate_limit_exceeded' } } });

    const [mine, theirs] = dataset().agents;
    ctx.sim.faults.limitKeyToAgents('talknex', [`agent_${mine!.id}`]);
    const foreign = dataset().calls.find((c) => c.agentIndex === theirs!.index)!;
    const { connector } = simConnector(ctx.sim, 'talknex');
    const error = await connector.fetchTranscript({ vendorCallId: `call_${foreign.id}`, userId: null }).catch((e: unknown) => e);
    expect(isVendorRequestError(error) && error.kind).toBe('forbidden');
    expect(String(error)).toMatch(/no permission for \/calls\/call_\w+ \(403\): This call belongs to another organization/);
    const { calls } = await readAll(connector, { fromMs: NOW - 10 * DAY_MS, toMs: NOW });
    expect(calls.every(({ call }) => call.userId === `agent_${mine!.id}`)).toBe(true);
  });

  it('tests the connection in plain words', async () => {
    const names = dataset().agents.map((a) => a.name);
    expect(await simConnector(ctx.sim, 'talknex').connector.testConnection()).toEqual({
      ok: true,
      message: `Works: Talknex answered with 5 agents (${names.join(', ')}).`,
      found: { kind: 'agents', names },
    });
    const wrongKey = simConnector(ctx.sim, 'talknex', { apiKey: 'tnx_sim_not_the_key' });
    expect(await wrongKey.connector.testConnection()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Wrong key: Talknex refused the API key \(401\) at \/agents/),
    });
    const nowhere = simConnector(ctx.sim, 'talknex', { settings: { baseUrl: 'http://127.0.0.1:9/v1' }, http: { retries: 0 } });
    expect(await nowhere.connector.testConnection()).toMatchObject({ ok: false, message: expect.stringMatching(/^Unreachable: Talknex could not be reached/) });
  });

  it('never lets the key reach a URL, a log line or an error', async () => {
    const { connector, logs } = simConnector(ctx.sim, 'talknex');
    ctx.sim.faults.inject('talknex', { kind: 'status', status: 500 }, { times: 1 });
    await readAll(connector, { fromMs: NOW - 8 * DAY_MS, toMs: NOW });
    await connector.fetchTranscript({ vendorCallId: 'call_missing', userId: null });
    const failing = simConnector(ctx.sim, 'talknex', { apiKey: ctx.sim.credentials.talknex.apiKey + 'x' });
    const error = await readAll(failing.connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
    const key = ctx.sim.credentials.talknex.apiKey;
    expect(isVendorRequestError(error) && error.kind).toBe('unauthorized');
    expectKeyNowhere(key, ctx.sim, [...logs, ...failing.logs], error);
  });
});

describe('Talknex connector against the published rate limit', () => {
  // "100 requests per minute per API key", run as 100 a second.
  const ctx = useSimulator({ nowMs: NOW, calls: 300, days: 30, rateLimits: 'published', rateLimitWindowMs: 1_000 });
  const someCalls = () => ctx.sim.datasets.talknex.calls.slice(0, 150).map((c) => ({ vendorCallId: `call_${c.id}`, userId: null }));
  const tooManyRequests = () => ctx.sim.requests.filter((r) => r.vendor === 'talknex' && r.status === 429).length;

  it('paced at the published limit, never gets a 429', async () => {
    const { connector } = simConnector(ctx.sim, 'talknex', { http: { rateLimit: { limit: 100, intervalMs: 1_000 } } });
    const started = Date.now();
    // One after another, as a sync fetches transcripts: a burst of new connections could arrive later than it left.
    for (const call of someCalls()) expect((await connector.fetchTranscript(call)).call).toBeDefined();
    expect(tooManyRequests()).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('when over the limit, waits out the 429s and still gets every answer', async () => {
    const { connector } = simConnector(ctx.sim, 'talknex');
    const results = await Promise.all(someCalls().map((call) => connector.fetchTranscript(call)));
    expect(results.every((r) => r.call !== undefined)).toBe(true);
    expect(tooManyRequests()).toBeGreaterThan(0);
  });
});
