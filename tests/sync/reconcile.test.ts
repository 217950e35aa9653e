import { afterEach, describe, expect, it } from 'vitest';
import type { SimCall } from '../../electron/simulator/dataset';
import { callUuid } from '../../electron/simulator/vendors/talkpilot-ids';
import { activityTotals } from '../../electron/store/activity-totals';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { getReconcilePass } from '../../electron/store/reconcile';
import { shouldReconcile } from '../../electron/sync/engine';
import { useSimulator } from '../helpers/simulator';
import { assertIndexesIntact } from '../helpers/store';
import { addSimConnection, syncedData, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

/**
 * Reconciliation against the simulator's TalkPilot account, whose calls a test
 * can purge, move to the trash, restore or delete for good at any time (as
 * TalkPilot's docs say staff, and "auto-delete done calls", do), also long
 * after the two-day lookback of an ordinary sync has passed them by.
 */

const NOW = Date.UTC(2026, 10, 20, 12);
const BACKFILL_FROM = NOW - 30 * DAY_MS;

interface StoredCall {
  contact_number: string | null;
  contact_name: string | null;
  summary: string | null;
  recording_url: string | null;
  deleted_at_ms: number | null;
  gone_at_ms: number | null;
  is_purged: number;
  raw_json: string;
  transcript: number;
}

function stored(db: Db, call: SimCall): StoredCall {
  return db
    .prepare(
      `SELECT contact_number, contact_name, summary, recording_url, deleted_at_ms, gone_at_ms, is_purged, raw_json,
         (SELECT count(*) FROM transcripts t WHERE t.call_id = calls.id) AS transcript
       FROM calls WHERE vendor_call_id = ?`,
    )
    .get(callUuid(call)) as StoredCall;
}

function freshStore(sim: ReturnType<typeof useSimulator>['sim']) {
  const db = openDatabase(tempDatabasePath());
  return { db, connection: addSimConnection(db, sim, 'talkpilot') };
}

describe('reconciliation: re-reading the whole synced range', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 1_500, days: 40, rateLimits: 'off' });
  afterEach(() => ctx.sim.talkpilot.reset());
  const account = () => ctx.sim.talkpilot;
  const dataset = () => ctx.sim.datasets.talkpilot;

  /** Calls well past the lookback, each in a state a change can show. */
  function oldCalls() {
    const old = dataset().callsBetween(BACKFILL_FROM + DAY_MS, NOW - 5 * DAY_MS);
    const live = old.filter((c) => {
      const state = account().stateOf(c);
      return !state.purged && state.deletedAtMs === null && state.durationSeconds > 60 && c.hasTranscript;
    });
    const trashed = old.find((c) => account().stateOf(c).deletedAtMs !== null && !account().stateOf(c).purged);
    const [toPurge, toTrash, toDelete] = live;
    if (!toPurge || !toTrash || !toDelete || !trashed) throw new Error('the dataset lacks the calls this test needs');
    return { toPurge, toTrash, toDelete, trashed };
  }

  it('brings purges, trash, restores and deletions of old calls home; an ordinary sync cannot see them', async () => {
    const { db, connection } = freshStore(ctx.sim);
    expect((await syncFromSim(db, ctx.sim, connection)).run.status).toBe('succeeded');
    const { toPurge, toTrash, toDelete, trashed } = oldCalls();
    expect(stored(db, toPurge)).toMatchObject({ transcript: 1, is_purged: 0 });
    expect(stored(db, toPurge).contact_number).not.toBeNull();
    expect(stored(db, trashed).deleted_at_ms).not.toBeNull();

    account().purge(callUuid(toPurge));
    account().trash(callUuid(toTrash));
    account().restore(callUuid(trashed));
    account().deleteForever(callUuid(toDelete));

    // Two days back is all an ordinary sync reads: these changes are older.
    const ordinary = await syncFromSim(db, ctx.sim, connection);
    expect(ordinary.run.reconcile).toBe(false);
    expect(stored(db, toPurge).contact_number).not.toBeNull();
    expect(stored(db, toDelete).gone_at_ms).toBeNull();

    const { run } = await syncFromSim(db, ctx.sim, connection, { reconcile: true });
    expect(run).toMatchObject({ status: 'succeeded', reconcile: true, callsGone: 1 });

    expect(stored(db, toPurge)).toMatchObject({ is_purged: 1, contact_number: null, recording_url: null, transcript: 0 });
    expect(stored(db, toTrash).deleted_at_ms).toBe(NOW);
    expect(stored(db, trashed).deleted_at_ms).toBeNull();
    expect(stored(db, toDelete)).toMatchObject({
      gone_at_ms: NOW,
      // Hidden with the deleted calls, unless they are asked for.
      deleted_at_ms: NOW,
      contact_name: null,
      contact_number: null,
      summary: null,
      recording_url: null,
      transcript: 0,
      raw_json: '{"gone":true}',
    });
    // Nothing else was judged gone.
    expect(db.prepare(`SELECT count(*) FROM calls WHERE gone_at_ms IS NOT NULL`).pluck().get()).toBe(1);
    assertIndexesIntact(db);
    // Its personal data is out of the search index too.
    const name = toDelete.contact.name.split(' ')[1] ?? toDelete.contact.name;
    const hits = db.prepare(`SELECT rowid FROM calls_fts WHERE calls_fts MATCH ?`).pluck().all(`"${name}"`) as number[];
    const goneId = db.prepare(`SELECT id FROM calls WHERE vendor_call_id = ?`).pluck().get(callUuid(toDelete));
    expect(hits).not.toContain(goneId);

    // A second pass finds nothing new and writes nothing.
    const again = await syncFromSim(db, ctx.sim, connection, { reconcile: true });
    expect(again.run).toMatchObject({ status: 'succeeded', callsGone: 0, callsWritten: 0 });
    db.close();
  });

  it("counts every call that happened in TalkPilot's activity, trashed and deleted ones included, or only those still there when asked", async () => {
    const { db, connection } = freshStore(ctx.sim);
    await syncFromSim(db, ctx.sim, connection);
    const { toTrash, toDelete } = oldCalls();
    account().setAutoDeleteDone(true);
    account().trash(callUuid(toTrash));
    account().deleteForever(callUuid(toDelete));
    await syncFromSim(db, ctx.sim, connection, { reconcile: true });

    const range = { fromDay: '2026-10-21', toDay: '2026-11-20', fromMs: BACKFILL_FROM, toMs: NOW, connectionId: connection.id };
    const ours = activityTotals(db, range, false);
    const theirs = account()
      .callsThatHappened({ fromMs: BACKFILL_FROM, toMs: NOW })
      .filter((a) => a.calls > 0);
    expect(ours.map((r) => ({ agentId: r.userId, calls: r.inboundCalls + r.outboundCalls + r.missedCalls + r.noAnswerCalls, missed: r.missedCalls }))).toEqual(
      theirs
        .map((a) => ({ agentId: a.agentId, calls: a.calls, missed: a.missed }))
        .sort((a, b) => ours.findIndex((r) => r.userId === a.agentId) - ours.findIndex((r) => r.userId === b.agentId)),
    );

    const stillThere = activityTotals(db, { ...range, excludeDeleted: true }, false);
    const count = (rows: typeof ours) => rows.reduce((n, r) => n + r.inboundCalls + r.outboundCalls + r.missedCalls + r.noAnswerCalls, 0);
    const removed = db
      .prepare(`SELECT count(*) FROM calls WHERE started_at_ms >= ? AND (deleted_at_ms IS NOT NULL OR gone_at_ms IS NOT NULL)`)
      .pluck()
      .get(BACKFILL_FROM) as number;
    expect(removed).toBeGreaterThan(2);
    expect(count(stillThere)).toBe(count(ours) - removed);
    db.close();
  });

  it('resumes a stopped pass at its last whole week, and ends where an unstopped pass ends', async () => {
    const stopped = freshStore(ctx.sim);
    const straight = freshStore(ctx.sim);
    await syncFromSim(stopped.db, ctx.sim, stopped.connection);
    await syncFromSim(straight.db, ctx.sim, straight.connection);
    const { toDelete, toPurge } = oldCalls();
    account().deleteForever(callUuid(toDelete));
    account().purge(callUuid(toPurge));

    const controller = new AbortController();
    const first = await syncFromSim(stopped.db, ctx.sim, stopped.connection, {
      reconcile: true,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.window && p.window.index === 3) controller.abort();
      },
    });
    expect(first.run.status).toBe('cancelled');
    const pass = getReconcilePass(stopped.db, stopped.connection.id);
    expect(pass?.completedAtMs).toBeNull();
    expect(pass!.throughMs).toBe(pass!.fromMs + 14 * DAY_MS);

    // No flag: the stopped pass resumes by itself, from where it stopped.
    const before = ctx.sim.requests.length;
    const second = await syncFromSim(stopped.db, ctx.sim, stopped.connection);
    expect(second.run).toMatchObject({ status: 'succeeded', reconcile: true });
    const froms = ctx.sim.requests
      .slice(before)
      .map((r) => new URL(r.url, 'http://sim').searchParams.get('from'))
      .filter((f): f is string => f !== null)
      .map((f) => Date.parse(f) + 1);
    expect(Math.min(...froms)).toBe(pass!.throughMs);
    expect(getReconcilePass(stopped.db, stopped.connection.id)?.completedAtMs).toBe(NOW);

    await syncFromSim(straight.db, ctx.sim, straight.connection, { reconcile: true });
    expect(syncedData(stopped.db, { ignore: ['write-times', 'signed-links'] })).toEqual(syncedData(straight.db, { ignore: ['write-times', 'signed-links'] }));
    stopped.db.close();
    straight.db.close();
  });

  it('is due in the app a week after the connection was added, then a week after each completed pass', async () => {
    const { db, connection } = freshStore(ctx.sim);
    const added = connection.createdAtMs;
    expect(shouldReconcile(db, connection, 'when-due', added + 6 * DAY_MS)).toBe(false);
    expect(shouldReconcile(db, connection, 'when-due', added + 7 * DAY_MS)).toBe(true);
    expect(shouldReconcile(db, connection, undefined, added + 30 * DAY_MS)).toBe(false);
    expect(shouldReconcile(db, connection, true, added)).toBe(true);
    await syncFromSim(db, ctx.sim, connection);
    await syncFromSim(db, ctx.sim, connection, { reconcile: true });
    expect(shouldReconcile(db, connection, 'when-due', NOW + 6 * DAY_MS)).toBe(false);
    expect(shouldReconcile(db, connection, 'when-due', NOW + 7 * DAY_MS)).toBe(true);
    db.close();
  });
});
