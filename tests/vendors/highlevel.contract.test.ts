import { afterEach, describe, expect, it } from 'vitest';
import type { SimCall } from '../../electron/simulator/dataset';
import type { Simulator } from '../../electron/simulator/server';
import { callLog, callLogId } from '../../electron/simulator/vendors/highlevel';
import { MISSING_LOCATION_MESSAGE } from '../../electron/vendors/highlevel/connector';
import { contactOf, extractedFieldsOf } from '../../electron/vendors/highlevel/extracted-data';
import { mapCallLog, parseTranscript } from '../../electron/vendors/highlevel/map';
import { CallLogSchema } from '../../electron/vendors/highlevel/schemas';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { readAll, simConnector, simSettings, useSimulator } from '../helpers/simulator';
import { openDatabase } from '../../electron/store/database';
import { tempDatabasePath } from '../helpers/temp';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { expectKeyNowhere, expectOnlyInLaterWindow, injectRecoverableFaults } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';

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
    // Agent 0 extracts what HighLevel's example shows (customerName, phoneNumber, email).
    const sample = dataset().calls.find((c) => c.hasTranscript && !isTrial(c) && c.agentIndex === 0)!;
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
          // From /voice-ai/agents: the call log names its agent by id only.
          userName: dataset().agents[sample.agentIndex]!.name,
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
    const silent = dataset().calls.find((c) => c.talkSeconds === 0 && !isTrial(c))!;
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
    const window = { fromMs: NOW - 45 * DAY_MS, toMs: NOW - 25 * DAY_MS };
    const expected = dataset().callsBetween(window.fromMs, window.toMs);
    // endDate is sent as toMs and may be inclusive, so a call at toMs is listed (then dropped).
    const listed = dataset().callsBetween(window.fromMs, window.toMs + 1).length;
    const firstRequest = ctx.sim.requests.length;
    const before = connector.requestCount;
    const { calls, warnings } = await readAll(connector, window);
    expect(warnings).toEqual([]);
    expect(expected.length).toBeGreaterThan(500);
    // Plus one page of agents (at most 50), for their names.
    expect(connector.requestCount - before).toBe(Math.ceil(listed / 50) + 1);
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
    const window = { fromMs: NOW - 10 * DAY_MS, toMs: NOW };
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
    await expect(readAll(connector, { fromMs: NOW - DAY_MS, toMs: NOW })).rejects.toThrow(MISSING_LOCATION_MESSAGE);
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
    expect(await problems({ startDate: String(NOW - DAY_MS) })).toEqual({ status: 422, message: ['startDate and endDate must be provided together'] });
    expect(await problems({ startDate: String(NOW), endDate: String(NOW) })).toEqual({ status: 422, message: ['startDate must be less than endDate'] });
    expect(await problems({ sortBy: 'startedAt' })).toEqual({ status: 422, message: ['sortBy must be one of the following values: duration, createdAt'] });
    expect(await problems({ pageSize: '50', page: '2', startDate: String(NOW - DAY_MS), endDate: String(NOW) })).toMatchObject({ status: 200 });
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId }, { version: '' })).toMatchObject({ status: 400, body: { statusCode: 400 } });
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId }, { version: '2021-07-28' })).toMatchObject({ status: 400 });
    // The spec's UnauthorizedDTO.
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId }, { authorization: 'Bearer pit-wrong' })).toMatchObject({
      status: 401,
      body: { statusCode: 401, message: 'Invalid token: access token is invalid', error: 'Unauthorized' },
    });
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId: 'SomeoneElsesLocation1' })).toMatchObject({ status: 403 });
  });

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
    expect(warnings.find((w) => w.vendorRecordId === callLogId(a))?.message).toMatch(/^A HighLevel Voice AI call \([0-9a-f]{24}\) could not be read and was skipped: createdAt/);
    expect(warnings.find((w) => w.vendorRecordId === callLogId(b))).toMatchObject({ stream: 'calls', message: expect.stringMatching(/duration/), raw: { duration: 'one hundred and eighty' } });
  });

  it('re-reads one call log for its transcript: ready with the same turns, none without text or call', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel');
    const withText = dataset().calls.find((c) => c.hasTranscript)!;
    const firstRequest = ctx.sim.requests.length;
    const ready = await connector.fetchTranscript({ vendorCallId: callLogId(withText), userId: null });
    expect(ready).toMatchObject({ state: 'ready', call: { vendorCallId: callLogId(withText), hasTranscript: true } });
    if (ready.state !== 'ready') return;
    expect(ready.transcript.utterances).toEqual(expectedUtterances(withText));
    const detailReads = ctx.sim.requests.slice(firstRequest).filter((r) => r.url.startsWith(`/highlevel${CALL_LOGS}/`));
    expect(detailReads.map((r) => r.url)).toEqual([`/highlevel${CALL_LOGS}/${callLogId(withText)}?locationId=${ctx.sim.credentials.highlevel.locationId}`]);
    // The agent's name comes from the agents list, read once for the connector.
    expect(ready.call?.userName).toBe(dataset().agents[withText.agentIndex]!.name);
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
    expect(await wrongKey.connector.testConnection()).toEqual({
      ok: false,
      message: 'Wrong key: HighLevel Voice AI refused the API key (401) at /voice-ai/dashboard/call-logs. It said: "Invalid token: access token is invalid". Check the key in Connections.',
    });
    const nowhere = simConnector(ctx.sim, 'highlevel', { settings: { baseUrl: 'http://127.0.0.1:9', locationId: 'x' }, http: { retries: 0 } });
    expect(await nowhere.connector.testConnection()).toMatchObject({ ok: false, message: expect.stringMatching(/^Unreachable: HighLevel Voice AI could not be reached/) });
  });

  describe('scopes, per token', () => {
    const DASHBOARD = 'voice-ai-dashboard.readonly';
    const AGENTS = 'voice-ai-agents.readonly';
    const tokenWith = (scope: string) => ctx.sim.credentials.highlevel.scopedTokens![scope]!;
    const withToken = (token: string) => simConnector(ctx.sim, 'highlevel', { apiKey: token }).connector;
    const MISSING_SCOPE = { statusCode: 401, message: 'The token is not authorized for this scope.', error: 'Unauthorized' };

    it('answers each endpoint only for a token with its scope, as HighLevel does: 401 for a missing scope, another 401 for an unknown token', async () => {
      const locationId = ctx.sim.credentials.highlevel.locationId!;
      const logId = callLogId(dataset().calls[10]!);
      const statusesFor = async (token: string) => {
        const auth = { authorization: `Bearer ${token}` };
        const answers = await Promise.all([rawGet(ctx.sim, CALL_LOGS, { locationId }, auth), rawGet(ctx.sim, `${CALL_LOGS}/${logId}`, { locationId }, auth), rawGet(ctx.sim, '/voice-ai/agents', { locationId }, auth)]);
        return answers.map((a) => (a.status === 200 ? 200 : a.body));
      };
      expect(await statusesFor(ctx.sim.credentials.highlevel.apiKey)).toEqual([200, 200, 200]);
      expect(await statusesFor(tokenWith(DASHBOARD))).toEqual([200, 200, MISSING_SCOPE]);
      expect(await statusesFor(tokenWith(AGENTS))).toEqual([MISSING_SCOPE, MISSING_SCOPE, 200]);
      expect(await statusesFor(tokenWith('contacts.readonly'))).toEqual([MISSING_SCOPE, MISSING_SCOPE, MISSING_SCOPE]);
      const unknown = { statusCode: 401, message: 'Invalid token: access token is invalid', error: 'Unauthorized' };
      expect(await statusesFor('pit-00000000-0000-0000-0000-000000000000')).toEqual([unknown, unknown, unknown]);
    });

    it('tests with what sync needs first: a token that reads call logs but not agents passes, naming the agents scope', async () => {
      const connector = withToken(tokenWith(DASHBOARD));
      const firstRequest = ctx.sim.requests.length;
      const result = await connector.testConnection();
      expect(result).toEqual({
        ok: true,
        message: `Works: HighLevel Voice AI call logs can be read. Agent names need the scope ${AGENTS}, which this token lacks, so calls show each agent by its id.`,
      });
      const [first] = ctx.sim.requests.slice(firstRequest);
      expect(first?.url).toBe(`/highlevel${CALL_LOGS}?locationId=${ctx.sim.credentials.highlevel.locationId}&page=1&pageSize=1`);
    });

    it('fails the test of a token that may not read call logs, naming voice-ai-dashboard.readonly, never "Wrong key"', async () => {
      for (const scope of [AGENTS, 'contacts.readonly']) {
        const result = await withToken(tokenWith(scope)).testConnection();
        expect(result, scope).toEqual({
          ok: false,
          message:
            'No permission: HighLevel Voice AI did not accept the request to /voice-ai/dashboard/call-logs (401): The token is not authorized for this scope. ' +
            `Reading call logs needs the scope ${DASHBOARD}: give this token that scope in HighLevel (Settings › Private Integrations).`,
        });
        expect(result.message).not.toMatch(/wrong key|refused the API key/i);
      }
    });

    it('syncs with a token that may read call logs only: every call stored, agents by id; with both scopes, by name', async () => {
      const window = { fromMs: NOW - 2 * DAY_MS, toMs: NOW };
      const expected = dataset().callsBetween(window.fromMs, window.toMs);
      const db = openDatabase(tempDatabasePath());
      const connection = addSimConnection(db, ctx.sim, 'highlevel');
      const { run } = await syncFromSim(db, ctx.sim, connection, { connector: { apiKey: tokenWith(DASHBOARD) }, nowMs: NOW, backfillDays: 2 });
      expect(run).toMatchObject({ status: 'succeeded', errorMessage: null });
      const stored = db.prepare(`SELECT vendor_call_id, user_id, user_name FROM calls WHERE connection_id = ? ORDER BY started_at_ms, vendor_call_id`).all(connection.id) as { vendor_call_id: string; user_id: string; user_name: string | null }[];
      expect(stored.map((r) => r.vendor_call_id).sort()).toEqual(expected.map(callLogId).sort());
      expect(stored.every((r) => r.user_name === null && /^[0-9a-f]{24}$/.test(r.user_id))).toBe(true);
      db.close();

      const { calls } = await readAll(simConnector(ctx.sim, 'highlevel').connector, window);
      const agentOf = new Map(dataset().agents.map((a) => [a.id, a.name]));
      expect(calls.every((c) => c.call.userName === agentOf.get(c.call.userId!))).toBe(true);
    });

    it('stops a sync whose token may not read call logs, naming the scope in the error', async () => {
      const error = await readAll(withToken(tokenWith(AGENTS)), { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
      expect(isVendorRequestError(error) && error.kind).toBe('unauthorized');
      expect((error as Error).message).toMatch(/^HighLevel Voice AI did not accept the request to \/voice-ai\/dashboard\/call-logs \(401\): The token is not authorized for this scope\. Reading call logs needs the scope voice-ai-dashboard\.readonly/);
    });
  });

  describe('extracted data, as each agent is set up', () => {
    /** A call of the agent whose record lacks `fromNumber` (trial calls), so the number can only come from what was extracted. */
    const trialCallOf = (agentIndex: number) => dataset().calls.find((c) => c.agentIndex === agentIndex && c.talkSeconds > 0 && isTrial(c))!;

    it('finds the contact\'s name and number among whatever keys the agent extracts into', async () => {
      const seen = [];
      for (const agentIndex of [0, 1, 2, 3, 4]) {
        const call = trialCallOf(agentIndex);
        expect(rawLog(call).fromNumber).toBeUndefined();
        const [read] = await readOne(call);
        seen.push({ keys: Object.keys((rawLog(call).extractedData as object | undefined) ?? {}), name: read?.call.contactName, number: read?.call.contactNumber });
      }
      const [a, b, c, , e] = [0, 1, 2, 3, 4].map(trialCallOf);
      expect(seen).toEqual([
        { keys: ['phoneNumber', 'customerName', 'email'], name: a!.contact.name, number: a!.contact.phone },
        { keys: ['Full Name', 'phone'], name: b!.contact.name, number: b!.contact.phone },
        { keys: ['caller_name', 'contact_number', 'email', 'Preferred shift', 'Right to work in the UK'], name: c!.contact.name, number: c!.contact.phone },
        // This agent extracts nothing: no extractedData, no name, and a trial call has no number.
        { keys: [], name: null, number: null },
        { keys: ['FirstName', 'LastName', 'Mobile Number', 'Years of experience', 'Has driving licence'], name: e!.contact.name, number: e!.contact.phone },
      ]);
    });

    it('reads names in any case and common spelling, ignores values that are not text, and prefers a full name', () => {
      expect(contactOf({ CUSTOMER_NAME: 'Ann Lee', 'Phone Number': '+447700900001' })).toEqual({ name: 'Ann Lee', number: '+447700900001' });
      expect(contactOf({ 'contact-name': 'Bo Ng', Mobile: '+447700900002' })).toEqual({ name: 'Bo Ng', number: '+447700900002' });
      expect(contactOf({ callerName: 'Cy Orr', contactNumber: '+447700900003' })).toEqual({ name: 'Cy Orr', number: '+447700900003' });
      expect(contactOf({ first_name: 'Di', last_name: 'Pym', phone_number: '+447700900004' })).toEqual({ name: 'Di Pym', number: '+447700900004' });
      expect(contactOf({ firstName: 'Ed', lastName: 'Quin', fullName: 'Edward Quin' })).toEqual({ name: 'Edward Quin', number: null });
      // Not text: a number, an object, a flag, an empty string. The next spelling is used instead.
      expect(contactOf({ name: { first: 'Fay' }, customerName: '  ', full_name: 'Fay Roe', phone: 447700900005, mobile: '+447700900005' })).toEqual({ name: 'Fay Roe', number: '+447700900005' });
      expect(contactOf({ companyName: 'Acme', email: 'x@example.com' })).toEqual({ name: null, number: null });
      for (const nothing of [null, undefined, 'John', ['John'], 42]) expect(contactOf(nothing)).toEqual({ name: null, number: null });
    });

    it('keeps a call whose extractedData is not an object, without a name from it', async () => {
      const call = dataset().calls.find((c) => c.agentIndex === 0 && c.talkSeconds > 0 && !isTrial(c))!;
      const log = { ...rawLog(call), extractedData: ['John Doe'] };
      const parsed = CallLogSchema.safeParse(log);
      expect(parsed.success).toBe(true);
      expect(mapCallLog(parsed.data!, log, new Map())).toMatchObject({ contactName: null, contactNumber: call.contact.phone });
    });

    it('lists every extracted field for the call\'s detail, values as text, in HighLevel\'s order', () => {
      const call = trialCallOf(4);
      const extracted = rawLog(call).extractedData as Record<string, unknown>;
      expect(extractedFieldsOf(rawLog(call))).toEqual([
        { name: 'FirstName', value: call.contact.name.split(' ')[0] },
        { name: 'LastName', value: call.contact.name.split(' ').slice(1).join(' ') },
        { name: 'Mobile Number', value: call.contact.phone },
        { name: 'Years of experience', value: String(extracted['Years of experience']) },
        { name: 'Has driving licence', value: String(extracted['Has driving licence']) },
      ]);
      expect(extractedFieldsOf(rawLog(trialCallOf(3)))).toEqual([]);
      expect(extractedFieldsOf({ extractedData: { skills: ['Forklift', 'First aid'], note: null, blank: ' ', nested: { a: 1 } } })).toEqual([
        { name: 'skills', value: 'Forklift, First aid' },
        { name: 'nested', value: '{"a":1}' },
      ]);
      for (const nothing of [null, 'x', { extractedData: 'x' }, { extractedData: [1] }]) expect(extractedFieldsOf(nothing)).toEqual([]);
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
