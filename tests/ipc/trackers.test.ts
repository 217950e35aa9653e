import { describe, expect, it } from 'vitest';
import { describeCallQuery } from '../../electron/reports/describe-query';
import { openDatabase } from '../../electron/store/database';
import { trackerCountsByPerson } from '../../electron/store/trackers';
import { answer, createTestApp } from '../helpers/app';
import { useKeyringForFile } from '../helpers/keyring';
import { simSettings, useSimulator } from '../helpers/simulator';
import { tempDatabasePath } from '../helpers/temp';
import { RANGE, expectedCounts, expectedSides, sortCounts } from '../helpers/trackers';

const NOW = Date.UTC(2026, 10, 20, 12);

describe("trackers through IPC, with the sync in the core's worker", () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 300, days: 10, rateLimits: 'off' });
  useKeyringForFile();

  function start() {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    const app = createTestApp(db, file);
    return { db, app, dispatch: app.dispatch };
  }

  it("saves, lists, edits and removes trackers; the worker's sync works out hits for a tracker saved before it", async () => {
    const { db, app, dispatch } = start();
    const pay = await answer(dispatch, 'trackers/save', { name: 'Compensation', phrases: ['salary', ' pays ', 'rate', 'Salary'] });
    expect(pay).toMatchObject({ name: 'Compensation', phrases: ['salary', 'pays', 'rate'] });

    const vendor = 'talknex';
    await answer(dispatch, 'connections/add', { vendor, label: 'Nex', settings: simSettings(ctx.sim, vendor), apiKey: ctx.sim.credentials[vendor].apiKey });
    await answer(dispatch, 'sync/start', {});
    await app.sync.idle();
    expect(db.prepare(`SELECT count(*) FROM transcripts WHERE status = 'completed'`).pluck().get()).toBeGreaterThan(50);

    // The worker wrote the transcripts, and their hits with them.
    const counts = expectedCounts(db, ctx.sim, [pay]);
    expect(counts.length).toBeGreaterThan(3);
    expect(sortCounts(trackerCountsByPerson(db, RANGE))).toEqual(counts);

    // Activity shows each person's calls that hit it: the same calls, over the whole days the screen asks for.
    await answer(dispatch, 'settings/update', { timeZone: 'UTC' });
    const summary = await answer(dispatch, 'activity/summary', { range: { fromDay: '2026-11-14', toDay: '2026-11-19' } });
    expect(summary.trackers).toEqual([{ id: pay.id, name: 'Compensation' }]);
    const [from, to] = [Date.UTC(2026, 10, 14), Date.UTC(2026, 10, 20)];
    const perPerson = new Map<string, number>();
    for (const { call } of expectedSides(db, ctx.sim, pay.phrases).values()) {
      if (call.started_at_ms < from || call.started_at_ms >= to) continue;
      const key = `${call.connection_id}|${call.user_id}`;
      perPerson.set(key, (perPerson.get(key) ?? 0) + 1);
    }
    expect(perPerson.size).toBeGreaterThan(3);
    const shown = new Map(summary.users.filter((u) => u.trackerCalls?.[pay.id]).map((u) => [`${u.connectionId}|${u.callsUserId}`, u.trackerCalls![pay.id]]));
    expect(shown).toEqual(perPerson);

    // The Calls screen's filter, as the window asks for it.
    const contactSaid = [...expectedSides(db, ctx.sim, pay.phrases)].filter(([, s]) => s.contact).map(([id]) => id);
    const page = await answer(dispatch, 'calls/list', { filters: { trackerIds: [pay.id], trackerSide: 'contact', includeDeleted: true }, limit: 500 });
    expect(page.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(contactSaid.sort((a, b) => a - b));
    // The About sheet says what selected the rows.
    expect(describeCallQuery(db, { filters: { trackerIds: [pay.id], trackerSide: 'contact' }, sort: { column: 'startedAt', direction: 'desc' } })).toContain(
      'Tracker: Compensation, said by the contact',
    );

    // Edit: renamed and new phrases, worked out before the answer.
    const edited = await answer(dispatch, 'trackers/save', { id: pay.id, name: 'Pay talk', phrases: ['salary negotiable'] });
    expect(sortCounts(trackerCountsByPerson(db, RANGE))).toEqual(expectedCounts(db, ctx.sim, [edited]));
    expect(await answer(dispatch, 'trackers/list')).toEqual([edited]);

    expect(await answer(dispatch, 'trackers/remove', { id: pay.id })).toEqual({ removed: true });
    expect(await answer(dispatch, 'trackers/list')).toEqual([]);
    expect(db.prepare(`SELECT count(*) FROM call_tracker_hits`).pluck().get()).toBe(0);
    await app.close();
    db.close();
  }, 90_000);

  it('answers a tracker that cannot be saved with the field and plain words', async () => {
    const { db, app, dispatch } = start();
    expect(app.worker?.starts).toBe(0);
    await answer(dispatch, 'trackers/save', { name: 'Right to work', phrases: ['visa', 'right to work'] });
    // Its hits were worked out in the core's worker (started for it), not on main's thread.
    expect(app.worker?.starts).toBe(1);
    expect(await dispatch('trackers/save', { name: 'right TO work', phrases: ['visa'] })).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', field: 'name', message: 'A tracker named "Right to work" already exists. Choose another name, or edit that one.' },
    });
    expect(await dispatch('trackers/save', { name: 'Pay', phrases: [] })).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', field: 'phrases', message: 'Add at least one word or phrase to look for, such as "salary, pay, rate".' },
    });
    expect(await dispatch('trackers/save', { name: 'Pay', phrases: ['(*)'] })).toMatchObject({
      ok: false,
      error: { field: 'phrases', message: '"(*)" has no letters or digits to look for.' },
    });
    expect(await dispatch('trackers/save', { id: 999, name: 'Pay', phrases: ['pay'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch('trackers/remove', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That tracker was not found. It may have been removed.' },
    });
    expect((await answer(dispatch, 'trackers/list')).map((t) => t.name)).toEqual(['Right to work']);
    await app.close();
    db.close();
  });
});
