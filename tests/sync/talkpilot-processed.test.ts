import { afterEach, describe, expect, it } from 'vitest';
import { CallListRequestSchema, type CallListRequest } from '../../shared/calls';
import { describeCallQuery } from '../../electron/reports/describe-query';
import type { SimCall } from '../../electron/simulator/dataset';
import type { Simulator } from '../../electron/simulator/server';
import { callUuid } from '../../electron/simulator/vendors/talkpilot';
import { countCalls, listCalls } from '../../electron/store/call-list';
import { planCallList } from '../../electron/store/call-list-plan';
import { upsertCalls } from '../../electron/store/calls';
import { addConnection } from '../../electron/store/connections';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { makeCall } from '../helpers/fixtures';
import { firstPage, queryPlanLine } from '../helpers/query-plan';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12);

function freshStore(sim: Simulator) {
  const db = openDatabase(tempDatabasePath());
  return { db, connection: addSimConnection(db, sim, 'talkpilot') };
}

/** Detail requests (one call each) the simulator received since `from`, by call id. */
function detailReads(sim: Simulator, from: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of sim.requests.slice(from)) {
    const match = request.vendor === 'talkpilot' ? /\/agents\/[^/]+\/calls\/([^/?]+)/.exec(request.url) : null;
    if (match?.[1]) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  }
  return counts;
}

interface StoredCall {
  vendor_call_id: string;
  status: string;
  vendor_status: string | null;
  is_processed: number | null;
  transcript_status: string | null;
}

const storedCalls = (db: Db): StoredCall[] =>
  db
    .prepare(
      `SELECT c.vendor_call_id, c.status, c.vendor_status, c.is_processed, t.status AS transcript_status
       FROM calls c LEFT JOIN transcripts t ON t.call_id = c.id`,
    )
    .all() as StoredCall[];

/** Every call id the table selects with these filters (deleted calls included, so the tick alone decides). */
function selectedIds(db: Db, filters: CallListRequest['filters']): string[] {
  const query = CallListRequestSchema.parse({ filters: { includeDeleted: true, ...filters }, limit: 500 });
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const { rows } = listCalls(db, { ...query, offset });
    ids.push(...rows.map((r) => r.vendorCallId));
    if (rows.length < 500) return ids.sort();
  }
}

