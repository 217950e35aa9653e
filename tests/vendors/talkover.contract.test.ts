import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { SimCall } from '../../electron/simulator/dataset';
import { talkoverAgentId, talkoverCall, talkoverCallId, talkoverSim } from '../../electron/simulator/vendors/talkover';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { mapCall } from '../../electron/vendors/talkover/map';
import { CallSchema } from '../../electron/vendors/talkover/schemas';
import { readAll, simConnector, simSettings, useSimulator } from '../helpers/simulator';
import { expectKeyNowhere, expectOnlyInLaterWindow, injectRecoverableFaults } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12);
const PAGE = 100;

const midnight = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;
const ids = (calls: { call: { vendorCallId: string } }[]): string[] => calls.map((c) => c.call.vendorCallId);

describe('Talkover connector against the simulator', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 3_000, days: 60, rateLimits: 'off' });
  const dataset = () => ctx.sim.datasets.talkover;
  const context = () => ({ vendor: 'talkover' as const, dataset: dataset(), faults: ctx.sim.faults, nowMs: NOW });
  /** Calls in the whole UTC days that cover a window: what one day-range listing returns. */
  const callsInCoveringDays = (fromMs: number, toMs: number) => dataset().callsBetween(midnight(fromMs), midnight(toMs - 1) + DAY_MS);
  /** The fewest requests one day-range listing of n calls can take at 100 a page (an empty listing still takes one). */
  const minimumRequests = (n: number): number => Math.max(1, Math.ceil(n / PAGE));
  const simFetch = (path: string, headers: Record<string, string> = { authorization: `Bearer ${ctx.sim.credentials.talkover.apiKey}` }) =>
    fetch(`${ctx.sim.baseUrls.talkover}${path}`, { headers });
  const readOne = async (sample: SimCall) => {
    const { connector } = simConnector(ctx.sim, 'talkover');
    const { calls, warnings } = await readAll(connector, { fromMs: sample.startedAtMs, toMs: sample.startedAtMs + 1 });
    expect(warnings).toEqual([]);
    expect(calls).toHaveLength(1);
    return calls[0]!.call;
  };
  const finished = (c: SimCall) => c.startedAtMs + c.totalSeconds * 1000 < NOW;

  it('maps every field of an inbound call: the agent is "to", the contact "from"', async () => {
    const sample = dataset().calls.find(
      (c) => c.direction === 'inbound' && c.outcome === 'answered' && finished(c) && !talkoverCall(c, dataset(), context()).is_testing,
    )!;
    const agent = dataset().agents[sample.agentIndex]!;
    expect(await readOne(sample)).toEqual({
      vendorCallId: talkoverCallId(sample),
      direction: 'inbound',
      status: 'answered',
      vendorStatus: 'completed',
      startedAtMs: sample.startedAtMs,
      endedAtMs: null,
      talkSeconds: sample.talkSeconds,
      totalSeconds: null,
      handlerKind: 'ai_agent',
      userId: talkoverAgentId(agent),
      userName: agent.name,
      userEmail: null,
      userNumber: agent.phone,
      contactName: null,
      contactNumber: sample.contact.phone,
      contactType: null,
      summary: null,
      score: null,
      sentiment: null,
      hasTranscript: false,
      isPurged: false,
      isTest: false,
      deletedAtMs: null,
      recordingUrl: null,
      recordingUrlExpiresAtMs: null,
      vendorUpdatedAtMs: sample.updatedAtMs,
      raw: talkoverCall(sample, dataset(), context()),
    });
  });

  it('maps an unanswered outbound call: the agent is "from", the contact "to", status no_answer', async () => {
    const sample = dataset().calls.find((c) => c.direction === 'outbound' && c.outcome === 'no_answer' && finished(c))!;
    const agent = dataset().agents[sample.agentIndex]!;
    const call = await readOne(sample);
    expect(call).toMatchObject({
      direction: 'outbound',
      status: 'no_answer',
      vendorStatus: 'no-answer',
      talkSeconds: 0,
      userNumber: agent.phone,
      contactNumber: sample.contact.phone,
    });
    expect(call.raw).toMatchObject({ from: agent.phone, to: sample.contact.phone, agent: { id: talkoverAgentId(agent), name: agent.name } });
  });

  it('turns each Talkover status into the shared set and keeps the vendor word', () => {
    const base = { id: 'call-uuid-1', to: '+1234567890', from: '+0987654321', duration: 0, created_at: '2024-01-01T00:00:00Z' };
    const statusOf = (status: string, direction: string) => {
      const record = { ...base, status, direction };
      const call = mapCall(CallSchema.parse(record), record);
      return [call.status, call.vendorStatus, call.direction];
    };
    expect(statusOf('initiated', 'outbound')).toEqual(['in_progress', 'initiated', 'outbound']);
    expect(statusOf('ringing', 'inbound')).toEqual(['in_progress', 'ringing', 'inbound']);
    expect(statusOf('answered', 'inbound')).toEqual(['answered', 'answered', 'inbound']);
    expect(statusOf('completed', 'outbound')).toEqual(['answered', 'completed', 'outbound']);
    expect(statusOf('failed', 'outbound')).toEqual(['failed', 'failed', 'outbound']);
    expect(statusOf('busy', 'outbound')).toEqual(['busy', 'busy', 'outbound']);
    expect(statusOf('no-answer', 'inbound')).toEqual(['missed', 'no-answer', 'inbound']);
    expect(statusOf('no-answer', 'outbound')).toEqual(['no_answer', 'no-answer', 'outbound']);
    expect(statusOf('canceled', 'sideways')).toEqual(['unknown', 'canceled', 'unknown']);
  });

  it('keeps test calls (is_testing), flagged as test calls', async () => {
    const { connector } = simConnector(ctx.sim, 'talkover');
    const window = { fromMs: NOW - 20 * DAY_MS, toMs: NOW };
    const { calls } = await readAll(connector, window);
    expect(calls).toHaveLength(dataset().callsBetween(window.fromMs, window.toMs).length);
    const testCalls = calls.filter((c) => (c.call.raw as { is_testing: boolean }).is_testing);
    expect(testCalls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.call.isTest).map((c) => c.call.vendorCallId)).toEqual(testCalls.map((c) => c.call.vendorCallId));
  });

  it('reads 60 days as one day-range listing, 100 a page, every call once', async () => {
    const { connector } = simConnector(ctx.sim, 'talkover');
    const window = { fromMs: NOW - 60 * DAY_MS, toMs: NOW };
    const before = connector.requestCount;
    const firstRequest = ctx.sim.requests.length;
    const { calls, warnings } = await readAll(connector, window);
    expect(warnings).toEqual([]);
    expect(connector.requestCount - before).toBe(minimumRequests(callsInCoveringDays(window.fromMs, window.toMs).length));
    expect(connector.requestCount - before).toBe(30);
    const got = ids(calls);
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual(dataset().callsBetween(window.fromMs, window.toMs).map(talkoverCallId).sort());
    for (const { url } of ctx.sim.requests.slice(firstRequest)) {
      const query = new URL(url, 'http://sim').searchParams;
      expect([query.get('per_page'), query.get('date_from'), query.get('date_to')]).toEqual(['100', '2026-09-21', '2026-11-20']);
    }
  });

  it('gives each call exactly once when windows are cut at times that are not midnight', async () => {
    const { connector } = simConnector(ctx.sim, 'talkover');
    const span = { fromMs: NOW - 10 * DAY_MS + 5 * HOUR + 13 * 60_000, toMs: NOW - HOUR };
    const step = 17 * HOUR + 23 * 60_000 + 11_000;
    const got: string[] = [];
    for (let fromMs = span.fromMs; fromMs < span.toMs; fromMs += step) {
      const window = { fromMs, toMs: Math.min(span.toMs, fromMs + step) };
      const before = connector.requestCount;
      const { calls, warnings } = await readAll(connector, window);
      expect(warnings).toEqual([]);
      expect(connector.requestCount - before).toBe(minimumRequests(callsInCoveringDays(window.fromMs, window.toMs).length));
      got.push(...ids(calls));
    }
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual(dataset().callsBetween(span.fromMs, span.toMs).map(talkoverCallId).sort());
  });

  it('puts a call that starts exactly on a window boundary in the later window only', async () => {
    const edge = dataset().calls[1500]!;
    await expectOnlyInLaterWindow(simConnector(ctx.sim, 'talkover').connector, edge.startedAtMs, talkoverCallId(edge));
  });

  it('does not depend on the order of the list: newest first, and pages that overlap as calls arrive', async () => {
    const window = { fromMs: NOW - 10 * DAY_MS, toMs: NOW };
    const expected = dataset().callsBetween(window.fromMs, window.toMs).map(talkoverCallId).sort();
    for (const order of ['newest', 'newest-shifting']) {
      ctx.sim.faults.setVariant('talkover', 'callsOrder', order);
      const { calls } = await readAll(simConnector(ctx.sim, 'talkover').connector, window);
      const got = ids(calls);
      expect(new Set(got).size).toBe(got.length);
      expect(got.sort()).toEqual(expected);
    }
    // The overlap is real: page 2 starts with the record page 1 ended on.
    const page = async (n: number) =>
      ((await (await simFetch(`/calls?per_page=100&page=${n}&date_from=2026-11-10`)).json()) as { data: { id: string }[] }).data;
    expect((await page(1)).at(-1)?.id).toBe((await page(2))[0]?.id);
    ctx.sim.faults.clear();
  });

  it('reads only the chosen agents, one agent_id listing each, when settings name agents', async () => {
    const [a, b] = [dataset().agents[1]!, dataset().agents[3]!];
    const agentIds = [talkoverAgentId(a), talkoverAgentId(b), talkoverAgentId(a)];
    const { connector } = simConnector(ctx.sim, 'talkover', { settings: simSettings(ctx.sim, 'talkover', { agentIds }) });
    const window = { fromMs: midnight(NOW) - 20 * DAY_MS, toMs: midnight(NOW) };
    const firstRequest = ctx.sim.requests.length;
    const { calls } = await readAll(connector, window);
    const ofAgent = (agentIndex: number) =>
      dataset()
        .callsBetween(window.fromMs, window.toMs)
        .filter((c) => c.agentIndex === agentIndex);
    expect(ids(calls).sort()).toEqual([...ofAgent(a.index), ...ofAgent(b.index)].map(talkoverCallId).sort());
    expect(connector.requestCount).toBe(minimumRequests(ofAgent(a.index).length) + minimumRequests(ofAgent(b.index).length));
    const asked = ctx.sim.requests.slice(firstRequest).map((r) => new URL(r.url, 'http://sim').searchParams.get('agent_id'));
    expect(new Set(asked)).toEqual(new Set([talkoverAgentId(a), talkoverAgentId(b)]));
  });

  it('rides out 429s (Retry-After), 500s, a connection reset and a slow reply', async () => {
    const { connector } = simConnector(ctx.sim, 'talkover');
    const window = { fromMs: NOW - 5 * DAY_MS, toMs: NOW };
    const expected = dataset().callsBetween(window.fromMs, window.toMs).length;
    const leastMs = injectRecoverableFaults(ctx.sim, 'talkover');
    ctx.sim.faults.inject('talkover', { kind: 'reset' }, { times: 1 });
    ctx.sim.faults.inject('talkover', { kind: 'slow', delayMs: 800 }, { times: 1 });
    const started = Date.now();
    expect((await readAll(connector, window)).calls).toHaveLength(expected);
    expect(Date.now() - started).toBeGreaterThanOrEqual(leastMs);
  });

  it('fails clearly on an HTML page or malformed JSON, naming vendor and endpoint', async () => {
    const { connector } = simConnector(ctx.sim, 'talkover');
    for (const kind of ['html', 'malformed-json'] as const) {
      ctx.sim.faults.inject('talkover', { kind }, { times: 10 });
      const error = await readAll(connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
      expect(isVendorRequestError(error) && error.kind).toBe('invalid_response');
      expect(String((error as Error).message)).toMatch(/Talkover .*\/calls/);
      ctx.sim.faults.clear();
    }
  });

  it('fails clearly on a list without pagination or meta', async () => {
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"data":[]}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const { connector } = simConnector(ctx.sim, 'talkover', { settings: { baseUrl: `http://127.0.0.1:${port}/api/v1` } });
      const error = await readAll(connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
      expect(isVendorRequestError(error) && error.kind).toBe('invalid_response');
      expect(String((error as Error).message)).toMatch(/Talkover .*\/calls/);
      expect(String((error as Error).message)).toMatch(/Talkover answered \/calls with JSON in an unexpected shape: pagination: expected pagination or meta/);
    } finally {
      server.close();
    }
  });

  it('skips a broken record with a warning carrying its id and payload, keeping the rest', async () => {
    const { connector } = simConnector(ctx.sim, 'talkover');
    const window = { fromMs: NOW - 2 * DAY_MS, toMs: NOW };
    const inWindow = dataset().callsBetween(window.fromMs, window.toMs);
    const [a, b] = [inWindow[3]!, inWindow[7]!];
    // Same covering day, earlier than the window: the window before this one reports it.
    const outside = dataset().callsBetween(midnight(window.fromMs), window.fromMs)[0]!;
    ctx.sim.faults.breakRecord('talkover', talkoverCallId(a), 'missing-field');
    ctx.sim.faults.breakRecord('talkover', talkoverCallId(b), 'wrong-type');
    ctx.sim.faults.breakRecord('talkover', talkoverCallId(outside), 'wrong-type');
    const { calls, warnings } = await readAll(connector, window);
    ctx.sim.faults.clear();
    expect(calls).toHaveLength(inWindow.length - 2);
    expect(warnings.map((w) => w.vendorRecordId).sort()).toEqual([talkoverCallId(a), talkoverCallId(b)].sort());
    expect(warnings.find((w) => w.vendorRecordId === talkoverCallId(a))?.message).toMatch(
      /Talkover call \([0-9a-f-]{36}\) could not be read and was skipped: created_at/,
    );
    expect(warnings.find((w) => w.vendorRecordId === talkoverCallId(b))?.raw).toMatchObject({ duration: 'one hundred and twenty' });
  });

  it('has no transcripts and no activity, and asks nothing for them', async () => {
    const { connector } = simConnector(ctx.sim, 'talkover');
    expect(connector).toMatchObject({ transcripts: 'none', hasActivity: false, dayGranularity: true });
    expect(await connector.fetchTranscript({ vendorCallId: talkoverCallId(dataset().calls[0]!), userId: null })).toEqual({ state: 'none' });
    expect(await connector.readActivity('2026-11-19')).toEqual({ rows: [], warnings: [] });
    expect(connector.requestCount).toBe(0);
  });

  it('tests the connection in plain words, with either agents envelope', async () => {
    const names = dataset().agents.map((a) => a.name);
    for (const envelope of ['meta', 'pagination']) {
      ctx.sim.faults.setVariant('talkover', 'agentsEnvelope', envelope);
      expect(await simConnector(ctx.sim, 'talkover').connector.testConnection()).toEqual({
        ok: true,
        message: expect.stringMatching(/^Works: Talkover answered with 5 agents \(/),
        found: { kind: 'agents', names },
      });
    }
    ctx.sim.faults.clear();
    const wrongKey = simConnector(ctx.sim, 'talkover', { apiKey: 'talq_00000000000000000000000000000000' });
    expect(await wrongKey.connector.testConnection()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Wrong key: Talkover refused the API key \(401\)/),
    });
    const nowhere = simConnector(ctx.sim, 'talkover', { settings: { baseUrl: 'http://127.0.0.1:9/api/v1' }, http: { retries: 0 } });
    expect(await nowhere.connector.testConnection()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Unreachable: Talkover could not be reached/),
    });
  });

  it('never lets the key reach a URL, a log line or an error', async () => {
    const { connector, logs } = simConnector(ctx.sim, 'talkover');
    ctx.sim.faults.inject('talkover', { kind: 'status', status: 500 }, { times: 1 });
    await readAll(connector, { fromMs: NOW - 3 * DAY_MS, toMs: NOW });
    await connector.testConnection();
    const key = ctx.sim.credentials.talkover.apiKey;
    const failing = simConnector(ctx.sim, 'talkover', { apiKey: `${key}0` });
    const error = await readAll(failing.connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
    expect(isVendorRequestError(error) && error.kind).toBe('unauthorized');
    expectKeyNowhere(key, ctx.sim, [...logs, ...failing.logs], error);
  });

  describe('the simulator holds to the docs', () => {
    it('rejects a datetime or impossible date with the documented 422', async () => {
      const response = await simFetch('/calls?date_from=2026-11-19T00:00:00Z');
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({
        success: false,
        message: 'The given data was invalid.',
        errors: { date_from: ['The date from must be a valid date.'] },
      });
      const impossible = await simFetch('/calls?date_from=2026-11-01&date_to=2026-02-30');
      expect(impossible.status).toBe(422);
      expect(await impossible.json()).toMatchObject({ errors: { date_to: ['The date to must be a valid date.'] } });
    });

    it('rejects more than 100 a page and unknown status values with 422', async () => {
      const response = await simFetch('/calls?per_page=101&status=done');
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({
        success: false,
        message: 'The given data was invalid.',
        errors: { status: ['The selected status is invalid.'], per_page: ['The per page must not be greater than 100.'] },
      });
    });

    it('answers a missing or wrong token with the documented 401', async () => {
      const wrongTokens: Record<string, string>[] = [{}, { authorization: 'Bearer talq_00000000000000000000000000000000' }];
      for (const headers of wrongTokens) {
        const response = await simFetch('/calls', headers);
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ success: false, message: 'Unauthorized' });
      }
    });

    it('filters by direction, status and search (numbers without their plus, or the SID)', async () => {
      const sample = dataset().calls.find((c) => c.direction === 'outbound' && c.outcome === 'busy')!;
      const sid = String(talkoverCall(sample, dataset(), context()).sid);
      type Page = { data: { id: string; direction: string; status: string; to: string }[] };
      const list = async (query: string) => ((await (await simFetch(`/calls?per_page=100&${query}`)).json()) as Page).data;
      expect((await list(`search=${sid}`)).map((c) => c.id)).toEqual([talkoverCallId(sample)]);
      const byNumber = await list(`search=+${sample.contact.phone.slice(1)}&direction=outbound&status=busy`);
      expect(byNumber.map((c) => c.id)).toContain(talkoverCallId(sample));
      expect(byNumber.every((c) => c.to === sample.contact.phone && c.direction === 'outbound' && c.status === 'busy')).toBe(true);
    });

    it('includes the whole of date_to, pages Laravel-style, and lists one agent under /agents/{id}/calls', async () => {
      const day = Date.UTC(2026, 10, 12);
      const body = (await (await simFetch('/calls?date_from=2026-11-12&date_to=2026-11-12&per_page=10&page=2')).json()) as {
        data: unknown[];
        pagination: unknown;
      };
      const total = dataset().callsBetween(day, day + DAY_MS).length;
      expect(body.pagination).toEqual({ current_page: 2, last_page: Math.ceil(total / 10), per_page: 10, total, from: 11, to: 20 });
      const agent = dataset().agents[2]!;
      const mine = (await (await simFetch(`/agents/${talkoverAgentId(agent)}/calls?date_from=2026-11-12&date_to=2026-11-12`)).json()) as {
        data: { agent: { id: string } }[];
        pagination: { total: number };
      };
      expect(mine.pagination.total).toBe(
        dataset()
          .callsBetween(day, day + DAY_MS)
          .filter((c) => c.agentIndex === 2).length,
      );
      expect(mine.data.every((c) => c.agent.id === talkoverAgentId(agent))).toBe(true);
      expect((await simFetch('/agents/not-an-agent/calls')).status).toBe(404);
    });
  });
});

describe('Talkover rate limit in the simulator', () => {
  // The published 100 a minute, run as 100 in ten seconds to keep the test short.
  const ctx = useSimulator({ nowMs: NOW, calls: 50, rateLimits: 'published', rateLimitWindowMs: 10_000 });

  it('publishes 100 a minute and answers the 101st request with 429, Retry-After and its error body', async () => {
    expect(talkoverSim.rateLimit).toEqual({ limit: 100, intervalMs: 60_000 });
    const headers = { authorization: `Bearer ${ctx.sim.credentials.talkover.apiKey}` };
    const statuses = [];
    for (let i = 0; i < 100; i++) statuses.push((await fetch(`${ctx.sim.baseUrls.talkover}/agents`, { headers })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await fetch(`${ctx.sim.baseUrls.talkover}/agents`, { headers });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ success: false, error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded' } });
  });
});
