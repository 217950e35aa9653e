import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallFields } from '../../shared/calls';
import type { SimCall } from '../../electron/simulator/dataset';
import type { VendorContext } from '../../electron/simulator/http';
import { callDetail, callRecord } from '../../electron/simulator/vendors/talknex';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { readAll, simConnector, useSimulator } from '../helpers/simulator';
import { expectKeyNowhere, expectOnlyInLaterWindow, injectRecoverableFaults } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';

const NOW = Date.UTC(2026, 10, 20, 12);
const PAGE_SIZE = 100;

/** Requests for N calls: one per 100, plus the empty page a cursor list ends with when its last page is full. */
const callPagesFor = (n: number, style: 'cursor' | 'page' | 'page-nested'): number => (style === 'cursor' ? Math.floor(n / PAGE_SIZE) + 1 : Math.max(1, Math.ceil(n / PAGE_SIZE)));

describe('Talknex connector against the simulator', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 3_000, days: 120, rateLimits: 'off' });
  const dataset = () => ctx.sim.datasets.talknex;
  const simContext = (): VendorContext => ({ vendor: 'talknex', dataset: dataset(), faults: ctx.sim.faults, nowMs: NOW });
  const callRequestsSince = (index: number) => ctx.sim.requests.slice(index).filter((r) => r.url.startsWith('/talknex/v1/calls?'));
  afterEach(() => ctx.sim.faults.clear());

  /** What the list should give for an answered call: the agent's side depends on the direction. */
  function expectedCall(sample: SimCall): CallFields {
    const agent = dataset().agents[sample.agentIndex]!;
    return {
      vendorCallId: `call_${sample.id}`,
      direction: sample.direction,
      status: 'answered',
      vendorStatus: 'completed',
      startedAtMs: sample.startedAtMs,
      endedAtMs: sample.startedAtMs + sample.totalSeconds * 1000,
      talkSeconds: sample.talkSeconds,
      totalSeconds: sample.totalSeconds,
      handlerKind: 'ai_agent',
      userId: `agent_${agent.id}`,
      userName: agent.name,
      userEmail: null,
      userNumber: agent.phone,
      contactName: sample.contact.name,
      contactNumber: sample.contact.phone,
      contactType: null,
      summary: sample.summary,
      score: null,
      sentiment: null,
      hasTranscript: null, // the list cannot say: the detail decides
      isPurged: false,
      isTest: false,
      deletedAtMs: null,
      recordingUrl: `https://recordings.talknex.ai/call_${sample.id}.mp3`,
      recordingUrlExpiresAtMs: null,
      vendorUpdatedAtMs: sample.updatedAtMs,
      raw: callRecord(sample, simContext()),
    };
  }

  it('maps every field of an outbound and an inbound call', async () => {
    const { connector } = simConnector(ctx.sim, 'talknex');
    for (const direction of ['outbound', 'inbound'] as const) {
      const sample = dataset().calls.find((c) => c.direction === direction && c.outcome === 'answered' && c.startedAtMs < NOW - DAY_MS)!;
      const { calls, warnings } = await readAll(connector, { fromMs: sample.startedAtMs, toMs: sample.startedAtMs + 1 });
      expect(warnings).toEqual([]);
      expect(calls).toEqual([{ call: expectedCall(sample) }]);
    }
  });

  it('maps each Talknex status to the shared set, keeping the vendor word', async () => {
    const { connector } = simConnector(ctx.sim, 'talknex');
    const { calls } = await readAll(connector, { fromMs: NOW - 30 * DAY_MS, toMs: NOW - DAY_MS });
    const pairs = new Set(calls.map(({ call }) => `${call.vendorStatus} -> ${call.status}`));
    expect([...pairs].sort()).toEqual(['busy -> busy', 'canceled -> missed', 'completed -> answered', 'failed -> failed', 'no-answer -> no_answer', 'voicemail -> voicemail']);
    const unanswered = calls.find(({ call }) => call.status === 'no_answer')!.call;
    expect(unanswered).toMatchObject({ talkSeconds: 0, hasTranscript: false, recordingUrl: null, summary: null });
  });

  for (const style of ['cursor', 'page', 'page-nested'] as const) {
    it(`reads 100 days in ${style} style at 100 a page: every call once, in the fewest requests`, async () => {
      ctx.sim.faults.setVariant('talknex', 'paging', style);
      const { connector } = simConnector(ctx.sim, 'talknex');
      const window = { fromMs: NOW - 100 * DAY_MS, toMs: NOW };
      const expected = dataset().callsBetween(window.fromMs, window.toMs).map((c) => `call_${c.id}`);
      const first = ctx.sim.requests.length;
      const { calls, warnings } = await readAll(connector, window);
      expect(warnings).toEqual([]);
      const ids = calls.map((c) => c.call.vendorCallId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(expected.sort());
      // One GET /agents per connector for the agents' names, then the pages.
      expect(connector.requestCount).toBe(1 + callPagesFor(expected.length, style));
      expect(callRequestsSince(first).every((r) => r.url.includes('limit=100'))).toBe(true);
    });

    it(`stops in ${style} style when the last page is full, with nothing read twice`, async () => {
      ctx.sim.faults.setVariant('talknex', 'paging', style);
      const { connector } = simConnector(ctx.sim, 'talknex');
      const calls = dataset().calls;
      const window = { fromMs: calls[1000]!.startedAtMs, toMs: calls[1200]!.startedAtMs };
      expect(dataset().callsBetween(window.fromMs, window.toMs)).toHaveLength(200);
      const first = ctx.sim.requests.length;
      const read = await readAll(connector, window);
      expect(new Set(read.calls.map((c) => c.call.vendorCallId)).size).toBe(200);
      // Cursor: two full pages, then the empty page that says there is no more. Page: the totals say two.
      expect(callRequestsSince(first)).toHaveLength(style === 'cursor' ? 3 : 2);
    });
  }

  it('puts a call that starts exactly on a window boundary in the later window only', async () => {
    const edge = dataset().calls[1500]!;
    await expectOnlyInLaterWindow(simConnector(ctx.sim, 'talknex').connector, edge.startedAtMs, `call_${edge.id}`);
  });

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
    expect(warnings.find((w) => w.vendorRecordId === `call_${a.id}`)?.message).toMatch(/Talknex call \(call_\w+\) could not be read and was skipped: createdAt/);
    expect(warnings.find((w) => w.vendorRecordId === `call_${b.id}`)).toMatchObject({ stream: 'calls', raw: { duration: 'seventy-four' } });
  });

  it('fetches the transcript and sentiment from the call detail', async () => {
    const { connector } = simConnector(ctx.sim, 'talknex');
    const call = dataset().calls.find((c) => c.hasTranscript && c.startedAtMs > NOW - 30 * DAY_MS && c.startedAtMs < NOW - DAY_MS)!;
    const result = await connector.fetchTranscript({ vendorCallId: `call_${call.id}`, userId: null });
    expect(result.state).toBe('ready');
    if (result.state !== 'ready') return;
    expect(result.transcript).toMatchObject({ status: 'completed', languageCode: null, confidence: null, durationSeconds: call.talkSeconds, error: null });
    expect(result.transcript.utterances).toEqual(
      dataset()
        .transcriptOf(call)
        .map((t) => ({ speaker: t.role === 'agent' ? 'agent' : 'caller', role: t.role, text: t.text, startMs: t.startMs, endMs: t.endMs, confidence: null })),
    );
    expect(result.call).toEqual({ ...expectedCall(call), hasTranscript: true, sentiment: call.sentiment, raw: callDetail(call, simContext()) });
  });

  it('has no transcript past the 90-day retention, but still the sentiment', async () => {
    const { connector } = simConnector(ctx.sim, 'talknex');
    const old = dataset().calls.find((c) => c.hasTranscript && c.startedAtMs < NOW - 91 * DAY_MS)!;
    const recent = dataset().calls.find((c) => c.hasTranscript && c.startedAtMs > NOW - 89 * DAY_MS)!;
    expect(await connector.fetchTranscript({ vendorCallId: `call_${old.id}`, userId: null })).toMatchObject({
      state: 'none',
      call: { vendorCallId: `call_${old.id}`, status: 'answered', sentiment: old.sentiment, hasTranscript: false },
    });
    expect((await connector.fetchTranscript({ vendorCallId: `call_${recent.id}`, userId: null })).state).toBe('ready');
  });

  it('says "processing" while the call is in progress, and "none" for calls without a transcript', async () => {
    const { connector } = simConnector(ctx.sim, 'talknex');
    const call = dataset().calls.find((c) => c.hasTranscript && c.startedAtMs > NOW - 30 * DAY_MS)!;
    ctx.sim.faults.holdTranscript('talknex', `call_${call.id}`, 1);
    expect(await connector.fetchTranscript({ vendorCallId: `call_${call.id}`, userId: null })).toMatchObject({
      state: 'processing',
      call: { status: 'in_progress', vendorStatus: 'in-progress', endedAtMs: null, sentiment: null },
    });
    expect((await connector.fetchTranscript({ vendorCallId: `call_${call.id}`, userId: null })).state).toBe('ready');
    const unanswered = dataset().calls.find((c) => c.outcome === 'no_answer' && c.startedAtMs > NOW - 30 * DAY_MS)!;
    expect(await connector.fetchTranscript({ vendorCallId: `call_${unanswered.id}`, userId: null })).toMatchObject({
      state: 'none',
      call: { status: 'no_answer', sentiment: null, hasTranscript: false },
    });
    expect(await connector.fetchTranscript({ vendorCallId: 'call_deleted', userId: null })).toEqual({ state: 'none' });
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
    expect(await wrongKey.connector.testConnection()).toMatchObject({ ok: false, message: expect.stringMatching(/^Wrong key: Talknex refused the API key \(401\) at \/agents/) });
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

interface Stub {
  baseUrl: string;
  /** Path and query of each request for calls. */
  callRequests: string[];
  close(): Promise<void>;
}

/**
 * A Talknex look-alike for envelopes the simulator never sends: `answer` gives
 * the GET /calls body for a query, `detail` a GET /calls/:id body (404 when
 * it gives none).
 */
async function stubTalknex(answer: (query: URLSearchParams) => unknown, detail?: (id: string) => unknown): Promise<Stub> {
  const callRequests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const isCalls = url.pathname === '/v1/calls';
    if (isCalls) callRequests.push(`${url.pathname}${url.search}`);
    const detailId = detail && url.pathname.startsWith('/v1/calls/') ? url.pathname.slice('/v1/calls/'.length) : null;
    const body = isCalls ? answer(url.searchParams) : detailId !== null ? detail?.(detailId) : { data: [{ id: 'agent_1', name: 'Aria' }] };
    const status = body === undefined ? 404 : 200;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? { error: { code: 'not_found', message: 'No such call' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, callRequests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const stubCall = (n: number) => ({ id: `call_${n}`, status: 'completed', agentId: 'agent_1', direction: 'outbound', createdAt: new Date(NOW - n * 60_000).toISOString(), duration: 30 });
const stubCalls = (...ns: number[]) => ns.map(stubCall);

describe('Talknex paging when the envelope misleads', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 10, rateLimits: 'off' });

  async function readFromStub(answer: (query: URLSearchParams) => unknown) {
    const stub = await stubTalknex(answer);
    try {
      const { connector } = simConnector(ctx.sim, 'talknex', { settings: { baseUrl: stub.baseUrl } });
      const result = await readAll(connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
      return { result, callRequests: stub.callRequests };
    } finally {
      await stub.close();
    }
  }
  const idsOf = (result: unknown) => (result as Awaited<ReturnType<typeof readAll>>).calls.map((c) => c.call.vendorCallId);
  const warningsOf = (result: unknown) => (result as Awaited<ReturnType<typeof readAll>>).warnings;

  it('stops on an empty page although the cursor says there is more', async () => {
    const { result, callRequests } = await readFromStub((q) =>
      q.get('cursor') === null ? { data: stubCalls(1, 2), hasMore: true, nextCursor: 'c2' } : { data: [], hasMore: true, nextCursor: 'c3' },
    );
    expect(idsOf(result)).toEqual(['call_1', 'call_2']);
    expect(callRequests).toHaveLength(2);
    expect(callRequests[1]).toContain('cursor=c2');
    expect(warningsOf(result)).toEqual([
      expect.objectContaining({ stream: 'calls', vendorRecordId: null, message: expect.stringMatching(/: page 2 came back empty, while it said there were more\. Some calls of that time may be missing\.$/) }),
    ]);
  });

  it('stops on an empty page although the totals promise more pages', async () => {
    const { result, callRequests } = await readFromStub((q) => ({ data: q.get('page') === null ? stubCalls(1, 2) : [], page: Number(q.get('page') ?? 1), limit: 100, total: 900, totalPages: 9 }));
    expect(idsOf(result)).toEqual(['call_1', 'call_2']);
    expect(callRequests).toHaveLength(2);
    expect(warningsOf(result).map((w) => w.message)).toEqual([expect.stringContaining('page 2 came back empty, while its totals said 900 calls and 2 arrived')]);
  });

  it('pages without totals until a short page, taking per_page as the page size', async () => {
    const { result, callRequests } = await readFromStub((q) => {
      const page = Number(q.get('page') ?? 1);
      return { data: page === 1 ? stubCalls(1, 2) : page === 2 ? stubCalls(3, 4) : stubCalls(5), page, per_page: 2 };
    });
    expect(idsOf(result)).toEqual(['call_1', 'call_2', 'call_3', 'call_4', 'call_5']);
    expect(callRequests).toHaveLength(3);
    expect(warningsOf(result)).toEqual([]);
  });

  it('stops when a page repeats what was read (the paging parameter ignored), with no duplicates', async () => {
    const { result, callRequests } = await readFromStub(() => ({ data: stubCalls(1, 2), hasMore: true }));
    expect(idsOf(result)).toEqual(['call_1', 'call_2']);
    expect(callRequests).toHaveLength(2);
    // Never in silence: the run history will say the list stopped early.
    expect(warningsOf(result)).toEqual([
      expect.objectContaining({
        stream: 'calls',
        vendorRecordId: null,
        message: expect.stringContaining('page 2 held only calls already read (the API did not follow the paging), while it said there were more'),
        raw: expect.objectContaining({ endpoint: '/calls', received: 2, paging: { hasMore: true } }),
      }),
    ]);
  });

  it('reads totals nested in `pagination` or `meta`, past pages shorter than the limit', async () => {
    for (const key of ['pagination', 'meta']) {
      const { result, callRequests } = await readFromStub((q) => {
        const page = Number(q.get('page') ?? 1);
        return { data: page === 1 ? stubCalls(1, 2) : page === 2 ? stubCalls(3) : [], [key]: { page, limit: 100, total: 3, totalPages: 1 } };
      });
      expect(idsOf(result)).toEqual(['call_1', 'call_2', 'call_3']);
      expect(callRequests).toHaveLength(2);
      expect(warningsOf(result)).toEqual([]);
    }
  });

  it('completes a list record without the fields a call needs from its detail, or says why it could not', async () => {
    // Like the webhook's call object: no status, no createdAt.
    const partial = (n: number) => ({ id: `call_${n}`, agentId: 'agent_1', duration: 30 });
    const turns = [{ role: 'agent', text: 'Hi, this is Aria.', startMs: 0, endMs: 1200 }];
    const stub = await stubTalknex(
      () => ({ data: [partial(7), stubCall(1), partial(8)] }),
      (id) => (id === 'call_7' ? { ...stubCall(7), sentiment: 'positive', transcript: turns } : undefined),
    );
    try {
      const { connector } = simConnector(ctx.sim, 'talknex', { settings: { baseUrl: stub.baseUrl } });
      const { calls, warnings } = await readAll(connector, { fromMs: NOW - DAY_MS, toMs: NOW });
      expect(calls.map((c) => c.call.vendorCallId)).toEqual(['call_1', 'call_7']);
      const completed = calls[1]!;
      expect(completed.call).toMatchObject({ status: 'answered', startedAtMs: NOW - 7 * 60_000, sentiment: 'positive', hasTranscript: true, userName: 'Aria', raw: partial(7) });
      expect(completed.transcript?.utterances.map((u) => [u.role, u.text])).toEqual([['agent', 'Hi, this is Aria.']]);
      expect(warnings.map((w) => [w.vendorRecordId, w.message])).toEqual([
        ['call_8', expect.stringMatching(/^A Talknex call \(call_8\) could not be read and was skipped: status: .+ Its detail \(\/calls\/:id\) could not fill the gap: Talknex has no \/calls\/call_8 \(404\): No such call\.$/)],
      ]);
    } finally {
      await stub.close();
    }
  });

  it('refuses an envelope of the wrong shape, naming vendor and endpoint', async () => {
    const { result } = await readFromStub(() => stubCalls(1, 2));
    expect(isVendorRequestError(result) && result.kind).toBe('invalid_response');
    expect(String(result)).toMatch(/Talknex answered \/calls with/);
    expect(String(result)).toMatch(/Talknex answered \/calls with JSON in an unexpected shape: /);
  });
});