describe('syncing TalkPilot: `done` is staff\'s "processed" tick, kept apart from the outcome', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 900, days: 40, rateLimits: 'off' });
  afterEach(() => ctx.sim.talkpilot.reset());
  const dataset = () => ctx.sim.datasets.talkpilot;
  const byId = () => new Map(dataset().calls.map((c) => [callUuid(c), c]));
  const stateOf = (id: string) => ctx.sim.talkpilot.stateOf(byId().get(id)!);

  it('stores each finished call with its real outcome and its tick, and reads each detail once: none again at the next sync', async () => {
    const { db, connection } = freshStore(ctx.sim);
    const start = ctx.sim.requests.length;
    const first = await syncFromSim(db, ctx.sim, connection);
    expect(first.run).toMatchObject({ status: 'succeeded', warningCount: 0 });

    const stored = storedCalls(db);
    expect(stored).toHaveLength(dataset().callsBetween(NOW - 30 * DAY_MS, NOW).length);
    for (const call of stored) {
      const state = stateOf(call.vendor_call_id);
      expect(call.is_processed, call.vendor_call_id).toBe(state.done ? 1 : 0);
      expect(call.status, call.vendor_call_id).toBe(state.durationSeconds > 0 ? 'answered' : 'missed');
    }
    const unticked = stored.filter((c) => c.is_processed === 0);
    expect(unticked.length).toBeGreaterThan(60);
    // Unticked calls with a conversation got their transcript like any other: done=false is no reason to wait.
    const untickedWithTranscript = unticked.filter((c) => {
      const state = stateOf(c.vendor_call_id);
      return state.call.hasTranscript && !state.purged;
    });
    expect(untickedWithTranscript.length).toBeGreaterThan(30);
    expect(untickedWithTranscript.every((c) => c.transcript_status === 'completed')).toBe(true);
    expect(stored.filter((c) => c.transcript_status === 'processing')).toEqual([]);

    // Each call's detail was asked for once (purged calls, which have nothing to give, not at all).
    const firstReads = detailReads(ctx.sim, start);
    expect([...firstReads.values()].every((n) => n === 1)).toBe(true);
    expect(untickedWithTranscript.every((c) => firstReads.has(c.vendor_call_id))).toBe(true);

    // The next sync re-reads the lookback's lists, and asks for no transcript again.
    const before = ctx.sim.requests.length;
    const second = await syncFromSim(db, ctx.sim, connection);
    expect(second.run).toMatchObject({ status: 'succeeded', callsWritten: 0, transcriptsWritten: 0 });
    expect(detailReads(ctx.sim, before)).toEqual(new Map());
    db.close();
  });

  it('filters by the tick: exactly the ticked calls, or exactly the unticked; calls of vendors without one match neither', async () => {
    const { db, connection } = freshStore(ctx.sim);
    await syncFromSim(db, ctx.sim, connection);
    const other = addConnection(db, { vendor: 'talentlynk', label: 'Recruiters' });
    upsertCalls(db, other.id, [makeCall(1, { startedAtMs: NOW - DAY_MS }), makeCall(2, { startedAtMs: NOW - 2 * DAY_MS })]);

    const synced = dataset().callsBetween(NOW - 30 * DAY_MS, NOW);
    const ids = (keep: (c: SimCall) => boolean) => synced.filter(keep).map(callUuid).sort();
    const ticked = ids((c) => ctx.sim.talkpilot.stateOf(c).done);
    const unticked = ids((c) => !ctx.sim.talkpilot.stateOf(c).done);
    expect(ticked.length).toBeGreaterThan(100);
    expect(unticked.length).toBeGreaterThan(60);
    expect(selectedIds(db, { processed: true })).toEqual(ticked);
    expect(selectedIds(db, { processed: false })).toEqual(unticked);
    expect(selectedIds(db, {})).toHaveLength(ticked.length + unticked.length + 2);
    expect(countCalls(db, CallListRequestSchema.parse({ filters: { processed: false, includeDeleted: true } }))).toBe(unticked.length);

    // The filter reads its own index, newest first, like every other filter.
    const plan = queryPlanLine(db, firstPage(planCallList(CallListRequestSchema.parse({ filters: { processed: false } }))));
    expect(plan).toMatch(/SEARCH c USING INDEX calls_by_processed \(is_processed=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);

    // The report's "About" sheet says so.
    const describe = (processed: boolean) => describeCallQuery(db, { filters: { processed }, sort: { column: 'startedAt', direction: 'desc' } });
    expect(describe(true)).toContain('Only calls marked processed at the vendor');
    expect(describe(false)).toContain('Only calls not marked processed at the vendor');
    db.close();
  });

  it('takes a tick or an untick made at TalkPilot after a sync at the next sync, without asking for the transcript again', async () => {
    const { db, connection } = freshStore(ctx.sim);
    await syncFromSim(db, ctx.sim, connection);
    // Inside the next sync's lookback (two days), away from its edge.
    const recent = dataset().callsBetween(NOW - DAY_MS, NOW - HOUR);
    const toTick = recent.find((c) => !ctx.sim.talkpilot.stateOf(c).done && ctx.sim.talkpilot.stateOf(c).deletedAtMs === null)!;
    const toUntick = recent.find((c) => ctx.sim.talkpilot.stateOf(c).done && ctx.sim.talkpilot.stateOf(c).deletedAtMs === null)!;
    ctx.sim.talkpilot.markDone(callUuid(toTick), true);
    ctx.sim.talkpilot.markDone(callUuid(toUntick), false);

    const before = ctx.sim.requests.length;
    const { run } = await syncFromSim(db, ctx.sim, connection);
    expect(run).toMatchObject({ status: 'succeeded', callsWritten: 2, transcriptsWritten: 0 });
    const processed = (c: SimCall) => db.prepare(`SELECT is_processed, status FROM calls WHERE vendor_call_id = ?`).get(callUuid(c));
    expect(processed(toTick)).toEqual({ is_processed: 1, status: ctx.sim.talkpilot.stateOf(toTick).durationSeconds > 0 ? 'answered' : 'missed' });
    expect(processed(toUntick)).toMatchObject({ is_processed: 0 });
    expect(detailReads(ctx.sim, before)).toEqual(new Map());
    db.close();
  });
});

describe('syncing TalkPilot calls that ended minutes ago', () => {
  // The simulated "now" is the real one: the connector judges "just ended" by when the answer arrived.
  const ctx = useSimulator({ nowMs: Date.now(), calls: 200, days: 1, rateLimits: 'off' });

  it('asks again only for the calls whose transcript may still be coming, and none of the others', async () => {
    const db = openDatabase(tempDatabasePath());
    const connection = addSimConnection(db, ctx.sim, 'talkpilot');
    await syncFromSim(db, ctx.sim, connection);
    const states = ctx.sim.datasets.talkpilot.calls.map((c) => ctx.sim.talkpilot.stateOf(c));
    const coming = states.filter((s) => !s.analysed && s.call.hasTranscript && !s.purged);
    expect(coming.length).toBeGreaterThan(0);
    const transcriptOf = (s: (typeof states)[number]) =>
      db.prepare(`SELECT t.status FROM calls c JOIN transcripts t ON t.call_id = c.id WHERE c.vendor_call_id = ?`).pluck().get(callUuid(s.call));
    expect(coming.map(transcriptOf)).toEqual(coming.map(() => 'processing'));

    const before = ctx.sim.requests.length;
    await syncFromSim(db, ctx.sim, connection);
    const asked = [...detailReads(ctx.sim, before).keys()];
    expect(asked).toEqual(expect.arrayContaining(coming.map((s) => callUuid(s.call))));
    // Only calls that ended within the connector's wait (an hour), never an older one.
    const endedAt = new Map(states.map((s) => [callUuid(s.call), s.endedAtMs]));
    expect(asked.every((id) => (endedAt.get(id) ?? 0) > Date.now() - HOUR - 60_000)).toBe(true);
    db.close();
  });
});
