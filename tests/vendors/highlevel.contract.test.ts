import { afterEach, describe, expect, it } from 'vitest';
import type { SimCall } from '../../electron/simulator/dataset';
import type { Simulator } from '../../electron/simulator/server';
import { callLog, callLogId } from '../../electron/simulator/vendors/highlevel';
import { MISSING_LOCATION_MESSAGE } from '../../electron/vendors/highlevel/connector';
import { parseTranscript } from '../../electron/vendors/highlevel/map';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { readAll, simConnector, simSettings, useSimulator } from '../helpers/simulator';
import { expectKeyNowhere, expectOnlyInLaterWindow, injectRecoverableFaults } from '../helpers/vendor-contract';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12);
const CALL_LOGS = '/voice-ai/dashboard/call-logs';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw request to the simulated API, with the documented headers unless a test replaces them. */
async function rawGet(sim: Simulator, path: string, query: Record<string, string>, headers: Record<string, string> = {}) {
  const url = `${sim.baseUrls.highlevel}${path}?${new URLSearchParams(query)}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${sim.credentials.highlevel.apiKey}`, version: '2021-04-15', ...headers } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

/** The query of each request the simulator received for call logs since `from`. */
const callLogQueries = (sim: Simulator, from: number) =>
  sim.requests
    .slice(from)
    .filter((r) => r.url.startsWith(`/highlevel${CALL_LOGS}?`))
    .map((r) => new URL(r.url, 'http://sim').searchParams);

