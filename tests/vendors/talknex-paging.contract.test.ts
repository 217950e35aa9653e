/**
 * Talknex's contract, paging: 100 days read at 100 a page in each of the simulator's paging
 * styles (cursor, page, totals nested), a full last page, window boundaries, and a Talknex
 * look-alike whose envelopes mislead (empty pages, repeated pages, missing totals, list records
 * without the fields a call needs). The other talknex-*.contract.test.ts files cover field
 * mapping and errors and rate limits.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { readAll, simConnector, useSimulator } from '../helpers/simulator';
import { expectOnlyInLaterWindow } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';
import { NOW, useTalknexSimulator } from './talknex-contract-setup';

const PAGE_SIZE = 100;

/** Requests for N calls: one per 100, plus the empty page a cursor list ends with when its last page is full. */
const callPagesFor = (n: number, style: 'cursor' | 'page' | 'page-nested'): number =>
  style === 'cursor' ? Math.floor(n / PAGE_SIZE) + 1 : Math.max(1, Math.ceil(n / PAGE_SIZE));

describe('Talknex connector against the simulator', () => {
  const { ctx, dataset, callRequestsSince } = useTalknexSimulator();

  for (const style of ['cursor', 'page', 'page-nested'] as const) {
    it(`reads 100 days in ${style} style at 100 a page: every call once, in the fewest requests`, async () => {
      ctx.sim.faults.setVariant('talknex', 'paging', style);
      const { connector } = simConnector(ctx.sim, 'talknex');
      const window = { fromMs: NOW - 100 * DAY_MS, toMs: NOW };
      const expected = dataset()
        .callsBetween(window.fromMs, window.toMs)
        .map((c) => `call_${c.id}`);
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

const stubCall = (n: number) => ({
  id: `call_${n}`,
  status: 'completed',
  agentId: 'agent_1',
  direction: 'outbound',
  createdAt: new Date(NOW - n * 60_000).toISOString(),
  duration: 30,
});
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
      expect.objectContaining({
        stream: 'calls',
        vendorRecordId: null,
        message: expect.stringMatching(/: page 2 came back empty, while it said there were more\. Some calls of that time may be missing\.$/),
      }),
    ]);
  });

  it('stops on an empty page although the totals promise more pages', async () => {
    const { result, callRequests } = await readFromStub((q) => ({
      data: q.get('page') === null ? stubCalls(1, 2) : [],
      page: Number(q.get('page') ?? 1),
      limit: 100,
      total: 900,
      totalPages: 9,
    }));
    expect(idsOf(result)).toEqual(['call_1', 'call_2']);
    expect(callRequests).toHaveLength(2);
    expect(warningsOf(result).map((w) => w.message)).toEqual([
      expect.stringContaining('page 2 came back empty, while its totals said 900 calls and 2 arrived'),
    ]);
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
      expect(completed.call).toMatchObject({
        status: 'answered',
        startedAtMs: NOW - 7 * 60_000,
        sentiment: 'positive',
        hasTranscript: true,
        userName: 'Aria',
        raw: partial(7),
      });
      expect(completed.transcript?.utterances.map((u) => [u.role, u.text])).toEqual([['agent', 'Hi, this is Aria.']]);
      expect(warnings.map((w) => [w.vendorRecordId, w.message])).toEqual([
        [
          'call_8',
          expect.stringMatching(
            /^A Talknex call \(call_8\) could not be read and was skipped: status: .+ Its detail \(\/calls\/:id\) could not fill the gap: Talknex has no \/calls\/call_8 \(404\): No such call\.$/,
          ),
        ],
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
