import { describe, expect, it } from 'vitest';
import { CallListRequestSchema, type CallFilters } from '../../shared/calls';
import { listCalls } from '../../electron/store/call-list';
import { findCallId, upsertCalls } from '../../electron/store/calls';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { deleteTranscript, saveTranscript } from '../../electron/store/transcripts';
import { listTrackers, removeTracker, saveTracker, trackerCountsByPerson, trackerNamesByCall, trackersOfCall } from '../../electron/store/trackers';
import { makeCall, makeTranscript } from '../helpers/fixtures';
import { useSimulator } from '../helpers/simulator';
import { assertIndexesIntact, storeWithConnection } from '../helpers/store';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';
import { RANGE, expectedCounts, expectedSides, sortCounts } from '../helpers/trackers';

const NOW = Date.UTC(2026, 10, 20, 12);
/** Every call the Calls screen's filter selects, page after page. */
function listed(db: Db, filters: CallFilters): number[] {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const { rows } = listCalls(db, CallListRequestSchema.parse({ filters: { ...filters, includeDeleted: true }, limit: 500, offset }));
    ids.push(...rows.map((r) => r.id));
    if (rows.length < 500) return ids.sort((a, b) => a - b);
  }
}

describe('trackers over calls synced from the simulator', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 500, days: 10, rateLimits: 'off' });

  it('counts per person and side exactly what the simulated conversations say, whether the tracker came before or after the sync', async () => {
    const db = openDatabase(tempDatabasePath());
    // Saved before any call: the sync's own transcript writes work out its hits.
    const pay = saveTracker(db, { name: 'Compensation', phrases: ['salary', 'pays', 'rate'] });
    const talentlynk = addSimConnection(db, ctx.sim, 'talentlynk');
    const talknex = addSimConnection(db, ctx.sim, 'talknex');
    for (const connection of [talentlynk, talknex]) expect((await syncFromSim(db, ctx.sim, connection, { backfillDays: 10 })).run.status).toBe('succeeded');
    // Saved after: worked out from the search index at once.
    const scheduling = saveTracker(db, { name: 'Scheduling', phrases: ['Friday', 'late shift', 'hybrid working'] });

    const expected = expectedCounts(db, ctx.sim, [pay, scheduling]);
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.some((r) => r.contactCalls > 0 && r.contactCalls < r.calls)).toBe(true);
    expect(sortCounts(trackerCountsByPerson(db, RANGE))).toEqual(expected);

    // The Calls screen's filter: any side, one side, several trackers.
    const paySides = expectedSides(db, ctx.sim, pay.phrases);
    const ids = (pick: (s: { ours: boolean; contact: boolean }) => boolean, sides = paySides) =>
      [...sides]
        .filter(([, s]) => pick(s))
        .map(([id]) => id)
        .sort((a, b) => a - b);
    expect(listed(db, { trackerIds: [pay.id] })).toEqual(ids(() => true));
    expect(listed(db, { trackerIds: [pay.id], trackerSide: 'contact' })).toEqual(ids((s) => s.contact));
    expect(listed(db, { trackerIds: [pay.id], trackerSide: 'ours' })).toEqual(ids((s) => s.ours));
    const either = new Set([...paySides.keys(), ...expectedSides(db, ctx.sim, scheduling.phrases).keys()]);
    expect(listed(db, { trackerIds: [pay.id, scheduling.id] })).toEqual([...either].sort((a, b) => a - b));

    // The workbook column and the transcript reader.
    const [someId] = ids((s) => s.contact);
    expect(trackerNamesByCall(db, [someId!]).get(someId!)).toContain('Compensation');
    expect(trackersOfCall(db, someId!).find((h) => h.name === 'Compensation')?.sides).toContain('contact');

    // Editing the phrases works the hits out again.
    const edited = saveTracker(db, { id: pay.id, name: 'Pay', phrases: ['salary negotiable', 'pays around'] });
    expect(edited.name).toBe('Pay');
    expect(sortCounts(trackerCountsByPerson(db, RANGE))).toEqual(expectedCounts(db, ctx.sim, [edited, scheduling]));
    expect(listed(db, { trackerIds: [pay.id], trackerSide: 'contact' })).toEqual(ids((s) => s.contact, expectedSides(db, ctx.sim, ['salary negotiable'])));
    assertIndexesIntact(db);
    db.close();
  }, 90_000);

  it('keeps hits current: a new transcript, a purge, a deleted call, a removed tracker', async () => {
    const db = openDatabase(tempDatabasePath());
    const connection = addSimConnection(db, ctx.sim, 'talentlynk');
    expect((await syncFromSim(db, ctx.sim, connection, { backfillDays: 10 })).run.status).toBe('succeeded');
    const visa = saveTracker(db, { name: 'Right to work', phrases: ['visa', 'sponsorship', 'right to work'] });
    expect(listed(db, { trackerIds: [visa.id] })).toEqual([]); // The simulator's calls never mention it.

    // A transcript arriving through the store's write path (what the sync calls) is matched at once.
    const callId = db.prepare(`SELECT call_id FROM transcripts WHERE status = 'completed' ORDER BY call_id LIMIT 1`).pluck().get() as number;
    saveTranscript(
      db,
      callId,
      makeTranscript(
        [
          ['A', 'Do you need a visa?'],
          ['B', 'No, I have the Right-to-Work already.'],
        ],
        { raw: { v: 2 } },
      ),
    );
    expect(trackersOfCall(db, callId)).toEqual([{ trackerId: visa.id, name: 'Right to work', sides: ['ours', 'contact'] }]);
    const started = db.prepare(`SELECT started_at_ms FROM calls WHERE id = ?`).pluck().get(callId) as number;
    const counts = trackerCountsByPerson(db, { ...RANGE, fromMs: started, toMs: started + 1 });
    expect(counts).toEqual([expect.objectContaining({ trackerId: visa.id, calls: 1, oursCalls: 1, contactCalls: 1 })]);

    // Changed again: only the contact says it now.
    saveTranscript(
      db,
      callId,
      makeTranscript(
        [
          ['A', 'Anything else?'],
          ['B', 'I will need sponsorship.'],
        ],
        { raw: { v: 3 } },
      ),
    );
    expect(trackersOfCall(db, callId)).toEqual([{ trackerId: visa.id, name: 'Right to work', sides: ['contact'] }]);

    // A purge removes the transcript, and with it the hits.
    deleteTranscript(db, callId);
    expect(trackersOfCall(db, callId)).toEqual([]);

    // Deleting a call or a tracker removes their hits.
    saveTranscript(db, callId, makeTranscript([['B', 'My visa runs out in May.']], { raw: { v: 4 } }));
    const other = db
      .prepare(`SELECT call_id FROM transcripts WHERE status = 'completed' AND call_id <> ? ORDER BY call_id LIMIT 1`)
      .pluck()
      .get(callId) as number;
    saveTranscript(db, other, makeTranscript([['A', 'Visa sponsorship is offered.']], { raw: { v: 5 } }));
    const hits = () => db.prepare(`SELECT call_id, side FROM call_tracker_hits ORDER BY call_id`).all();
    expect(hits()).toEqual([
      { call_id: callId, side: 'contact' },
      { call_id: other, side: 'ours' },
    ]);
    db.prepare(`DELETE FROM calls WHERE id = ?`).run(callId);
    expect(hits()).toEqual([{ call_id: other, side: 'ours' }]);
    expect(removeTracker(db, visa.id)).toBe(true);
    expect(hits()).toEqual([]);
    expect(listTrackers(db)).toEqual([]);
    assertIndexesIntact(db);
    db.close();
  }, 60_000);
});

