/**
 * TalkPilot's contract, paging and the connection: every page of every agent read once under a
 * fixed `to`, window boundaries, agents the key may not read, the base URL, the connection test
 * in plain words, and the simulated API answering as the docs describe. The other
 * talkpilot-*.contract.test.ts files cover field mapping, errors and rate limits, and changes to calls.
 */
import { describe, expect, it } from 'vitest';
import { agentUuid, callUuid } from '../../electron/simulator/vendors/talkpilot';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { readAll, simConnector, simSettings } from '../helpers/simulator';
import { expectOnlyInLaterWindow } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';
import { NOW, useTalkPilotSimulator } from './talkpilot-contract-setup';

describe('TalkPilot connector against the simulator', () => {
  const { ctx, dataset, requestsSince } = useTalkPilotSimulator();

  it('reads every page of every agent in pages of 100 under a fixed `to`: each call once, in the fewest requests', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const window = { fromMs: NOW - 60 * DAY_MS, toMs: NOW };
    const start = ctx.sim.requests.length;
    const { calls, warnings } = await readAll(connector, window);
    expect(warnings).toEqual([]);
    const expected = dataset().callsBetween(window.fromMs, window.toMs);
    const perAgent = dataset().agents.map((a) => expected.filter((c) => c.agentIndex === a.index).length);
    expect(perAgent.every((n) => n > 200)).toBe(true); // several pages for every agent
    expect(connector.requestCount).toBe(1 + perAgent.reduce((sum, n) => sum + Math.max(1, Math.ceil(n / 100)), 0));
    const ids = calls.map((c) => c.call.vendorCallId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(expected.map(callUuid).sort());

    const lists = requestsSince(start).filter((u) => u.pathname.endsWith('/calls'));
    for (const agent of dataset().agents) {
      const mine = lists.filter((u) => u.pathname.includes(agentUuid(agent)));
      expect(mine.map((u) => u.searchParams.get('page'))).toEqual(mine.map((_, i) => String(i + 1)));
      expect(new Set(mine.map((u) => `${u.searchParams.get('from')}|${u.searchParams.get('to')}|${u.searchParams.get('limit')}`))).toEqual(
        new Set([`${new Date(window.fromMs - 1).toISOString()}|${new Date(window.toMs).toISOString()}|100`]),
      );
    }
  });

  it('puts a call that starts exactly on a window boundary in the later window only', async () => {
    const edge = dataset().calls[1500]!;
    await expectOnlyInLaterWindow(simConnector(ctx.sim, 'talkpilot').connector, edge.startedAtMs, callUuid(edge));
  });

  it('warns about an agent the key may not read and carries on with the others', async () => {
    const agentIds = dataset().agents.map(agentUuid);
    const [a0, a1, a2, a3, a4] = agentIds as [string, string, string, string, string];
    const window = { fromMs: NOW - 5 * DAY_MS, toMs: NOW };
    const visibleCalls = dataset()
      .callsBetween(window.fromMs, window.toMs)
      .filter((c) => c.agentIndex <= 1)
      .map(callUuid)
      .sort();
    ctx.sim.faults.limitKeyToAgents('talkpilot', [a0, a1]);
    try {
      const configured = simConnector(ctx.sim, 'talkpilot', { settings: simSettings(ctx.sim, 'talkpilot', { agentIds }) });
      const { calls, warnings } = await readAll(configured.connector, window);
      expect(calls.map((c) => c.call.vendorCallId).sort()).toEqual(visibleCalls);
      expect(warnings.map((w) => w.vendorRecordId)).toEqual([a2, a3, a4]);
      expect(warnings[0]!.message).toBe(`TalkPilot agent ${a2} was not found, or this API key may not read it: its calls were skipped.`);

      // Listed rather than configured, the key only ever sees its own agents.
      const listed = simConnector(ctx.sim, 'talkpilot');
      const fromList = await readAll(listed.connector, window);
      expect(fromList.warnings).toEqual([]);
      expect(fromList.calls.map((c) => c.call.vendorCallId).sort()).toEqual(visibleCalls);
      expect((await listed.connector.testConnection()).message).toMatch(/^Works: TalkPilot answered with 2 agents \(/);

      const partly = simConnector(ctx.sim, 'talkpilot', { settings: simSettings(ctx.sim, 'talkpilot', { agentIds: [a0, a3] }) });
      expect(await partly.connector.testConnection()).toMatchObject({
        ok: true,
        message: expect.stringMatching(new RegExp(`1 agent .*Not visible to this key: ${a3}\\.$`)),
      });

      const hiddenOnly = simConnector(ctx.sim, 'talkpilot', { settings: simSettings(ctx.sim, 'talkpilot', { agentIds: [a3, a4] }) });
      const error = await readAll(hiddenOnly.connector, window).catch((e: unknown) => e);
      expect(isVendorRequestError(error) && error.kind).toBe('not_found');
      expect(String(error)).toMatch(/none of the 2 agents could be read with this key/);
    } finally {
      ctx.sim.faults.clear();
    }
  });

  it('needs the base URL, and accepts one pasted without its /v1', async () => {
    const none = simConnector(ctx.sim, 'talkpilot', { settings: {} });
    expect(await none.connector.testConnection()).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^The TalkPilot base URL is missing: add your project's API address \(https:\/\/\{project_ref\}\.supabase\.co\/functions\/v1\/api\/v1\)/,
      ),
    });
    await expect(readAll(none.connector, { fromMs: NOW - DAY_MS, toMs: NOW })).rejects.toThrow(/TalkPilot base URL is missing/);
    await expect(none.connector.fetchTranscript({ vendorCallId: 'x', userId: 'y' })).rejects.toThrow(/TalkPilot base URL is missing/);

    const unversioned = simConnector(ctx.sim, 'talkpilot', { settings: { baseUrl: ctx.sim.baseUrls.talkpilot.replace(/\/v1$/, '/') } });
    expect(await unversioned.connector.testConnection()).toMatchObject({ ok: true });
  });

  it('tests the connection in plain words', async () => {
    const works = await simConnector(ctx.sim, 'talkpilot').connector.testConnection();
    expect(works).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Works: TalkPilot answered with 5 agents \(/),
      found: { kind: 'agents', names: dataset().agents.map((a) => a.name) },
    });
    const wrongKey = simConnector(ctx.sim, 'talkpilot', { apiKey: 'tp_live_00000000000000000000000000000000' });
    expect(await wrongKey.connector.testConnection()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Wrong key: TalkPilot refused the API key \(401\) at \/agents\./),
    });
    const nowhere = simConnector(ctx.sim, 'talkpilot', { settings: { baseUrl: 'http://127.0.0.1:9/functions/v1/api/v1' }, http: { retries: 0 } });
    expect(await nowhere.connector.testConnection()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Unreachable: TalkPilot could not be reached at \/health: connection refused/),
    });

    // A key without agents:read can still sync agents configured by id.
    ctx.sim.faults.setVariant('talkpilot', 'permissions', 'calls:read');
    try {
      expect(await simConnector(ctx.sim, 'talkpilot').connector.testConnection()).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^No permission: TalkPilot: no permission for \/agents \(403\): This API key lacks the agents:read permission/),
      });
      const configured = simConnector(ctx.sim, 'talkpilot', { settings: simSettings(ctx.sim, 'talkpilot', { agentIds: [agentUuid(dataset().agents[0]!)] }) });
      const { calls } = await readAll(configured.connector, { fromMs: NOW - 3 * DAY_MS, toMs: NOW });
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((c) => c.call.userName === null)).toBe(true);
    } finally {
      ctx.sim.faults.clear();
    }
  });

  it('answers as the docs describe: keyless health, error envelope, page and date checks, newest first', async () => {
    const base = ctx.sim.baseUrls.talkpilot;
    const agentId = agentUuid(dataset().agents[0]!);
    const get = async (path: string, key: string | null = ctx.sim.credentials.talkpilot.apiKey) => {
      const response = await fetch(`${base}${path}`, { headers: key ? { 'X-API-Key': key } : {} });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect((await get('/health', null)).status).toBe(200);
    expect(await get('/agents', null)).toEqual({
      status: 401,
      body: { error: { code: 'UNAUTHORIZED', message: 'Invalid or missing API key', details: [], request_id: expect.stringMatching(/^req_/) } },
    });
    expect(await get(`/agents/${agentId}/calls?limit=101`)).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_ERROR', details: [{ field: 'limit' }] } },
    });
    expect(await get(`/agents/${agentId}/calls?from=2026-11-01`)).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_ERROR', details: [{ field: 'from' }] } },
    });
    expect(await get(`/agents/${agentId}/calls/not-a-call`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });

    const { body } = await get(`/agents/${agentId}/calls`);
    const mine = dataset().calls.filter((c) => c.agentIndex === 0 && !(c.deletedAtMs !== null && c.deletedAtMs <= NOW));
    expect(body.pagination).toEqual({ page: 1, limit: 20, total: mine.length, pages: Math.ceil(mine.length / 20) });
    expect((body.data as { id: string }[]).map((c) => c.id)).toEqual(mine.slice(-20).reverse().map(callUuid));
  });
});
