/**
 * TalkPilot's contract, field mapping: how a listed call and a call's detail (transcript, score,
 * signed recording link) become Talktally's fields, `done` read as staff's tick, purged and
 * soft-deleted calls, and transcripts of calls that have only just ended. The other
 * talkpilot-*.contract.test.ts files cover paging, errors and rate limits, and changes to calls.
 */
import { describe, expect, it } from 'vitest';
import type { SimCall } from '../../electron/simulator/dataset';
import { agentUuid, callRecord, callUuid, recordingUrl } from '../../electron/simulator/vendors/talkpilot';
import { AUTO_DONE_UNDER_SECONDS, autoMarksShortCalls } from '../../electron/simulator/vendors/talkpilot-calls';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { mapCall } from '../../electron/vendors/talkpilot/map';
import { CallSchema } from '../../electron/vendors/talkpilot/schemas';
import { readAll, simConnector, useSimulator } from '../helpers/simulator';
import { DAY_MS } from '../../shared/time';
import { NOW, listAll, useTalkPilotSimulator, type Json } from './talkpilot-contract-setup';

const HOUR = 3_600_000;

describe('TalkPilot connector against the simulator', () => {
  const { ctx, dataset, simContext, agentOf, refOf, settled, requestsSince } = useTalkPilotSimulator();

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

  it("reads `done` as staff's processed tick, apart from the outcome: an unticked call is a finished call", async () => {
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
    expect(map({ duration: 40, done: false, general_success: false, disconnection_reason: 'sip_error' })).toMatchObject({
      status: 'failed',
      vendorStatus: 'unsuccessful, sip_error',
      isProcessed: false,
    });
    expect(map({ duration: 40, done: true, disconnection_reason: 'voicemail_detected' })).toMatchObject({
      status: 'answered',
      vendorStatus: 'voicemail_detected',
      isProcessed: true,
    });
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
      expect(byId.get(callUuid(call))).toMatchObject({
        isPurged: true,
        contactNumber: null,
        recordingUrl: null,
        hasTranscript: false,
        contactName: call.contact.name,
      });
    }
    for (const call of deleted) expect(byId.get(callUuid(call))).toMatchObject({ deletedAtMs: call.deletedAtMs, isPurged: false });
    const callLists = requestsSince(start).filter((u) => u.pathname.endsWith('/calls'));
    expect(callLists.every((u) => u.searchParams.get('include_deleted') === 'true')).toBe(true);

    const detail = await connector.fetchTranscript(refOf(purged[0]!));
    expect(detail).toEqual({
      state: 'none',
      call: expect.objectContaining({ isPurged: true, contactNumber: null, recordingUrl: null, recordingUrlExpiresAtMs: null, hasTranscript: false }),
    });
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
    expect(await connector.fetchTranscript(refOf(call))).toEqual({
      state: 'none',
      call: expect.objectContaining({ status: 'answered', summary: null, score: null }),
    });

    const silent = dataset().calls.find((c) => !c.hasTranscript && settled(c))!;
    expect(await connector.fetchTranscript(refOf(silent))).toEqual({ state: 'none', call: expect.objectContaining({ hasTranscript: false }) });
    expect(await connector.fetchTranscript({ vendorCallId: '00000000-0000-4000-8000-000000000000', userId: refOf(call).userId })).toEqual({ state: 'none' });
    expect(await connector.fetchTranscript({ vendorCallId: callUuid(call), userId: null })).toEqual({ state: 'none' });

    ctx.sim.faults.setVariant('talkpilot', 'transcript', 'not-json');
    const broken = await connector.fetchTranscript(refOf(call));
    ctx.sim.faults.clear();
    expect(broken).toMatchObject({
      state: 'ready',
      transcript: { status: 'error', utterances: [], error: expect.stringMatching(/^TalkPilot sent a transcript that is not valid JSON/) },
    });
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
    expect(await connector.fetchTranscript(ref(pending.call))).toMatchObject({
      state: 'processing',
      call: { status: 'answered', summary: null, hasTranscript: null },
    });
    const silentOld = states.find((s) => s.analysed && !s.call.hasTranscript && s.endedAtMs < Date.now() - 2 * HOUR)!;
    expect(await connector.fetchTranscript(ref(silentOld.call))).toMatchObject({ state: 'none' });
    const readyOld = states.find((s) => s.analysed && s.call.hasTranscript && !s.purged)!;
    expect(await connector.fetchTranscript(ref(readyOld.call))).toMatchObject({ state: 'ready' });
  });
});
