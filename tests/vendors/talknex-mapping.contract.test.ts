/**
 * Talknex's contract, field mapping: how a listed call (outbound and inbound) and a call's detail
 * (transcript, sentiment) become Talktally's fields, each Talknex status mapped to the shared
 * set, no transcript past the 90-day retention, and "processing" while a call is in progress.
 * The other talknex-*.contract.test.ts files cover paging and errors and rate limits.
 */
import { describe, expect, it } from 'vitest';
import type { CallFields } from '../../shared/calls';
import type { SimCall } from '../../electron/simulator/dataset';
import { callDetail, callRecord } from '../../electron/simulator/vendors/talknex';
import { readAll, simConnector } from '../helpers/simulator';
import { DAY_MS } from '../../shared/time';
import { NOW, useTalknexSimulator } from './talknex-contract-setup';

describe('Talknex connector against the simulator', () => {
  const { ctx, dataset, simContext } = useTalknexSimulator();

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
    expect([...pairs].sort()).toEqual([
      'busy -> busy',
      'canceled -> missed',
      'completed -> answered',
      'failed -> failed',
      'no-answer -> no_answer',
      'voicemail -> voicemail',
    ]);
    const unanswered = calls.find(({ call }) => call.status === 'no_answer')!.call;
    expect(unanswered).toMatchObject({ talkSeconds: 0, hasTranscript: false, recordingUrl: null, summary: null });
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
});
