import { describe, expect, it } from 'vitest';
import { ACTIVITY_METRICS } from '../../shared/activity-metric-list';
import { upsertUserActivity } from '../../electron/store/activity';
import { findCallId, getCall, upsertCalls } from '../../electron/store/calls';
import { addConnection, removeConnection } from '../../electron/store/connections';
import { getTranscript, saveTranscript } from '../../electron/store/transcripts';
import { makeActivity, makeCall, makeTranscript } from '../helpers/fixtures';
import { snapshot, storeWithConnection } from '../helpers/store';

describe('upserting calls', () => {
  it('writes a batch once; the same batch again changes nothing, not even timestamps', () => {
    const { db, connectionId } = storeWithConnection();
    const calls = Array.from({ length: 50 }, (_, n) => makeCall(n));
    expect(upsertCalls(db, connectionId, calls, 1_000)).toBe(50);
    const before = snapshot(db);
    expect(upsertCalls(db, connectionId, calls, 2_000)).toBe(0);
    expect(snapshot(db)).toEqual(before);
    db.close();
  });

  it('updates only the record that changed, and keeps the raw vendor JSON with unknown fields', () => {
    const { db, connectionId } = storeWithConnection();
    upsertCalls(db, connectionId, [makeCall(1), makeCall(2)], 1_000);
    const changed = makeCall(2, { summary: 'Candidate accepted the offer', status: 'voicemail', raw: { id: 'call_2', v: 2 } });
    expect(upsertCalls(db, connectionId, [makeCall(1), changed], 2_000)).toBe(1);

    const id2 = findCallId(db, connectionId, 'call_2')!;
    expect(getCall(db, id2)).toMatchObject({ summary: 'Candidate accepted the offer', status: 'voicemail', vendorStatus: 'answered' });
    const changedAt = db.prepare(`SELECT vendor_call_id, changed_at_ms FROM calls ORDER BY vendor_call_id`).all();
    expect(changedAt).toEqual([
      { vendor_call_id: 'call_1', changed_at_ms: 1_000 },
      { vendor_call_id: 'call_2', changed_at_ms: 2_000 },
    ]);
    const raw = db.prepare(`SELECT raw_json FROM calls WHERE vendor_call_id = 'call_1'`).pluck().get() as string;
    expect(JSON.parse(raw)).toEqual({ id: 'call_1', unknownVendorField: { kept: true } });
    db.close();
  });

  it('round-trips every normalized field', () => {
    const { db, connectionId } = storeWithConnection();
    const call = makeCall(7, {
      score: 8,
      sentiment: 'positive',
      isPurged: true,
      hasTranscript: true,
      deletedAtMs: 123,
      recordingUrlExpiresAtMs: 456,
      vendorUpdatedAtMs: 789,
    });
    upsertCalls(db, connectionId, [call]);
    const { raw: _raw, ...fields } = call;
    expect(getCall(db, findCallId(db, connectionId, 'call_7')!)).toEqual({
      ...fields,
      id: expect.any(Number),
      connectionId,
      connectionLabel: 'talentlynk main',
      vendor: 'talentlynk',
    });
    db.close();
  });

  it('keeps the same vendor call id apart in two connections', () => {
    const { db, connectionId } = storeWithConnection();
    const other = addConnection(db, { vendor: 'talentlynk', label: 'Second office' });
    upsertCalls(db, connectionId, [makeCall(1)]);
    upsertCalls(db, other.id, [makeCall(1)]);
    expect(db.prepare(`SELECT count(*) FROM calls`).pluck().get()).toBe(2);
    db.close();
  });

  it('rolls back the whole batch when one record breaks a constraint, keeping what was stored before', () => {
    const { db, connectionId } = storeWithConnection();
    upsertCalls(db, connectionId, [makeCall(1)]);
    const before = snapshot(db);
    const bad = makeCall(3, { talkSeconds: -5 });
    expect(() => upsertCalls(db, connectionId, [makeCall(2), bad])).toThrow(/CHECK constraint failed/);
    expect(snapshot(db)).toEqual(before);
    db.close();
  });

  it('removing a connection removes its calls, transcripts and activity', () => {
    const { db, connectionId } = storeWithConnection();
    upsertCalls(db, connectionId, [makeCall(1)]);
    saveTranscript(db, findCallId(db, connectionId, 'call_1')!, makeTranscript([['A', 'hello']]));
    upsertUserActivity(db, connectionId, [makeActivity('user_1', '2026-10-01')]);
    expect(removeConnection(db, connectionId)).toBe(true);
    for (const table of ['calls', 'transcripts', 'utterances', 'user_activity']) {
      expect({ table, rows: db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() }).toEqual({ table, rows: 0 });
    }
    db.close();
  });
});

