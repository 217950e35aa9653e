import { afterEach, describe, expect, it } from 'vitest';
import type { SimCall } from '../../electron/simulator/dataset';
import type { VendorContext } from '../../electron/simulator/http';
import type { Simulator } from '../../electron/simulator/server';
import { agentUuid, callRecord, callUuid, recordingUrl } from '../../electron/simulator/vendors/talkpilot';
import { AUTO_DONE_UNDER_SECONDS, autoMarksShortCalls } from '../../electron/simulator/vendors/talkpilot-calls';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { mapCall } from '../../electron/vendors/talkpilot/map';
import { CallSchema } from '../../electron/vendors/talkpilot/schemas';
import { readAll, simConnector, simSettings, useSimulator } from '../helpers/simulator';
import { expectKeyNowhere, expectOnlyInLaterWindow, injectRecoverableFaults } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12);

type Json = Record<string, unknown>;

/** One GET on the simulated TalkPilot API with the given key (the main key by default). */
async function apiGet(sim: Simulator, path: string, key: string | null = sim.credentials.talkpilot.apiKey) {
  const response = await fetch(`${sim.baseUrls.talkpilot}${path}`, { headers: key ? { 'X-API-Key': key } : {} });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

/** Every call an agent's list answers with the query, all pages, and the list's total. */
async function listAll(sim: Simulator, agentId: string, query = ''): Promise<{ calls: Json[]; total: number }> {
  const calls: Json[] = [];
  for (let page = 1; ; page += 1) {
    const { status, body } = await apiGet(sim, `/agents/${agentId}/calls?limit=100&page=${page}${query ? `&${query}` : ''}`);
    expect(status).toBe(200);
    calls.push(...(body.data as Json[]));
    const { pages, total } = body.pagination as { pages: number; total: number };
    if (page >= pages) return { calls, total };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TalkPilot connector against the simulator', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 3_000, days: 60, rateLimits: 'off' });
  const dataset = () => ctx.sim.datasets.talkpilot;
  const simContext = (): VendorContext => ({ vendor: 'talkpilot', dataset: dataset(), faults: ctx.sim.faults, nowMs: NOW });
  const agentOf = (call: SimCall) => dataset().agents[call.agentIndex]!;
  const refOf = (call: SimCall) => ({ vendorCallId: callUuid(call), userId: agentUuid(agentOf(call)) });
  const settled = (call: SimCall) => !call.purged && call.deletedAtMs === null && call.startedAtMs < NOW - 2 * DAY_MS;
  const requestsSince = (index: number) => ctx.sim.requests.slice(index).map((r) => new URL(r.url, 'http://sim'));

  it('maps every field of a listed call', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const sample = dataset().calls.find((c) => c.outcome === 'answered' && settled(c))!;
    const agent = agentOf(sample);
    const raw = callRecord(sample, simContext(), { detail: false });
    const { calls, warnings } = await readAll(connector, { fromMs: sample.startedAtMs, toMs: sample.startedAtMs + 1 });
    expect(warnings).toEqual([]);
    expect(calls.map((c) => c.call)).toEqual([
      {
        vendorCallId: callUuid(sample),
        direction: 'inbound',
        status: 'answered',
        vendorStatus: `${raw.general_success ? 'successful' : 'unsuccessful'}, ${String(raw.disconnection_reason)}`,
        startedAtMs: sample.startedAtMs,
        endedAtMs: sample.startedAtMs + sample.talkSeconds * 1000,
        talkSeconds: sample.talkSeconds,
        totalSeconds: sample.talkSeconds,
        handlerKind: 'ai_agent',
        userId: agentUuid(agent),
        userName: agent.name,
        userEmail: null,
        userNumber: agent.phone,
        contactName: sample.contact.name,
        contactNumber: sample.contact.phone,
        contactType: null,
        summary: sample.summary,
        // Detail-only: filled in when the transcript is fetched.
        score: null,
        sentiment: null,
        hasTranscript: null, // the list cannot say: the detail decides
        isPurged: false,
        isProcessed: raw.done,
        isTest: false,
        deletedAtMs: null,
        recordingUrl: null,
        recordingUrlExpiresAtMs: null,
        // A staff tick after the call moves updated_at on.
        vendorUpdatedAtMs: Date.parse(String(raw.updated_at)),
        raw,
      },
    ]);
  });

  it('reads `done` as staff\'s processed tick, apart from the outcome: an unticked call is a finished call', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const { calls, warnings } = await readAll(connector, { fromMs: NOW - 60 * DAY_MS, toMs: NOW });
    expect(warnings).toEqual([]);
    const byId = new Map(dataset().calls.map((c) => [callUuid(c), c]));
    const states = calls.map(({ call }) => ({ call, state: ctx.sim.talkpilot.stateOf(byId.get(call.vendorCallId)!) }));
    for (const { call, state } of states) {
      expect(call.isProcessed).toBe(state.done);
      // The outcome comes from the call itself: a conversation is answered, a 0-second call missed.
      expect(call.status).toBe(state.durationSeconds > 0 ? 'answered' : 'missed');
      expect(call.vendorStatus).not.toMatch(/not done/);
    }
    // Weeks-old calls nobody ticked: the old connector called every one of them "in progress".
    const oldUnticked = states.filter(({ state }) => !state.done && state.endedAtMs < NOW - 7 * DAY_MS);
    expect(oldUnticked.length).toBeGreaterThan(100);
    expect(oldUnticked.every(({ call }) => call.status === 'answered' || call.status === 'missed')).toBe(true);
    expect(states.filter(({ state }) => state.done).length).toBeGreaterThan(1_000);
    expect(states.filter(({ call }) => call.status === 'missed').length).toBeGreaterThan(50);
    expect(calls.some(({ call }) => call.status === 'in_progress')).toBe(false);
  });

  it('maps endings the docs do not list, and records that leave out duration or done, without guessing', () => {
    const agent = { id: 'agent-1', name: null, phoneNumber: null };
    const map = (fields: Json) => {
      const record = CallSchema.parse({ id: 'call-1', created_at: '2026-11-01T10:00:00Z', ...fields });
      return mapCall(record, record, { agent, nowMs: NOW });
    };
    expect(map({ duration: 40, done: false, general_success: false, disconnection_reason: 'sip_error' })).toMatchObject({ status: 'failed', vendorStatus: 'unsuccessful, sip_error', isProcessed: false });
    expect(map({ duration: 40, done: true, disconnection_reason: 'voicemail_detected' })).toMatchObject({ status: 'answered', vendorStatus: 'voicemail_detected', isProcessed: true });
    expect(map({ duration: 0, general_success: false, disconnection_reason: 'user_hangup' })).toMatchObject({ status: 'missed', isProcessed: null });
    expect(map({ general_success: true })).toMatchObject({ status: 'answered', talkSeconds: null });
    expect(map({})).toMatchObject({ status: 'unknown', vendorStatus: null, isProcessed: null });
  });

  it('the simulator: `done=false` lists finished calls of any age, and agents that auto-mark short calls leave none of them unticked', async () => {
    for (const agent of dataset().agents) {
      const { calls } = await listAll(ctx.sim, agentUuid(agent), 'done=false');
      expect(calls.length).toBeGreaterThan(20);
      expect(calls.every((c) => c.done === false)).toBe(true);
      // Over, with a duration and the AI's verdict: not calls in progress.
      const old = calls.filter((c) => Date.parse(String(c.created_at)) < NOW - 14 * DAY_MS);
      expect(old.length).toBeGreaterThan(10);
      expect(old.every((c) => typeof c.duration === 'number' && typeof c.general_success === 'boolean')).toBe(true);
      const shortUnticked = calls.filter((c) => (c.duration as number) < AUTO_DONE_UNDER_SECONDS);
      if (autoMarksShortCalls(agent)) expect(shortUnticked).toEqual([]);
      else expect(shortUnticked.length).toBeGreaterThan(0);
    }
  });

  it('maps purged and soft-deleted calls, always asking for the deleted ones too', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const start = ctx.sim.requests.length;
    const { calls } = await readAll(connector, { fromMs: NOW - 60 * DAY_MS, toMs: NOW });
    const byId = new Map(calls.map(({ call }) => [call.vendorCallId, call]));
    const purged = dataset().calls.filter((c) => c.purged);
    const deleted = dataset().calls.filter((c) => c.deletedAtMs !== null && c.deletedAtMs <= NOW);
    expect(purged.length).toBeGreaterThan(10);
    expect(deleted.length).toBeGreaterThan(10);
    for (const call of purged) {
      expect(byId.get(callUuid(call))).toMatchObject({ isPurged: true, contactNumber: null, recordingUrl: null, hasTranscript: false, contactName: call.contact.name });
    }
    for (const call of deleted) expect(byId.get(callUuid(call))).toMatchObject({ deletedAtMs: call.deletedAtMs, isPurged: false });
    const callLists = requestsSince(start).filter((u) => u.pathname.endsWith('/calls'));
    expect(callLists.every((u) => u.searchParams.get('include_deleted') === 'true')).toBe(true);

    const detail = await connector.fetchTranscript(refOf(purged[0]!));
    expect(detail).toEqual({ state: 'none', call: expect.objectContaining({ isPurged: true, contactNumber: null, recordingUrl: null, recordingUrlExpiresAtMs: null, hasTranscript: false }) });
  });

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
      expect(await partly.connector.testConnection()).toMatchObject({ ok: true, message: expect.stringMatching(new RegExp(`1 agent .*Not visible to this key: ${a3}\\.$`)) });

      const hiddenOnly = simConnector(ctx.sim, 'talkpilot', { settings: simSettings(ctx.sim, 'talkpilot', { agentIds: [a3, a4] }) });
      const error = await readAll(hiddenOnly.connector, window).catch((e: unknown) => e);
      expect(isVendorRequestError(error) && error.kind).toBe('not_found');
      expect(String(error)).toMatch(/none of the 2 agents could be read with this key/);
    } finally {
      ctx.sim.faults.clear();
    }
  });

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
    expect(warnings.find((w) => w.vendorRecordId === a)?.message).toBe(`A TalkPilot call (${a}) could not be read and was skipped: created_at: Invalid input: expected string, received undefined.`);
    expect(warnings.find((w) => w.vendorRecordId === b)?.raw).toMatchObject({ id: b, duration: 'ninety-two' });
  });

  it('fetches a transcript from the call detail, with the score and a fresh signed recording link', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const call = dataset().calls.find((c) => c.hasTranscript && settled(c))!;
    const agent = agentOf(call);
    const before = Date.now();
    const result = await connector.fetchTranscript(refOf(call));
    const after = Date.now();
    expect(result.state).toBe('ready');
    if (result.state !== 'ready') return;
    expect(result.transcript).toEqual({
      status: 'completed',
      languageCode: null,
      confidence: null,
      durationSeconds: call.talkSeconds,
      error: null,
      utterances: dataset()
        .transcriptOf(call)
        .map((t) => ({ speaker: t.role === 'agent' ? 'agent' : 'user', role: t.role, text: t.text, startMs: null, endMs: null, confidence: null })),
      raw: callRecord(call, simContext(), { detail: true }).transcript,
    });
    const raw = callRecord(call, simContext(), { detail: true });
    expect(result.call).toEqual({
      vendorCallId: callUuid(call),
      direction: 'inbound',
      status: 'answered',
      vendorStatus: `${raw.general_success ? 'successful' : 'unsuccessful'}, ${String(raw.disconnection_reason)}`,
      startedAtMs: call.startedAtMs,
      endedAtMs: call.startedAtMs + call.talkSeconds * 1000,
      talkSeconds: call.talkSeconds,
      totalSeconds: call.talkSeconds,
      handlerKind: 'ai_agent',
      userId: agentUuid(agent),
      userName: agent.name,
      userEmail: null,
      userNumber: agent.phone,
      contactName: call.contact.name,
      contactNumber: call.contact.phone,
      contactType: null,
      summary: call.summary,
      score: call.score,
      sentiment: null,
      hasTranscript: true,
      isPurged: false,
      isProcessed: raw.done,
      isTest: false,
      deletedAtMs: null,
      recordingUrl: recordingUrl(call),
      recordingUrlExpiresAtMs: expect.any(Number),
      vendorUpdatedAtMs: Date.parse(String(raw.updated_at)),
      raw,
    });
    expect(result.call!.recordingUrlExpiresAtMs).toBeGreaterThanOrEqual(before + HOUR);
    expect(result.call!.recordingUrlExpiresAtMs).toBeLessThanOrEqual(after + HOUR);
  });

  it('says "none" for a detail without a transcript once the call is past the wait, and keeps an unreadable transcript as an error transcript', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const call = dataset().calls.find((c) => c.hasTranscript && settled(c))!;
    // Held back, the detail has no transcript; the call ended weeks before this request, so none will come.
    // (The old connector read `done: false` as "still processing" and asked again at every sync.)
    ctx.sim.faults.holdTranscript('talkpilot', callUuid(call), 1);
    expect(await connector.fetchTranscript(refOf(call))).toEqual({ state: 'none', call: expect.objectContaining({ status: 'answered', summary: null, score: null }) });

    const silent = dataset().calls.find((c) => !c.hasTranscript && settled(c))!;
    expect(await connector.fetchTranscript(refOf(silent))).toEqual({ state: 'none', call: expect.objectContaining({ hasTranscript: false }) });
    expect(await connector.fetchTranscript({ vendorCallId: '00000000-0000-4000-8000-000000000000', userId: refOf(call).userId })).toEqual({ state: 'none' });
    expect(await connector.fetchTranscript({ vendorCallId: callUuid(call), userId: null })).toEqual({ state: 'none' });

    ctx.sim.faults.setVariant('talkpilot', 'transcript', 'not-json');
    const broken = await connector.fetchTranscript(refOf(call));
    ctx.sim.faults.clear();
    expect(broken).toMatchObject({ state: 'ready', transcript: { status: 'error', utterances: [], error: expect.stringMatching(/^TalkPilot sent a transcript that is not valid JSON/) } });
  });

  it('fails a call detail that breaks the documented shape as an invalid response', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const call = dataset().calls.find((c) => c.hasTranscript && settled(c))!;
    ctx.sim.faults.breakRecord('talkpilot', callUuid(call), 'wrong-type');
    const error = await connector.fetchTranscript(refOf(call)).catch((e: unknown) => e);
    ctx.sim.faults.clear();
    expect(isVendorRequestError(error) && error.kind).toBe('invalid_response');
    expect(isVendorRequestError(error) && error.vendorMessage).toMatch(/duration: /);
  });

  it('needs the base URL, and accepts one pasted without its /v1', async () => {
    const none = simConnector(ctx.sim, 'talkpilot', { settings: {} });
    expect(await none.connector.testConnection()).toEqual({ ok: false, message: expect.stringMatching(/^The TalkPilot base URL is missing: add your project's API address \(https:\/\/\{project_ref\}\.supabase\.co\/functions\/v1\/api\/v1\)/) });
    await expect(readAll(none.connector, { fromMs: NOW - DAY_MS, toMs: NOW })).rejects.toThrow(/TalkPilot base URL is missing/);
    await expect(none.connector.fetchTranscript({ vendorCallId: 'x', userId: 'y' })).rejects.toThrow(/TalkPilot base URL is missing/);

    const unversioned = simConnector(ctx.sim, 'talkpilot', { settings: { baseUrl: ctx.sim.baseUrls.talkpilot.replace(/\/v1$/, '/') } });
    expect(await unversioned.connector.testConnection()).toMatchObject({ ok: true });
  });

  it('tests the connection in plain words', async () => {
    const works = await simConnector(ctx.sim, 'talkpilot').connector.testConnection();
    expect(works).toMatchObject({ ok: true, message: expect.stringMatching(/^Works: TalkPilot answered with 5 agents \(/), found: { kind: 'agents', names: dataset().agents.map((a) => a.name) } });
    const wrongKey = simConnector(ctx.sim, 'talkpilot', { apiKey: 'tp_live_00000000000000000000000000000000' });
    expect(await wrongKey.connector.testConnection()).toMatchObject({ ok: false, message: expect.stringMatching(/^Wrong key: TalkPilot refused the API key \(401\) at \/agents\./) });
    const nowhere = simConnector(ctx.sim, 'talkpilot', { settings: { baseUrl: 'http://127.0.0.1:9/functions/v1/api/v1' }, http: { retries: 0 } });
    expect(await nowhere.connector.testConnection()).toMatchObject({ ok: false, message: expect.stringMatching(/^Unreachable: TalkPilot could not be reached at \/health: connection refused/) });

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
    expect(await get('/agents', null)).toEqual({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'Invalid or missing API key', details: [], request_id: expect.stringMatching(/^req_/) } } });
    expect(await get(`/agents/${agentId}/calls?limit=101`)).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_ERROR', details: [{ field: 'limit' }] } } });
    expect(await get(`/agents/${agentId}/calls?from=2026-11-01`)).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_ERROR', details: [{ field: 'from' }] } } });
    expect(await get(`/agents/${agentId}/calls/not-a-call`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });

    const { body } = await get(`/agents/${agentId}/calls`);
    const mine = dataset().calls.filter((c) => c.agentIndex === 0 && !(c.deletedAtMs !== null && c.deletedAtMs <= NOW));
    expect(body.pagination).toEqual({ page: 1, limit: 20, total: mine.length, pages: Math.ceil(mine.length / 20) });
    expect((body.data as { id: string }[]).map((c) => c.id)).toEqual(mine.slice(-20).reverse().map(callUuid));
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

describe('TalkPilot changes calls at any time: purges, trash, restores, deletion for good, auto-delete', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 600, days: 40, rateLimits: 'off' });
  afterEach(() => ctx.sim.talkpilot.reset());
  const dataset = () => ctx.sim.datasets.talkpilot;
  const agentIdOf = (call: SimCall) => agentUuid(dataset().agents[call.agentIndex]!);
  const refOf = (call: SimCall) => ({ vendorCallId: callUuid(call), userId: agentIdOf(call) });
  /** An old call with a transcript, untouched by the dataset's own purges and deletions. */
  const oldCall = (n: number) => dataset().calls.filter((c) => c.hasTranscript && !c.purged && c.deletedAtMs === null && c.startedAtMs < NOW - 20 * DAY_MS)[n]!;
  const detail = (call: SimCall) => apiGet(ctx.sim, `/agents/${agentIdOf(call)}/calls/${callUuid(call)}`);
  const listedIds = async (call: SimCall, query = '') => (await listAll(ctx.sim, agentIdOf(call), query)).calls.map((c) => c.id);
  const aroundIt = (call: SimCall) => ({ fromMs: call.startedAtMs, toMs: call.startedAtMs + 1 });

  it('purges an old call: number, transcript and recording answer null everywhere, and the connector drops them', async () => {
    const call = oldCall(0);
    expect((await detail(call)).body).toMatchObject({ phone_number: call.contact.phone, transcript: expect.any(String), audio_file_url: expect.any(String), is_purged: false });
    ctx.sim.talkpilot.purge(callUuid(call));
    expect((await detail(call)).body).toMatchObject({ phone_number: null, transcript: null, audio_file_url: null, is_purged: true, customer_name: call.contact.name, updated_at: new Date(NOW).toISOString().replace('.000Z', 'Z') });
    const listed = (await listAll(ctx.sim, agentIdOf(call))).calls.find((c) => c.id === callUuid(call));
    expect(listed).toMatchObject({ is_purged: true, phone_number: null });

    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const { calls } = await readAll(connector, aroundIt(call));
    expect(calls.map((c) => c.call)).toEqual([expect.objectContaining({ vendorCallId: callUuid(call), isPurged: true, contactNumber: null, hasTranscript: false })]);
    expect(await connector.fetchTranscript(refOf(call))).toMatchObject({ state: 'none', call: { isPurged: true, recordingUrl: null } });
  });

  it('moves a call to the trash and restores it: the default list, include_deleted, the totals and the connector follow', async () => {
    const call = oldCall(1);
    const before = await listAll(ctx.sim, agentIdOf(call));
    ctx.sim.talkpilot.trash(callUuid(call));
    const after = await listAll(ctx.sim, agentIdOf(call));
    expect(after.total).toBe(before.total - 1);
    expect(after.calls.map((c) => c.id)).not.toContain(callUuid(call));
    const withDeleted = (await listAll(ctx.sim, agentIdOf(call), 'include_deleted=true')).calls.find((c) => c.id === callUuid(call));
    expect(withDeleted).toMatchObject({ deleted_at: new Date(NOW).toISOString().replace('.000Z', 'Z') });
    expect((await detail(call)).status).toBe(200); // in the trash, not gone

    const { connector } = simConnector(ctx.sim, 'talkpilot');
    expect((await readAll(connector, aroundIt(call))).calls.map((c) => c.call.deletedAtMs)).toEqual([NOW]);

    ctx.sim.talkpilot.restore(callUuid(call));
    expect((await listAll(ctx.sim, agentIdOf(call))).total).toBe(before.total);
    expect((await readAll(connector, aroundIt(call))).calls.map((c) => c.call.deletedAtMs)).toEqual([null]);

    // The dataset's own soft-deleted calls come back the same way.
    const deleted = dataset().calls.find((c) => c.deletedAtMs !== null && c.deletedAtMs <= NOW)!;
    expect(await listedIds(deleted)).not.toContain(callUuid(deleted));
    ctx.sim.talkpilot.restore(callUuid(deleted));
    expect(await listedIds(deleted)).toContain(callUuid(deleted));
  });

  it('deletes a call for good: gone from every list (include_deleted too), its detail 404, yet it still happened', async () => {
    const call = oldCall(2);
    const range = { fromMs: NOW - 40 * DAY_MS, toMs: NOW };
    const happened = ctx.sim.talkpilot.callsThatHappened(range);
    const before = await listAll(ctx.sim, agentIdOf(call), 'include_deleted=true');
    ctx.sim.talkpilot.trash(callUuid(call));
    ctx.sim.talkpilot.deleteForever(callUuid(call));
    const after = await listAll(ctx.sim, agentIdOf(call), 'include_deleted=true');
    expect(after.total).toBe(before.total - 1);
    expect(after.calls.map((c) => c.id)).not.toContain(callUuid(call));
    expect(await detail(call)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });

    const { connector } = simConnector(ctx.sim, 'talkpilot');
    expect((await readAll(connector, aroundIt(call))).calls).toEqual([]);
    expect(await connector.fetchTranscript(refOf(call))).toEqual({ state: 'none' });

    // A call deleted for good was still made: activity counts it, unless asked for what the API can still show.
    expect(ctx.sim.talkpilot.callsThatHappened(range)).toEqual(happened);
    const visible = ctx.sim.talkpilot.callsThatHappened(range, { includeDeletedForever: false });
    expect(visible.find((a) => a.agentId === agentIdOf(call))!.calls).toBe(happened.find((a) => a.agentId === agentIdOf(call))!.calls - 1);
  });

  it('counts the calls that happened per agent: trashed and purged ones included, each answered or missed', () => {
    const range = { fromMs: NOW - 10 * DAY_MS, toMs: NOW - 2 * DAY_MS };
    const [purged, trashed] = [oldCall(3), oldCall(4)].map(callUuid) as [string, string];
    const before = ctx.sim.talkpilot.callsThatHappened(range);
    ctx.sim.talkpilot.purge(purged);
    ctx.sim.talkpilot.trash(trashed);
    expect(ctx.sim.talkpilot.callsThatHappened(range)).toEqual(before);
    const inRange = dataset().callsBetween(range.fromMs, range.toMs);
    expect(before.map((a) => a.calls)).toEqual(dataset().agents.map((agent) => inRange.filter((c) => c.agentIndex === agent.index).length));
    expect(before.map((a) => a.missed)).toEqual(dataset().agents.map((agent) => inRange.filter((c) => c.agentIndex === agent.index && c.outcome === 'missed').length));
    expect(before.every((a) => a.answered + a.missed === a.calls && a.missed > 0)).toBe(true);
  });

  it('ticks and unticks calls: the `done` filter, updated_at and the connector follow', async () => {
    const call = dataset().calls.find((c) => c.startedAtMs < NOW - 20 * DAY_MS && !ctx.sim.talkpilot.stateOf(c).done && c.deletedAtMs === null)!;
    expect(await listedIds(call, 'done=false')).toContain(callUuid(call));
    ctx.sim.talkpilot.markDone(callUuid(call), true);
    expect(await listedIds(call, 'done=true')).toContain(callUuid(call));
    expect(await listedIds(call, 'done=false')).not.toContain(callUuid(call));
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    expect((await readAll(connector, aroundIt(call))).calls.map((c) => [c.call.isProcessed, c.call.vendorUpdatedAtMs])).toEqual([[true, NOW]]);
    ctx.sim.talkpilot.markDone(callUuid(call), false);
    expect((await readAll(connector, aroundIt(call))).calls.map((c) => c.call.isProcessed)).toEqual([false]);
  });

  it('"auto-delete done calls" moves every processed call to the trash, and each later tick; switched off, the trash stays', async () => {
    const agent = dataset().agents[1]!;
    const agentId = agentUuid(agent);
    const done = await listAll(ctx.sim, agentId, 'done=true');
    const notDone = await listAll(ctx.sim, agentId, 'done=false');
    expect(done.total).toBeGreaterThan(50);
    ctx.sim.talkpilot.setAutoDeleteDone(true);
    expect((await listAll(ctx.sim, agentId, 'done=true')).total).toBe(0);
    expect((await listAll(ctx.sim, agentId, 'done=false')).total).toBe(notDone.total);
    const trashed = await listAll(ctx.sim, agentId, 'done=true&include_deleted=true');
    expect(trashed.calls.map((c) => c.id).sort()).toEqual(expect.arrayContaining(done.calls.map((c) => c.id)));
    expect(trashed.calls.every((c) => c.deleted_at !== null)).toBe(true);

    const [first, second] = notDone.calls as [Json, Json];
    ctx.sim.talkpilot.markDone(String(first.id), true);
    expect((await listAll(ctx.sim, agentId, 'done=false')).total).toBe(notDone.total - 1);
    expect((await listAll(ctx.sim, agentId)).calls.map((c) => c.id)).not.toContain(first.id);

    ctx.sim.talkpilot.setAutoDeleteDone(false);
    expect((await listAll(ctx.sim, agentId, 'done=true')).total).toBe(0);
    ctx.sim.talkpilot.markDone(String(second.id), true);
    expect((await listAll(ctx.sim, agentId, 'done=true')).calls.map((c) => c.id)).toEqual([second.id]);
  });

  it('refuses ids it does not have, so a test cannot change nothing by mistake', () => {
    expect(() => ctx.sim.talkpilot.purge('00000000-0000-4000-8000-000000000000')).toThrow(/has no call/);
    expect(() => ctx.sim.talkpilot.setKeyLimits({ perMinute: 10, perHour: 100 }, 'tp_live_nope')).toThrow(/no such key/);
    expect(() => ctx.sim.talkpilot.setKeyLimits({ perMinute: 0, perHour: 100 })).toThrow(/at least 1/);
  });
});