describe('tracker matching and validation', () => {
  function oneCall(lines: [string, string][]) {
    const { db, connectionId } = storeWithConnection();
    upsertCalls(db, connectionId, [makeCall(1, { hasTranscript: true, contactName: 'Sam Salary', summary: 'Talked about salary' })]);
    const id = findCallId(db, connectionId, 'call_1')!;
    saveTranscript(db, id, makeTranscript(lines));
    return { db, id };
  }
  const sidesOf = (db: Db, id: number, phrases: string[]) => {
    const tracker = saveTracker(db, { name: `T${listTrackers(db).length}`, phrases });
    return trackersOfCall(db, id).find((h) => h.trackerId === tracker.id)?.sides ?? [];
  };

  it('matches whole words and phrases as the search index does: any case or accent, never inside a word or across turns', () => {
    const { db, id } = oneCall([
      ['A', 'Le SALAIRE est négocié, and the Payroll team pays weekly.'],
      ['B', "Ask O'Brien about the pay"],
      ['A', 'rate card next week'],
    ]);
    expect(sidesOf(db, id, ['negocie'])).toEqual(['ours']);
    expect(sidesOf(db, id, ['salaire est'])).toEqual(['ours']);
    expect(sidesOf(db, id, ['Pay'])).toEqual(['contact']); // "Payroll" is another word
    expect(sidesOf(db, id, ['o brien'])).toEqual(['contact']);
    expect(sidesOf(db, id, ['pay rate'])).toEqual([]); // "pay" ends one turn, "rate" starts the next
    // Names and summaries are not what was said.
    expect(sidesOf(db, id, ['sam'])).toEqual([]);
    expect(sidesOf(db, id, ['salary'])).toEqual([]);
    db.close();
  });

  it('takes hostile phrases (quotes, stars, NEAR, brackets, operators) as plain words', () => {
    const { db, id } = oneCall([
      ['A', 'Do you know C++ and "NEAR" terms (like AND)?'],
      ['B', "I'm O'Brien; salary* is fine, or OR"],
    ]);
    expect(sidesOf(db, id, ["O'Brien"])).toEqual(['contact']);
    expect(sidesOf(db, id, ['"near" terms'])).toEqual(['ours']);
    expect(sidesOf(db, id, ['c++'])).toEqual(['ours']);
    expect(sidesOf(db, id, ['sal*'])).toEqual([]); // no prefix meaning: "sal" is not said
    expect(sidesOf(db, id, ['NEAR(salary fine)'])).toEqual([]);
    expect(sidesOf(db, id, ['(like AND)'])).toEqual(['ours']);
    expect(sidesOf(db, id, ['or OR'])).toEqual(['contact']);
    expect(sidesOf(db, id, ['"unclosed', 'salary )'])).toEqual(['contact']);
    expect(listed(db, { trackerIds: listTrackers(db).map((t) => t.id), trackerSide: 'contact' })).toEqual([id]);
    assertIndexesIntact(db);
    db.close();
  });

  it('refuses what cannot be saved, in words that say what to change', () => {
    const { db } = storeWithConnection();
    const problem = (input: { id?: number; name: string; phrases: string[] }) => {
      try {
        saveTracker(db, input);
        return null;
      } catch (error) {
        return { field: (error as { field?: string }).field, message: (error as Error).message };
      }
    };
    expect(problem({ name: '  ', phrases: ['pay'] })).toEqual({ field: 'name', message: 'Give the tracker a name, such as "Compensation".' });
    expect(problem({ name: 'Pay', phrases: [' ', ''] })).toEqual({
      field: 'phrases',
      message: 'Add at least one word or phrase to look for, such as "salary, pay, rate".',
    });
    expect(problem({ name: 'Pay', phrases: ['***'] })).toEqual({ field: 'phrases', message: '"***" has no letters or digits to look for.' });
    expect(problem({ name: 'Pay', phrases: Array.from({ length: 51 }, (_, i) => `word${i}`) })?.message).toBe(
      'A tracker can look for up to 50 words or phrases; this one has 51.',
    );
    expect(problem({ name: 'Pay', phrases: ['x'.repeat(81)] })?.message).toMatch(/is 81 characters long; keep each phrase to 80\.$/);
    expect(problem({ name: 'Pay', phrases: ['one two three four five six seven eight nine'] })?.message).toMatch(/has 9 words; keep each phrase to 8\.$/);
    expect(problem({ name: 'N'.repeat(61), phrases: ['pay'] })).toEqual({ field: 'name', message: 'The name is 61 characters long; keep it to 60.' });
    const saved = saveTracker(db, { name: ' Rémunération ', phrases: ['pay', ' Pay ', 'salary,', 'PAY'] });
    expect(saved).toMatchObject({ name: 'Rémunération', phrases: ['pay', 'salary,'] });
    expect(problem({ name: 'REMUNERATION', phrases: ['rate'] })).toEqual({
      field: 'name',
      message: 'A tracker named "Rémunération" already exists. Choose another name, or edit that one.',
    });
    expect(problem({ id: saved.id, name: 'rémunération', phrases: ['rate'] })).toBeNull(); // its own name, in another case
    expect(problem({ id: 999, name: 'Gone', phrases: ['rate'] })).toEqual({
      field: undefined,
      message: 'That tracker was not found. It may have been removed.',
    });
    expect(listTrackers(db).map((t) => t.name)).toEqual(['rémunération']);
    db.close();
  });
});
