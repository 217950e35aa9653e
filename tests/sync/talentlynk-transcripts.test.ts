import { afterEach, describe, expect, it } from 'vitest';
import type { SimCall } from '../../electron/simulator/dataset';
import { talentlynkMessageId } from '../../electron/simulator/vendors/talentlynk';
import { upsertCalls } from '../../electron/store/calls';
import { openDatabase } from '../../electron/store/database';
import { pendingTranscripts } from '../../electron/store/transcripts';
import { makeCall } from '../helpers/fixtures';
import { useSimulator } from '../helpers/simulator';
import { storeWithConnection } from '../helpers/store';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

const NOW = Date.UTC(2026, 10, 20, 12);
/** Transcripts in flight at once during a sync (electron/sync/transcripts.ts). */
const CONCURRENCY = 4;

/**
 * TalentLynk's article fetches a transcript "using its message ID", found in
 * the call log, while the path says `:callId`. The simulator answers only the
 * message id by default; variants switch to the call id, or to call logs
 * without a message id.
 */
describe('TalentLynk transcripts, by message id or call id', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 600, days: 20, rateLimits: 'off' });
  const dataset = () => ctx.sim.datasets.talentlynk;
  afterEach(() => ctx.sim.faults.clear());

  function freshStore() {
    const db = openDatabase(tempDatabasePath());
    return { db, connection: addSimConnection(db, ctx.sim, 'talentlynk') };
  }

  /** The id each transcript request named, since request number `first`, in arrival order. */
  const transcriptRequests = (first: number) =>
    ctx.sim.requests
      .slice(first)
      .filter((r) => r.vendor === 'talentlynk' && r.url.includes('/transcripts/'))
      .map((r) => ({ id: decodeURIComponent(r.url.split('/transcripts/')[1]!.split('?')[0]!), status: r.status }));

  /** The calls of a first sync (30 days back, from midnight) whose call log says they have a transcript, newest first. */
  const withTranscripts = (): SimCall[] =>
    dataset()
      .callsBetween(Math.floor((NOW - 30 * DAY_MS) / DAY_MS) * DAY_MS, NOW)
      .filter((c) => c.hasTranscript)
      .toReversed();
  const storedTranscripts = (db: ReturnType<typeof freshStore>['db']) =>
    db.prepare(`SELECT count(*) FROM transcripts WHERE status IN ('completed', 'processing')`).pluck().get();

  it('fetches each transcript by the messageId of its call log, one request a call, newest first', async () => {
    const { db, connection } = freshStore();
    const first = ctx.sim.requests.length;
    const { run } = await syncFromSim(db, ctx.sim, connection);
    expect(run).toMatchObject({ status: 'succeeded', warningCount: 0 });
    const calls = withTranscripts();
    expect(calls.length).toBeGreaterThan(100);
    expect(storedTranscripts(db)).toBe(calls.length);
    expect(run.transcriptsWritten).toBeGreaterThan(calls.length / 2);

    const requests = transcriptRequests(first);
    expect(requests).toHaveLength(calls.length);
    expect(requests.every((r) => r.status === 200)).toBe(true);
    expect(requests.map((r) => r.id).sort()).toEqual(calls.map(talentlynkMessageId).sort());
    // The backlog is read newest first. Four go at once, so the request for the k-th newest call
    // (from 0) starts only after k - 3 others were answered: it cannot arrive before position k - 3.
    // An oldest-first backlog fails at once (its first request is for the last of these calls).
    const newestFirst = calls.map(talentlynkMessageId);
    const positions = requests.map((r) => newestFirst.indexOf(r.id));
    expect(positions.filter((k, arrival) => k > arrival + CONCURRENCY - 1)).toEqual([]);
    db.close();
  });

  it('tries the call id after a 404 when only the call id answers, and soon asks by call id first', async () => {
    ctx.sim.faults.setVariant('talentlynk', 'transcript-key', 'call-id');
    const { db, connection } = freshStore();
    const first = ctx.sim.requests.length;
    const { run } = await syncFromSim(db, ctx.sim, connection);
    expect(run).toMatchObject({ status: 'succeeded', warningCount: 0 });
    const calls = withTranscripts();
    expect(storedTranscripts(db)).toBe(calls.length);

    const requests = transcriptRequests(first);
    const byCallId = requests.filter((r) => r.id.startsWith('call_'));
    expect(byCallId.map((r) => r.id).sort()).toEqual(calls.map((c) => `call_${c.id}`).sort());
    // Only the requests already in flight when the first fallback worked asked by message id in vain.
    const inVain = requests.filter((r) => !r.id.startsWith('call_'));
    expect(inVain.every((r) => r.status === 404)).toBe(true);
    expect(inVain.length).toBeGreaterThan(0);
    expect(inVain.length).toBeLessThanOrEqual(CONCURRENCY);
    db.close();
  });

  it('asks by call id straight away for call logs without a messageId', async () => {
    ctx.sim.faults.setVariant('talentlynk', 'message-ids', 'some');
    ctx.sim.faults.setVariant('talentlynk', 'transcript-key', 'either');
    const { db, connection } = freshStore();
    const first = ctx.sim.requests.length;
    const { run } = await syncFromSim(db, ctx.sim, connection);
    expect(run).toMatchObject({ status: 'succeeded', warningCount: 0 });
    const calls = withTranscripts();
    expect(storedTranscripts(db)).toBe(calls.length);

    const shown = new Set(
      db.prepare(`SELECT json_extract(raw_json, '$.messageId') FROM calls WHERE json_extract(raw_json, '$.messageId') IS NOT NULL`).pluck().all() as string[],
    );
    expect(shown.size).toBeGreaterThan(0);
    const requests = transcriptRequests(first);
    expect(requests).toHaveLength(calls.length);
    expect(requests.map((r) => r.id).sort()).toEqual(calls.map((c) => (shown.has(talentlynkMessageId(c)) ? talentlynkMessageId(c) : `call_${c.id}`)).sort());
    db.close();
  });
});

describe('the transcript backlog', () => {
  it('lists pending calls newest first, each with the messageId its stored record carries', () => {
    const { db, connectionId } = storeWithConnection('talentlynk');
    // Written out of order; one without a messageId, one whose transcript is not expected.
    const calls = [3, 1, 4, 2, 5].map((n) =>
      makeCall(n, { hasTranscript: n !== 5, raw: n === 2 ? { id: `call_${n}` } : { id: `call_${n}`, messageId: `msg_${n}` } }),
    );
    upsertCalls(db, connectionId, calls);
    expect(pendingTranscripts(db, connectionId).map((p) => [p.vendor_call_id, p.message_id])).toEqual([
      ['call_4', 'msg_4'],
      ['call_3', 'msg_3'],
      ['call_2', null],
      ['call_1', 'msg_1'],
    ]);
    db.close();
  });
});