describe('TalkPilot transcripts of calls that have only just ended', () => {
  // The simulated "now" is the real one: the connector judges "just ended" by when the answer arrived.
  const ctx = useSimulator({ nowMs: Date.now(), calls: 200, days: 1, rateLimits: 'off' });

  it('asks again for a call that ended minutes ago without a transcript yet, and not for one that ended hours ago', async () => {
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const { agents, calls } = ctx.sim.datasets.talkpilot;
    const ref = (c: SimCall) => ({ vendorCallId: callUuid(c), userId: agentUuid(agents[c.agentIndex]!) });
    const states = calls.map((c) => ctx.sim.talkpilot.stateOf(c));
    const pending = states.find((s) => !s.analysed && s.call.hasTranscript && !s.purged)!;
    expect(pending).toBeDefined();
    expect(await connector.fetchTranscript(ref(pending.call))).toMatchObject({ state: 'processing', call: { status: 'answered', summary: null, hasTranscript: null } });
    const silentOld = states.find((s) => s.analysed && !s.call.hasTranscript && s.endedAtMs < Date.now() - 2 * HOUR)!;
    expect(await connector.fetchTranscript(ref(silentOld.call))).toMatchObject({ state: 'none' });
    const readyOld = states.find((s) => s.analysed && s.call.hasTranscript && !s.purged)!;
    expect(await connector.fetchTranscript(ref(readyOld.call))).toMatchObject({ state: 'ready' });
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
    expect([responses[10]!.status, responses[10]!.headers.get('x-ratelimit-limit'), responses[10]!.headers.get('x-ratelimit-remaining')]).toEqual([429, '10', '0']);
    expect(Number(responses[10]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(4);
  });
});