describe('upserting transcripts', () => {
  it('stores utterances in order, and a second identical save changes nothing', () => {
    const { db, connectionId } = storeWithConnection();
    upsertCalls(db, connectionId, [makeCall(1, { hasTranscript: true })]);
    const callId = findCallId(db, connectionId, 'call_1')!;
    const transcript = makeTranscript([
      ['A', 'Hi, thanks for taking my call today.'],
      ['B', 'No problem, happy to chat.'],
    ]);
    expect(saveTranscript(db, callId, transcript, 1_000)).toBe(true);
    const before = snapshot(db);
    expect(saveTranscript(db, callId, transcript, 2_000)).toBe(false);
    expect(snapshot(db)).toEqual(before);

    const stored = getTranscript(db, callId)!;
    expect(stored.utterances.map((u) => [u.speaker, u.role, u.text, u.startMs])).toEqual([
      ['A', 'recruiter', 'Hi, thanks for taking my call today.', 0],
      ['B', 'contact', 'No problem, happy to chat.', 2500],
    ]);
    expect(stored.fetchedAtMs).toBe(1_000);
    db.close();
  });

  it('replaces the utterances when the transcript changes (processing, then completed)', () => {
    const { db, connectionId } = storeWithConnection();
    upsertCalls(db, connectionId, [makeCall(1, { hasTranscript: true })]);
    const callId = findCallId(db, connectionId, 'call_1')!;
    saveTranscript(db, callId, makeTranscript([], { status: 'processing' }));
    expect(getTranscript(db, callId)).toMatchObject({ status: 'processing', utterances: [] });
    saveTranscript(
      db,
      callId,
      makeTranscript([
        ['A', 'one'],
        ['B', 'two'],
        ['A', 'three'],
      ]),
    );
    expect(getTranscript(db, callId)?.utterances.map((u) => u.text)).toEqual(['one', 'two', 'three']);
    db.close();
  });
});

describe('upserting user activity', () => {
  it('stores every TalentLynk metric per user per day; the same rows again change nothing', () => {
    const { db, connectionId } = storeWithConnection();
    const rows = [makeActivity('user_1', '2026-10-01', 1), makeActivity('user_1', '2026-10-02', 2), makeActivity('user_2', '2026-10-01', 3)];
    expect(upsertUserActivity(db, connectionId, rows, 1_000)).toBe(3);
    const before = snapshot(db);
    expect(upsertUserActivity(db, connectionId, rows, 2_000)).toBe(0);
    expect(snapshot(db)).toEqual(before);

    const sums = db
      .prepare(
        `SELECT sum(inbound_calls) AS inboundCalls, sum(spent_sms_credits) AS spentSmsCredits, sum(transcription_seconds) AS transcriptionSeconds FROM user_activity WHERE user_id = 'user_1'`,
      )
      .get();
    const expected = (key: (typeof ACTIVITY_METRICS)[number]['key']) => rows[0]![key] + rows[1]![key];
    expect(sums).toEqual({
      inboundCalls: expected('inboundCalls'),
      spentSmsCredits: expect.closeTo(expected('spentSmsCredits'), 9),
      transcriptionSeconds: expected('transcriptionSeconds'),
    });
    expect(upsertUserActivity(db, connectionId, [{ ...rows[0]!, outboundCalls: 99 }], 3_000)).toBe(1);
    db.close();
  });

  it('refuses a day that is not YYYY-MM-DD', () => {
    const { db, connectionId } = storeWithConnection();
    expect(() => upsertUserActivity(db, connectionId, [makeActivity('user_1', '01/10/2026')])).toThrow(/CHECK constraint failed/);
    db.close();
  });
});

describe('merging a list page into calls read in detail', () => {
  it('keeps detail-only fields a list page lacks, but a purge clears the recording', () => {
    const { db, connectionId } = storeWithConnection();
    const detail = makeCall(1, {
      score: 8,
      sentiment: 'positive',
      recordingUrl: 'https://signed.example/x?sig=1',
      recordingUrlExpiresAtMs: 5_000,
      userName: 'Aria',
    });
    upsertCalls(db, connectionId, [detail], 1_000);
    const fromList = { ...detail, score: null, sentiment: null, recordingUrl: null, recordingUrlExpiresAtMs: null, userName: null };
    expect(upsertCalls(db, connectionId, [fromList], 2_000)).toBe(0); // nothing new
    const id = findCallId(db, connectionId, 'call_1')!;
    expect(getCall(db, id)).toMatchObject({ score: 8, sentiment: 'positive', recordingUrl: 'https://signed.example/x?sig=1', userName: 'Aria' });

    upsertCalls(db, connectionId, [{ ...fromList, summary: 'Changed' }], 3_000);
    expect(getCall(db, id)).toMatchObject({ summary: 'Changed', score: 8, recordingUrl: 'https://signed.example/x?sig=1' });

    upsertCalls(db, connectionId, [{ ...fromList, isPurged: true, contactNumber: null, recordingUrl: 'https://stale.example' }], 4_000);
    expect(getCall(db, id)).toMatchObject({ isPurged: true, contactNumber: null, recordingUrl: null, recordingUrlExpiresAtMs: null, score: 8 });
    db.close();
  });
});
