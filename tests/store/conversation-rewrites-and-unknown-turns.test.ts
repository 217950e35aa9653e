/**
 * One call's conversation figures in a store of fixtures: replaced when its transcript is
 * fetched again (and dropped with it), turns of unknown speakers counted for neither side, a
 * call on words when a turn lacks a time, a person with both kinds of call on "mixed", and
 * figures that follow a call moved to another recruiter. Figures over a database synced from
 * the simulator are in conversation-synced.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Utterance } from '../../shared/transcripts';
import { upsertCalls, findCallId } from '../../electron/store/calls';
import { conversationByPerson, getConversation } from '../../electron/store/conversation';
import { saveTranscript } from '../../electron/store/transcripts';
import { mapTranscript as mapTalentlynkTranscript } from '../../electron/vendors/talentlynk/map';
import { makeCall, makeTranscript } from '../helpers/fixtures';
import { storeWithConnection } from '../helpers/store';

const NOW = Date.UTC(2026, 10, 20, 12);

const turn = (role: Utterance['role'], text: string, startMs: number | null, endMs: number | null): Utterance => ({
  speaker: role,
  role,
  text,
  startMs,
  endMs,
  confidence: null,
});

describe('a call whose transcript is written again, and turns of unknown speakers', () => {
  function storeWithCall() {
    const store = storeWithConnection('talentlynk');
    upsertCalls(store.db, store.connectionId, [makeCall(1, { hasTranscript: true })]);
    return { ...store, callId: findCallId(store.db, store.connectionId, 'call_1')! };
  }

  it('replaces the figures with those of the transcript fetched again', () => {
    const { db, callId } = storeWithCall();
    // Recruiter 0-2000 ("…?"), contact 2500-4500, recruiter 5000-7000: the fixture's timings.
    saveTranscript(
      db,
      callId,
      makeTranscript([
        ['A', 'Is now a good time?'],
        ['B', 'Yes it is.'],
        ['A', 'Great, thanks.'],
      ]),
    );
    expect(getConversation(db, callId)).toMatchObject({
      basis: 'timed',
      ourAmount: 4000,
      totalAmount: 6000,
      longestMonologue: 2000,
      questionsAsked: 1,
      contactLongestAnswer: 2000,
    });

    // Re-fetched with a fourth turn by the recruiter (7500-9500): a run of two, 5000 to 9500.
    saveTranscript(
      db,
      callId,
      makeTranscript([
        ['A', 'Is now a good time?'],
        ['B', 'Yes it is.'],
        ['A', 'Great, thanks.'],
        ['A', 'Shall we start? '],
      ]),
      NOW,
    );
    expect(getConversation(db, callId)).toEqual({
      basis: 'timed',
      ourAmount: 6000,
      totalAmount: 8000,
      talkShare: 0.75,
      longestMonologue: 4500,
      questionsAsked: 2,
      contactLongestAnswer: 2000,
      unknownTurns: 0,
    });
    expect(db.prepare(`SELECT count(*) FROM call_conversation WHERE call_id = ?`).pluck().get(callId)).toBe(1);

    // Re-fetched as TalentLynk without its `recruiter` label: no turn has a side, so no figures are kept.
    const unlabelled = mapTalentlynkTranscript({
      data: {
        status: 'completed',
        utterances: [
          { speaker: 'A', text: 'Hello?', start: 0, end: 900 },
          { speaker: 'B', text: 'Hi.', start: 1000, end: 1500 },
        ],
      },
    } as Parameters<typeof mapTalentlynkTranscript>[0]);
    expect(unlabelled.utterances.map((u) => u.role)).toEqual(['unknown', 'unknown']);
    saveTranscript(db, callId, unlabelled, NOW + 1);
    expect(getConversation(db, callId)).toBeNull();

    // And a purge drops the transcript, and its figures with it.
    saveTranscript(db, callId, makeTranscript([['A', 'Back again?']]), NOW + 2);
    expect(getConversation(db, callId)).not.toBeNull();
    db.prepare(`DELETE FROM transcripts WHERE call_id = ?`).run(callId);
    expect(db.prepare(`SELECT count(*) FROM call_conversation`).pluck().get()).toBe(0);
    db.close();
  });

  it('counts unknown turns for neither side, and lets one end a run', () => {
    const { db, callId } = storeWithCall();
    saveTranscript(db, callId, {
      ...makeTranscript([]),
      utterances: [
        turn('recruiter', 'Hello, is that Sam?', 0, 1000),
        turn('unknown', 'This call may be recorded.', 1000, 4000),
        turn('recruiter', 'Sorry about that.', 4000, 5000),
        turn('agent', 'Can you hear me?”', 5200, 6000),
        turn('contact', 'Yes.', 6500, 7000),
        turn('unknown', '[crosstalk]', 7000, 7100),
        turn('contact', 'I can hear you fine, go on.', 7100, 9100),
      ],
    });
    // Our side: 1000 + 1000 + 800 = 2800; the contact: 500 + 2000 = 2500; the unknown 3100 ms in neither.
    // Runs: ours 0-1000, then 4000-6000 (two turns, the pause included) = 2000; the contact's 6500-7000 and 7100-9100 = 2000.
    // Questions: "…Sam?" and "…me?”" (a closing quote after the mark).
    expect(getConversation(db, callId)).toEqual({
      basis: 'timed',
      ourAmount: 2800,
      totalAmount: 5300,
      talkShare: 2800 / 5300,
      longestMonologue: 2000,
      questionsAsked: 2,
      contactLongestAnswer: 2000,
      unknownTurns: 2,
    });

    // Text only: the same turns without times are counted in words; the unknown turn still ends the run.
    saveTranscript(
      db,
      callId,
      {
        ...makeTranscript([]),
        utterances: [
          turn('agent', 'Hello, is that Sam?', null, null),
          turn('unknown', 'This call may be recorded.', null, null),
          turn('agent', 'Sorry about that.', null, null),
          turn('agent', 'Can you hear me?', null, null),
          turn('contact', 'I can hear you fine, go on.', null, null),
        ],
      },
      NOW,
    );
    // Ours: 4 + 3 + 4 = 11 words, the contact's 7; runs: 4, then 3 + 4 = 7; the contact's 7.
    expect(getConversation(db, callId)).toEqual({
      basis: 'words',
      ourAmount: 11,
      totalAmount: 18,
      talkShare: 11 / 18,
      longestMonologue: 7,
      questionsAsked: 2,
      contactLongestAnswer: 7,
      unknownTurns: 1,
    });
    db.close();
  });

  it('puts a call on words when one of its turns lacks a time, and a person with both kinds of call on "mixed"', () => {
    const { db, connectionId, callId } = storeWithCall();
    saveTranscript(db, callId, {
      ...makeTranscript([]),
      utterances: [turn('recruiter', 'One two three?', 0, 1000), turn('contact', 'Four five.', 1500, null)],
    });
    expect(getConversation(db, callId)).toMatchObject({ basis: 'words', ourAmount: 3, totalAmount: 5 });

    // A second call of the same recruiter (user_1, as makeCall(4) is), timed: 1000 of 4000 ms ours.
    upsertCalls(db, connectionId, [makeCall(4, { hasTranscript: true, userId: 'user_1' })]);
    const second = findCallId(db, connectionId, 'call_4')!;
    saveTranscript(db, second, { ...makeTranscript([]), utterances: [turn('recruiter', 'Hi.', 0, 1000), turn('contact', 'Hello there.', 1000, 4000)] });
    const [person] = conversationByPerson(db, { fromMs: 0, toMs: NOW * 2, connectionId });
    // Words 3/5 = 0.6 over one call, time 1000/4000 = 0.25 over one: weighted by calls, (0.6 + 0.25) / 2.
    expect(person).toMatchObject({
      userId: 'user_1',
      calls: 2,
      timedCalls: 1,
      wordCalls: 1,
      basis: 'mixed',
      ourMs: 1000,
      totalMs: 4000,
      ourWords: 3,
      totalWords: 5,
    });
    expect(person!.talkShare).toBeCloseTo(0.425, 12);
    expect(person).toMatchObject({
      longestMonologueMs: 1000,
      longestMonologueWords: 3,
      contactLongestAnswerMs: 3000,
      contactLongestAnswerWords: 2,
      questionsAsked: 1,
    });

    // The call moved to another recruiter at the vendor: its figures follow it (the trigger).
    upsertCalls(db, connectionId, [makeCall(4, { hasTranscript: true, userId: 'user_2' })]);
    expect(conversationByPerson(db, { fromMs: 0, toMs: NOW * 2 }).map((p) => [p.userId, p.basis])).toEqual([
      ['user_1', 'words'],
      ['user_2', 'timed'],
    ]);
    db.close();
  });
});