describe('HighLevel Voice AI connector against the simulator', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 3_000, days: 60, rateLimits: 'off' });
  const dataset = () => ctx.sim.datasets.highlevel;
  // A test that fails half-way must not leave its faults to the next one.
  afterEach(() => ctx.sim.faults.clear());
  const rawLog = (call: SimCall) => callLog(call, dataset(), { vendor: 'highlevel', dataset: dataset(), faults: ctx.sim.faults, nowMs: NOW });
  const isTrial = (call: SimCall) => rawLog(call).trialCall === true;
  /** The simulator breaks each bot turn after its first sentence, so its rest arrives as a line with no prefix. */
  const expectedUtterances = (call: SimCall) =>
    dataset()
      .transcriptOf(call)
      .map((t) => ({
        speaker: t.role === 'agent' ? 'bot' : 'human',
        role: t.role,
        text: t.role === 'agent' ? t.text.replace('. ', '.\n') : t.text,
        startMs: null,
        endMs: null,
        confidence: null,
      }));
  const readOne = async (call: SimCall) => {
    const { calls } = await readAll(simConnector(ctx.sim, 'highlevel').connector, { fromMs: call.startedAtMs, toMs: call.startedAtMs + 1 });
    return calls.filter((c) => c.call.vendorCallId === callLogId(call));
  };

  it('maps every field of a call log, with its transcript inline', async () => {
    const sample = dataset().calls.find((c) => c.hasTranscript && !isTrial(c))!;
    const raw = rawLog(sample);
    expect(await readOne(sample)).toEqual([
      {
        call: {
          vendorCallId: callLogId(sample),
          direction: 'unknown',
          status: 'answered',
          vendorStatus: null,
          startedAtMs: sample.startedAtMs,
          endedAtMs: sample.startedAtMs + sample.talkSeconds * 1000,
          talkSeconds: sample.talkSeconds,
          totalSeconds: sample.talkSeconds,
          handlerKind: 'ai_agent',
          userId: dataset().agents[sample.agentIndex]!.id,
          userName: null,
          userEmail: null,
          userNumber: null,
          contactName: sample.contact.name,
          contactNumber: sample.contact.phone,
          contactType: null,
          summary: sample.summary,
          score: null,
          sentiment: null,
          hasTranscript: true,
          isPurged: false,
          isTest: false,
          deletedAtMs: null,
          recordingUrl: null,
          recordingUrlExpiresAtMs: null,
          vendorUpdatedAtMs: null,
          raw,
        },
        transcript: {
          status: 'completed',
          languageCode: null,
          confidence: null,
          durationSeconds: sample.talkSeconds,
          error: null,
          utterances: expectedUtterances(sample),
          raw: { transcript: raw.transcript, translation: null },
        },
      },
    ]);
  });

  it('maps a call without a conversation (no transcript, status unknown) and marks trial calls', async () => {
    const silent = dataset().calls.find((c) => c.talkSeconds === 0)!;
    const [quiet] = await readOne(silent);
    expect(quiet).toEqual({ call: expect.objectContaining({ status: 'unknown', talkSeconds: 0, contactName: null, contactNumber: silent.contact.phone, summary: null, hasTranscript: false }) });
    expect(quiet).not.toHaveProperty('transcript');
    const trial = dataset().calls.find(isTrial)!;
    expect((await readOne(trial))[0]?.call).toMatchObject({ isTest: true, contactType: null });
    expect(quiet?.call.isTest).toBe(isTrial(silent));
  });

  it('parses transcript text: bot is the agent, human the contact, a line without a prefix continues the turn', () => {
    const text = [
      'Connecting you now.',
      'bot: Hi, this is Aria from Talktally Recruiting.',
      'I can book interviews and answer questions about open roles.',
      '  - Warehouse Operative, Leeds',
      'human: I would like to book one.',
      '',
      'HUMAN: On Friday: after 2pm?\r',
      'bot:Sure, Friday at 3pm is free.',
    ].join('\n');
    const turn = (speaker: string, role: string, text: string) => ({ speaker, role, text, startMs: null, endMs: null, confidence: null });
    expect(parseTranscript(text)).toEqual([
      turn('', 'unknown', 'Connecting you now.'),
      turn('bot', 'agent', 'Hi, this is Aria from Talktally Recruiting.\nI can book interviews and answer questions about open roles.\n  - Warehouse Operative, Leeds'),
      turn('human', 'contact', 'I would like to book one.'),
      turn('HUMAN', 'contact', 'On Friday: after 2pm?'),
      turn('bot', 'agent', 'Sure, Friday at 3pm is free.'),
    ]);
  });

  it('reads a 20-day window 50 at a time, in the fewest requests, sending dates as Unix milliseconds', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel');
    const window = { fromMs: NOW - 45 * DAY, toMs: NOW - 25 * DAY };
    const expected = dataset().callsBetween(window.fromMs, window.toMs);
    // endDate is sent as toMs and may be inclusive, so a call at toMs is listed (then dropped).
    const listed = dataset().callsBetween(window.fromMs, window.toMs + 1).length;
    const firstRequest = ctx.sim.requests.length;
    const before = connector.requestCount;
    const { calls, warnings } = await readAll(connector, window);
    expect(warnings).toEqual([]);
    expect(expected.length).toBeGreaterThan(500);
    expect(connector.requestCount - before).toBe(Math.ceil(listed / 50));
    const ids = calls.map((c) => c.call.vendorCallId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(expected.map(callLogId).sort());
    const queries = callLogQueries(ctx.sim, firstRequest);
    expect(queries.map((q) => q.get('page'))).toEqual(queries.map((_, i) => String(i + 1)));
    for (const q of queries) {
      expect(Object.fromEntries(q)).toMatchObject({
        locationId: ctx.sim.credentials.highlevel.locationId,
        startDate: String(window.fromMs),
        endDate: String(window.toMs),
        pageSize: '50',
        sortBy: 'createdAt',
        sort: 'ascend',
      });
    }
  });

  it('puts a call that starts exactly on a window boundary in the later window only', async () => {
    const edge = dataset().calls[1500]!;
    await expectOnlyInLaterWindow(simConnector(ctx.sim, 'highlevel').connector, edge.startedAtMs, callLogId(edge));
  });

  it('reads one agentId-filtered listing per agent when the connection names agents', async () => {
    const [a, , c] = dataset().agents;
    const { connector } = simConnector(ctx.sim, 'highlevel', { settings: simSettings(ctx.sim, 'highlevel', { agentIds: [a!.id, c!.id] }) });
    const window = { fromMs: NOW - 10 * DAY, toMs: NOW };
    const firstRequest = ctx.sim.requests.length;
    const { calls } = await readAll(connector, window);
    const expected = dataset()
      .callsBetween(window.fromMs, window.toMs)
      .filter((call) => call.agentIndex === a!.index || call.agentIndex === c!.index);
    expect(calls.map((v) => v.call.vendorCallId).sort()).toEqual(expected.map(callLogId).sort());
    expect(new Set(callLogQueries(ctx.sim, firstRequest).map((q) => q.get('agentId')))).toEqual(new Set([a!.id, c!.id]));
  });

  it('refuses to run without a location ID, before any request; the API answers 422 without one', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel', { settings: { baseUrl: ctx.sim.baseUrls.highlevel } });
    const requestsBefore = ctx.sim.requests.length;
    await expect(readAll(connector, { fromMs: NOW - DAY, toMs: NOW })).rejects.toThrow(MISSING_LOCATION_MESSAGE);
    await expect(connector.fetchTranscript({ vendorCallId: 'x', userId: null })).rejects.toThrow(MISSING_LOCATION_MESSAGE);
    expect(await connector.testConnection()).toEqual({ ok: false, message: `Missing location ID: ${MISSING_LOCATION_MESSAGE}` });
    expect(ctx.sim.requests.length).toBe(requestsBefore);
    expect(connector.requestCount).toBe(0);
    expect(await rawGet(ctx.sim, CALL_LOGS, {})).toEqual({
      status: 422,
      headers: expect.anything(),
      body: { statusCode: 422, message: ['locationId should not be empty', 'locationId must be a string'], error: 'Unprocessable Entity' },
    });
  });

  it('simulates the documented checks: page size, millisecond dates, the Version header, the token', async () => {
    const locationId = ctx.sim.credentials.highlevel.locationId!;
    const problems = async (query: Record<string, string>) => {
      const { status, body } = await rawGet(ctx.sim, CALL_LOGS, { locationId, ...query });
      return { status, message: (body as { message: unknown }).message };
    };
    expect(await problems({ pageSize: '51' })).toEqual({ status: 422, message: ['pageSize must not be greater than 50'] });
    expect(await problems({ startDate: '2026-11-01T00:00:00Z', endDate: '2026-11-02T00:00:00Z' })).toEqual({
      status: 422,
      message: ['startDate must be a Unix timestamp in milliseconds', 'endDate must be a Unix timestamp in milliseconds'],
    });
    expect(await problems({ startDate: String(NOW / 1000 - 3600), endDate: String(NOW / 1000) })).toMatchObject({ status: 422 });
    expect(await problems({ startDate: String(NOW - DAY) })).toEqual({ status: 422, message: ['startDate and endDate must be provided together'] });
    expect(await problems({ startDate: String(NOW), endDate: String(NOW) })).toEqual({ status: 422, message: ['startDate must be less than endDate'] });
    expect(await problems({ sortBy: 'startedAt' })).toEqual({ status: 422, message: ['sortBy must be one of the following values: duration, createdAt'] });
    expect(await problems({ pageSize: '50', page: '2', startDate: String(NOW - DAY), endDate: String(NOW) })).toMatchObject({ status: 200 });
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId }, { version: '' })).toMatchObject({ status: 400, body: { statusCode: 400 } });
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId }, { version: '2021-07-28' })).toMatchObject({ status: 400 });
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId }, { authorization: 'Bearer pit-wrong' })).toMatchObject({
      status: 401,
      body: { statusCode: 401, message: 'Invalid JWT' },
    });
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId: 'SomeoneElsesLocation1' })).toMatchObject({ status: 403 });
  });

  it('rides out 429s (Retry-After in seconds), 500s, a connection reset and a slow reply', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel');
    const window = { fromMs: NOW - 3 * DAY, toMs: NOW };
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
    const { connector } = simConnector(ctx.sim, 'highlevel');
    for (const kind of ['html', 'malformed-json'] as const) {
      ctx.sim.faults.inject('highlevel', { kind }, { times: 10 });
      const error = await readAll(connector, { fromMs: NOW - DAY, toMs: NOW }).catch((e: unknown) => e);
      ctx.sim.faults.clear();
      expect(isVendorRequestError(error) && error.kind).toBe('invalid_response');
      expect(String((error as Error).message)).toMatch(/^HighLevel Voice AI answered \/voice-ai\/dashboard\/call-logs with/);
    }
  });

  it('skips a broken record with a warning carrying its id and payload, keeping the rest', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel');
    const window = { fromMs: NOW - 2 * DAY, toMs: NOW };
    const inWindow = dataset().callsBetween(window.fromMs, window.toMs);
    const [a, b] = [inWindow[3]!, inWindow[70]!];
    ctx.sim.faults.breakRecord('highlevel', callLogId(a), 'missing-field');
    ctx.sim.faults.breakRecord('highlevel', callLogId(b), 'wrong-type');
    const { calls, warnings } = await readAll(connector, window);
    ctx.sim.faults.clear();
    expect(calls).toHaveLength(inWindow.length - 2);
    expect(warnings.map((w) => w.vendorRecordId).sort()).toEqual([callLogId(a), callLogId(b)].sort());
    expect(warnings.find((w) => w.vendorRecordId === callLogId(a))?.message).toMatch(/^A HighLevel Voice AI call \([0-9a-f]{24}\) could not be read and was skipped: createdAt/);
    expect(warnings.find((w) => w.vendorRecordId === callLogId(b))).toMatchObject({ stream: 'calls', message: expect.stringMatching(/duration/), raw: { duration: 'one hundred and eighty' } });
  });

  it('re-reads one call log for its transcript: ready with the same turns, none without text or call', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel');
    const withText = dataset().calls.find((c) => c.hasTranscript)!;
    const ready = await connector.fetchTranscript({ vendorCallId: callLogId(withText), userId: null });
    expect(ready).toMatchObject({ state: 'ready', call: { vendorCallId: callLogId(withText), hasTranscript: true } });
    if (ready.state !== 'ready') return;
    expect(ready.transcript.utterances).toEqual(expectedUtterances(withText));
    const last = ctx.sim.requests.at(-1)!;
    expect(last.url).toBe(`/highlevel${CALL_LOGS}/${callLogId(withText)}?locationId=${ctx.sim.credentials.highlevel.locationId}`);
    const without = dataset().calls.find((c) => !c.hasTranscript)!;
    expect(await connector.fetchTranscript({ vendorCallId: callLogId(without), userId: null })).toMatchObject({ state: 'none', call: { hasTranscript: false } });
    expect(await connector.fetchTranscript({ vendorCallId: '000000000000000000000000', userId: null })).toEqual({ state: 'none' });
  });

  it('has no activity report', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel');
    expect(connector).toMatchObject({ hasActivity: false, transcripts: 'inline', maxCallWindowMs: Infinity });
    expect(await connector.readActivity('2026-11-19')).toEqual({ rows: [], warnings: [] });
  });

  it('tests the connection in plain words', async () => {
    const names = dataset().agents.map((a) => a.name);
    expect(await simConnector(ctx.sim, 'highlevel').connector.testConnection()).toEqual({
      ok: true,
      message: `Works: HighLevel Voice AI answered with 5 agents (${names.join(', ')}).`,
      found: { kind: 'agents', names },
    });
    const wrongKey = simConnector(ctx.sim, 'highlevel', { apiKey: 'pit-not-the-token' });
    expect(await wrongKey.connector.testConnection()).toMatchObject({ ok: false, message: expect.stringMatching(/^Wrong key: HighLevel Voice AI refused the API key \(401\)/) });
    const nowhere = simConnector(ctx.sim, 'highlevel', { settings: { baseUrl: 'http://127.0.0.1:9', locationId: 'x' }, http: { retries: 0 } });
    expect(await nowhere.connector.testConnection()).toMatchObject({ ok: false, message: expect.stringMatching(/^Unreachable: HighLevel Voice AI could not be reached/) });
  });

  it('never lets the key reach a URL, a log line or an error', async () => {
    const { connector, logs } = simConnector(ctx.sim, 'highlevel');
    ctx.sim.faults.inject('highlevel', { kind: 'status', status: 500 }, { times: 1 });
    await readAll(connector, { fromMs: NOW - 8 * DAY, toMs: NOW });
    await connector.fetchTranscript({ vendorCallId: 'missing', userId: null });
    await connector.testConnection();
    const key = ctx.sim.credentials.highlevel.apiKey;
    const failing = simConnector(ctx.sim, 'highlevel', { apiKey: key + 'x' });
    const error = await readAll(failing.connector, { fromMs: NOW - DAY, toMs: NOW }).catch((e: unknown) => e);
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
    const windows = Array.from({ length: 200 }, (_, i) => ({ fromMs: NOW - 30 * DAY + i * 1_000, toMs: NOW - 30 * DAY + (i + 1) * 1_000 }));
    const burstOf = (connector: ReturnType<typeof simConnector>['connector'], count: number) => Promise.all(windows.slice(0, count).map((w) => readAll(connector, w)));
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
    expect(burst).toHaveLength(200);
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
