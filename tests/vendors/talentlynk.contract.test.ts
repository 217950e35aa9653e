import { afterEach, describe, expect, it } from 'vitest';
import { callLog, talentlynkMessageId } from '../../electron/simulator/vendors/talentlynk';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { readAll, simConnector, useSimulator } from '../helpers/simulator';
import { expectKeyNowhere, expectOnlyInLaterWindow, injectRecoverableFaults } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';

const NOW = Date.UTC(2026, 10, 20, 12);

describe('TalentLynk connector against the simulator', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 3_000, days: 60, rateLimits: 'off' });
  const dataset = () => ctx.sim.datasets.talentlynk;
  afterEach(() => ctx.sim.faults.clear());
  /** The call-log requests since request number `first`, with the dates they asked for. */
  const callLogRequests = (first: number) =>
    ctx.sim.requests
      .slice(first)
      .filter((r) => r.url.includes('/reports/call-logs'))
      .map((r) => {
        const query = new URL(r.url, 'http://sim').searchParams;
        return { startDate: query.get('startDate') ?? '', endDate: query.get('endDate') ?? '' };
      });

  it('maps every field of a call log', async () => {
    const { connector } = simConnector(ctx.sim, 'talentlynk');
    const sample = dataset().calls.find((c) => c.direction === 'inbound' && c.outcome === 'answered')!;
    const { calls } = await readAll(connector, { fromMs: sample.startedAtMs, toMs: sample.startedAtMs + 1 });
    const user = dataset().users[sample.userIndex]!;
    expect(calls).toHaveLength(1);
    expect(calls[0]!.call).toEqual({
      vendorCallId: `call_${sample.id}`,
      direction: 'inbound',
      status: 'answered',
      vendorStatus: 'answered',
      startedAtMs: sample.startedAtMs,
      endedAtMs: sample.startedAtMs + sample.totalSeconds * 1000,
      talkSeconds: sample.talkSeconds,
      totalSeconds: sample.totalSeconds,
      handlerKind: 'recruiter',
      userId: user.email,
      userName: user.name,
      userEmail: user.email,
      userNumber: user.phone,
      contactName: sample.contact.name,
      contactNumber: sample.contact.phone,
      contactType: sample.contact.type,
      summary: sample.summary,
      score: null,
      sentiment: null,
      hasTranscript: sample.hasTranscript,
      isPurged: false,
      isTest: false,
      deletedAtMs: null,
      recordingUrl: `https://recordings.talentlynk.ai/call_${sample.id}.mp3`,
      recordingUrlExpiresAtMs: null,
      vendorUpdatedAtMs: null,
      raw: callLog(sample, dataset(), { vendor: 'talentlynk', dataset: dataset(), faults: ctx.sim.faults, nowMs: NOW }),
    });
  });

  it('reads 60 days in 7-day requests, every call once, with nothing lost at window edges', async () => {
    const { connector } = simConnector(ctx.sim, 'talentlynk');
    const window = { fromMs: NOW - 60 * DAY_MS, toMs: NOW };
    const before = connector.requestCount;
    const { calls, warnings } = await readAll(connector, window);
    expect(warnings).toEqual([]);
    expect(connector.requestCount - before).toBe(Math.ceil(60 / 7));
    const ids = calls.map((c) => c.call.vendorCallId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      dataset()
        .callsBetween(window.fromMs, window.toMs)
        .map((c) => `call_${c.id}`)
        .sort(),
    );
  });

  it('asks for whole UTC days, at most 7 dates a request, even for a window that starts and ends mid-day', async () => {
    const { connector } = simConnector(ctx.sim, 'talentlynk');
    // 7 x 24 h from mid-day touch 8 dates: two requests, split at midnight.
    const window = { fromMs: NOW - 7 * DAY_MS, toMs: NOW };
    const first = ctx.sim.requests.length;
    const { calls, warnings } = await readAll(connector, window);
    expect(warnings).toEqual([]);
    expect(callLogRequests(first)).toEqual([
      { startDate: '2026-11-13T00:00:00Z', endDate: '2026-11-19T23:59:59Z' },
      { startDate: '2026-11-20T00:00:00Z', endDate: '2026-11-20T23:59:59Z' },
    ]);
    // The API answers whole days; only the calls of the window are kept.
    expect(calls.map((c) => c.call.vendorCallId).sort()).toEqual(
      dataset()
        .callsBetween(window.fromMs, window.toMs)
        .map((c) => `call_${c.id}`)
        .sort(),
    );
  });

  it('simulates the documented limit: more than 7 calendar dates is a 400, and any range is widened to whole days', async () => {
    const base = ctx.sim.baseUrls.talentlynk;
    const { apiKey, appId } = ctx.sim.credentials.talentlynk;
    const get = async (query: string) => {
      const response = await fetch(`${base}/reports/call-logs?${query}`, { headers: { 'x-api-key': apiKey, 'x-app-id': appId ?? '' } });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    // 7 x 24 h, but from mid-day: 8 dates.
    expect(await get('startDate=2026-11-13T12:00:00Z&endDate=2026-11-20T11:59:59Z')).toEqual({
      status: 400,
      body: { statusCode: 400, message: 'Maximum 7 days of call logs can be retrieved in a single request' },
    });
    expect(await get('startDate=2026-11-10&endDate=2026-11-17')).toMatchObject({ status: 400 });
    // The docs' own example shape, 7 whole days, is answered.
    expect((await get('startDate=2026-11-10T00:00:00Z&endDate=2026-11-16T23:59:59Z')).status).toBe(200);
    // A mid-day range is normalised to its dates' whole days.
    const { body } = await get('startDate=2026-11-18T12:00:00Z&endDate=2026-11-18T13:00:00Z');
    const day = Date.UTC(2026, 10, 18);
    expect((body as { id: string }[]).map((c) => c.id)).toEqual(
      dataset()
        .callsBetween(day, day + DAY_MS)
        .map((c) => `call_${c.id}`),
    );
  });

  it('puts a call that starts exactly on a window boundary in the later window only', async () => {
    const edge = dataset().calls[1500]!;
    await expectOnlyInLaterWindow(simConnector(ctx.sim, 'talentlynk').connector, edge.startedAtMs, `call_${edge.id}`);
  });

  it('rides out 429s (Retry-After), 500s and connection resets', async () => {
    const { connector } = simConnector(ctx.sim, 'talentlynk');
    const window = { fromMs: NOW - 3 * DAY_MS, toMs: NOW };
    const expected = (await readAll(connector, window)).calls.length;
    const leastMs = injectRecoverableFaults(ctx.sim, 'talentlynk');
    ctx.sim.faults.inject('talentlynk', { kind: 'reset' }, { times: 1 });
    const started = Date.now();
    expect((await readAll(connector, window)).calls).toHaveLength(expected);
    expect(Date.now() - started).toBeGreaterThanOrEqual(leastMs);
  });

  it('fails clearly on an HTML page or malformed JSON, naming vendor and endpoint', async () => {
    const { connector } = simConnector(ctx.sim, 'talentlynk');
    for (const kind of ['html', 'malformed-json'] as const) {
      ctx.sim.faults.inject('talentlynk', { kind }, { times: 10 });
      const error = await readAll(connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
      expect(isVendorRequestError(error) && error.kind).toBe('invalid_response');
      expect(String((error as Error).message)).toMatch(/TalentLynk .*\/reports\/call-logs/);
      ctx.sim.faults.clear();
    }
  });

  it('skips a broken record with a warning carrying its id and payload, keeping the rest', async () => {
    const { connector } = simConnector(ctx.sim, 'talentlynk');
    const window = { fromMs: NOW - 2 * DAY_MS, toMs: NOW };
    const inWindow = dataset().callsBetween(window.fromMs, window.toMs);
    const [a, b] = [inWindow[3]!, inWindow[7]!];
    ctx.sim.faults.breakRecord('talentlynk', `call_${a.id}`, 'missing-field');
    ctx.sim.faults.breakRecord('talentlynk', `call_${b.id}`, 'wrong-type');
    const { calls, warnings } = await readAll(connector, window);
    ctx.sim.faults.clear();
    expect(calls).toHaveLength(inWindow.length - 2);
    expect(warnings.map((w) => w.vendorRecordId).sort()).toEqual([`call_${a.id}`, `call_${b.id}`].sort());
    expect(warnings.find((w) => w.vendorRecordId === `call_${a.id}`)?.message).toMatch(
      /TalentLynk call \(call_\w+\) could not be read and was skipped: startDate/,
    );
    expect(warnings.find((w) => w.vendorRecordId === `call_${b.id}`)?.raw).toMatchObject({ talkDuration: 'seventy-four' });
  });

  it('fetches transcripts: processing is "not yet", completed maps every turn, none is none', async () => {
    const { connector } = simConnector(ctx.sim, 'talentlynk');
    const call = dataset().calls.find((c) => c.hasTranscript && c.startedAtMs < NOW - DAY_MS)!;
    // By the message id of the call log, as the docs' article says (the simulator's default).
    const ref = { vendorCallId: `call_${call.id}`, userId: null, messageId: talentlynkMessageId(call) };
    ctx.sim.faults.holdTranscript('talentlynk', `call_${call.id}`, 1);
    expect(await connector.fetchTranscript(ref)).toEqual({ state: 'processing' });
    const ready = await connector.fetchTranscript(ref);
    const turns = dataset().transcriptOf(call);
    expect(ready.state).toBe('ready');
    if (ready.state !== 'ready') return;
    expect(ready.transcript).toMatchObject({ status: 'completed', languageCode: 'en', error: null });
    expect(ready.transcript.utterances).toEqual(
      turns.map((t) => ({
        speaker: t.role === 'agent' ? 'A' : 'B',
        role: t.role === 'agent' ? 'recruiter' : 'contact',
        text: t.text,
        startMs: t.startMs,
        endMs: t.endMs,
        confidence: t.confidence,
      })),
    );
    const without = dataset().calls.find((c) => !c.hasTranscript)!;
    expect(await connector.fetchTranscript({ vendorCallId: `call_${without.id}`, userId: null, messageId: talentlynkMessageId(without) })).toEqual({
      state: 'none',
    });
  });

  it('asks by messageId first, then by call id on a 404, in one request whenever the first answers', async () => {
    const transcribed = dataset().calls.filter((c) => c.hasTranscript && c.startedAtMs < NOW - DAY_MS);
    const refOf = (call: (typeof transcribed)[number], messageId: string | null = talentlynkMessageId(call)) => ({
      vendorCallId: `call_${call.id}`,
      userId: null,
      messageId,
    });
    const requestsFor = async (connector: ReturnType<typeof simConnector>['connector'], ref: ReturnType<typeof refOf>) => {
      const before = connector.requestCount;
      const result = await connector.fetchTranscript(ref);
      return { state: result.state, requests: connector.requestCount - before };
    };
    const [a, b, c, d] = transcribed;

    // Only the message id answers (the default): one request; a call without a messageId is asked by call id, in vain.
    const byMessage = simConnector(ctx.sim, 'talentlynk').connector;
    expect(await requestsFor(byMessage, refOf(a!))).toEqual({ state: 'ready', requests: 1 });
    expect(await requestsFor(byMessage, refOf(b!, null))).toEqual({ state: 'none', requests: 1 });

    // Only the call id answers: the message id's 404 leads to the call id, and then the call id is asked first.
    ctx.sim.faults.setVariant('talentlynk', 'transcript-key', 'call-id');
    const byCall = simConnector(ctx.sim, 'talentlynk').connector;
    expect(await requestsFor(byCall, refOf(a!))).toEqual({ state: 'ready', requests: 2 });
    expect(await requestsFor(byCall, refOf(b!))).toEqual({ state: 'ready', requests: 1 });
    expect(await requestsFor(byCall, refOf(c!, null))).toEqual({ state: 'ready', requests: 1 });

    // Either answers: one request each way.
    ctx.sim.faults.setVariant('talentlynk', 'transcript-key', 'either');
    const either = simConnector(ctx.sim, 'talentlynk').connector;
    expect(await requestsFor(either, refOf(d!))).toEqual({ state: 'ready', requests: 1 });
    expect(await requestsFor(either, refOf(d!, null))).toEqual({ state: 'ready', requests: 1 });

    // No transcript under either id: both are tried before "none".
    const without = dataset().calls.find((call) => !call.hasTranscript)!;
    expect(await requestsFor(either, refOf(without))).toEqual({ state: 'none', requests: 2 });
  });

  it('simulates the message id in the call log: on every call by default, on some or none by variant', async () => {
    const window = { fromMs: NOW - 2 * DAY_MS, toMs: NOW };
    const messageIds = async () =>
      (await readAll(simConnector(ctx.sim, 'talentlynk').connector, window)).calls.map((c) => (c.call.raw as { messageId?: string }).messageId);
    const all = await messageIds();
    expect(all.every((id) => id !== undefined && /^[0-9a-f]{24}$/.test(id))).toBe(true);
    ctx.sim.faults.setVariant('talentlynk', 'message-ids', 'some');
    const some = await messageIds();
    expect(some.filter((id) => id === undefined).length).toBeGreaterThan(some.length / 4);
    expect(some.filter((id) => id !== undefined).length).toBeGreaterThan(some.length / 4);
    ctx.sim.faults.setVariant('talentlynk', 'message-ids', 'none');
    expect((await messageIds()).every((id) => id === undefined)).toBe(true);
  });

  it('reads activity one day per request, every metric per user, summing to the calls of that day', async () => {
    const { connector } = simConnector(ctx.sim, 'talentlynk');
    const day = new Date(NOW - 5 * DAY_MS).toISOString().slice(0, 10);
    const { rows, warnings } = await connector.readActivity(day);
    expect(warnings).toEqual([]);
    expect(rows).toHaveLength(dataset().users.length);
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    const answeredOut = dataset()
      .callsBetween(dayStart, dayStart + DAY_MS)
      .filter((c) => c.direction === 'outbound' && c.outcome === 'answered');
    expect(rows.reduce((s, r) => s + r.outboundCalls, 0)).toBe(answeredOut.length);
    expect(rows.reduce((s, r) => s + r.outboundSeconds, 0)).toBe(answeredOut.reduce((s, c) => s + c.talkSeconds, 0));
    expect(rows.every((r) => r.day === day && r.userId.startsWith('user_'))).toBe(true);
  });

  it('tests the connection in plain words', async () => {
    expect(await simConnector(ctx.sim, 'talentlynk').connector.testConnection()).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Works: TalentLynk answered with 30 users \(/),
    });
    const wrongKey = simConnector(ctx.sim, 'talentlynk', { apiKey: 'not-the-key' });
    expect(await wrongKey.connector.testConnection()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Wrong key: TalentLynk refused the API key \(401\)/),
    });
    const nowhere = simConnector(ctx.sim, 'talentlynk', { settings: { baseUrl: 'http://127.0.0.1:9/v1/partners', appId: 'x' }, http: { retries: 0 } });
    expect(await nowhere.connector.testConnection()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Unreachable: TalentLynk could not be reached/),
    });
  });

  it('never lets the key reach a URL, a log line or an error', async () => {
    const { connector, logs } = simConnector(ctx.sim, 'talentlynk');
    ctx.sim.faults.inject('talentlynk', { kind: 'status', status: 500 }, { times: 1 });
    await readAll(connector, { fromMs: NOW - 8 * DAY_MS, toMs: NOW });
    await connector.fetchTranscript({ vendorCallId: 'call_missing', userId: null });
    const failing = simConnector(ctx.sim, 'talentlynk', { apiKey: ctx.sim.credentials.talentlynk.apiKey + 'x' });
    const error = await readAll(failing.connector, { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
    const key = ctx.sim.credentials.talentlynk.apiKey;
    expectKeyNowhere(key, ctx.sim, [...logs, ...failing.logs], error);
  });
});
