/**
 * TalkPilot's contract, changes to calls at any time: purges, the trash and restores, deletion
 * for good, staff's `done` ticks and "auto-delete done calls", as the simulated API and the
 * connector show them. The other talkpilot-*.contract.test.ts files cover field mapping,
 * paging and the connection, and errors and rate limits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SimCall } from '../../electron/simulator/dataset';
import { agentUuid, callUuid } from '../../electron/simulator/vendors/talkpilot';
import { readAll, simConnector, useSimulator } from '../helpers/simulator';
import { DAY_MS } from '../../shared/time';
import { NOW, apiGet, listAll, type Json } from './talkpilot-contract-setup';

describe('TalkPilot changes calls at any time: purges, trash, restores, deletion for good, auto-delete', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 600, days: 40, rateLimits: 'off' });
  afterEach(() => ctx.sim.talkpilot.reset());
  const dataset = () => ctx.sim.datasets.talkpilot;
  const agentIdOf = (call: SimCall) => agentUuid(dataset().agents[call.agentIndex]!);
  const refOf = (call: SimCall) => ({ vendorCallId: callUuid(call), userId: agentIdOf(call) });
  /** An old call with a transcript, untouched by the dataset's own purges and deletions. */
  const oldCall = (n: number) => dataset().calls.filter((c) => c.hasTranscript && !c.purged && c.deletedAtMs === null && c.startedAtMs < NOW - 20 * DAY_MS)[n]!;
  const detail = (call: SimCall) => apiGet(ctx.sim, `/agents/${agentIdOf(call)}/calls/${callUuid(call)}`);
  const listedIds = async (call: SimCall, query = '') => (await listAll(ctx.sim, agentIdOf(call), query)).calls.map((c) => c.id);
  const aroundIt = (call: SimCall) => ({ fromMs: call.startedAtMs, toMs: call.startedAtMs + 1 });

  it('purges an old call: number, transcript and recording answer null everywhere, and the connector drops them', async () => {
    const call = oldCall(0);
    expect((await detail(call)).body).toMatchObject({
      phone_number: call.contact.phone,
      transcript: expect.any(String),
      audio_file_url: expect.any(String),
      is_purged: false,
    });
    ctx.sim.talkpilot.purge(callUuid(call));
    expect((await detail(call)).body).toMatchObject({
      phone_number: null,
      transcript: null,
      audio_file_url: null,
      is_purged: true,
      customer_name: call.contact.name,
      updated_at: new Date(NOW).toISOString().replace('.000Z', 'Z'),
    });
    const listed = (await listAll(ctx.sim, agentIdOf(call))).calls.find((c) => c.id === callUuid(call));
    expect(listed).toMatchObject({ is_purged: true, phone_number: null });

    const { connector } = simConnector(ctx.sim, 'talkpilot');
    const { calls } = await readAll(connector, aroundIt(call));
    expect(calls.map((c) => c.call)).toEqual([
      expect.objectContaining({ vendorCallId: callUuid(call), isPurged: true, contactNumber: null, hasTranscript: false }),
    ]);
    expect(await connector.fetchTranscript(refOf(call))).toMatchObject({ state: 'none', call: { isPurged: true, recordingUrl: null } });
  });

  it('moves a call to the trash and restores it: the default list, include_deleted, the totals and the connector follow', async () => {
    const call = oldCall(1);
    const before = await listAll(ctx.sim, agentIdOf(call));
    ctx.sim.talkpilot.trash(callUuid(call));
    const after = await listAll(ctx.sim, agentIdOf(call));
    expect(after.total).toBe(before.total - 1);
    expect(after.calls.map((c) => c.id)).not.toContain(callUuid(call));
    const withDeleted = (await listAll(ctx.sim, agentIdOf(call), 'include_deleted=true')).calls.find((c) => c.id === callUuid(call));
    expect(withDeleted).toMatchObject({ deleted_at: new Date(NOW).toISOString().replace('.000Z', 'Z') });
    expect((await detail(call)).status).toBe(200); // in the trash, not gone

    const { connector } = simConnector(ctx.sim, 'talkpilot');
    expect((await readAll(connector, aroundIt(call))).calls.map((c) => c.call.deletedAtMs)).toEqual([NOW]);

    ctx.sim.talkpilot.restore(callUuid(call));
    expect((await listAll(ctx.sim, agentIdOf(call))).total).toBe(before.total);
    expect((await readAll(connector, aroundIt(call))).calls.map((c) => c.call.deletedAtMs)).toEqual([null]);

    // The dataset's own soft-deleted calls come back the same way.
    const deleted = dataset().calls.find((c) => c.deletedAtMs !== null && c.deletedAtMs <= NOW)!;
    expect(await listedIds(deleted)).not.toContain(callUuid(deleted));
    ctx.sim.talkpilot.restore(callUuid(deleted));
    expect(await listedIds(deleted)).toContain(callUuid(deleted));
  });

  it('deletes a call for good: gone from every list (include_deleted too), its detail 404, yet it still happened', async () => {
    const call = oldCall(2);
    const range = { fromMs: NOW - 40 * DAY_MS, toMs: NOW };
    const happened = ctx.sim.talkpilot.callsThatHappened(range);
    const before = await listAll(ctx.sim, agentIdOf(call), 'include_deleted=true');
    ctx.sim.talkpilot.trash(callUuid(call));
    ctx.sim.talkpilot.deleteForever(callUuid(call));
    const after = await listAll(ctx.sim, agentIdOf(call), 'include_deleted=true');
    expect(after.total).toBe(before.total - 1);
    expect(after.calls.map((c) => c.id)).not.toContain(callUuid(call));
    expect(await detail(call)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });

    const { connector } = simConnector(ctx.sim, 'talkpilot');
    expect((await readAll(connector, aroundIt(call))).calls).toEqual([]);
    expect(await connector.fetchTranscript(refOf(call))).toEqual({ state: 'none' });

    // A call deleted for good was still made: activity counts it, unless asked for what the API can still show.
    expect(ctx.sim.talkpilot.callsThatHappened(range)).toEqual(happened);
    const visible = ctx.sim.talkpilot.callsThatHappened(range, { includeDeletedForever: false });
    expect(visible.find((a) => a.agentId === agentIdOf(call))!.calls).toBe(happened.find((a) => a.agentId === agentIdOf(call))!.calls - 1);
  });

  it('counts the calls that happened per agent: trashed and purged ones included, each answered or missed', () => {
    const range = { fromMs: NOW - 10 * DAY_MS, toMs: NOW - 2 * DAY_MS };
    const [purged, trashed] = [oldCall(3), oldCall(4)].map(callUuid) as [string, string];
    const before = ctx.sim.talkpilot.callsThatHappened(range);
    ctx.sim.talkpilot.purge(purged);
    ctx.sim.talkpilot.trash(trashed);
    expect(ctx.sim.talkpilot.callsThatHappened(range)).toEqual(before);
    const inRange = dataset().callsBetween(range.fromMs, range.toMs);
    expect(before.map((a) => a.calls)).toEqual(dataset().agents.map((agent) => inRange.filter((c) => c.agentIndex === agent.index).length));
    expect(before.map((a) => a.missed)).toEqual(
      dataset().agents.map((agent) => inRange.filter((c) => c.agentIndex === agent.index && c.outcome === 'missed').length),
    );
    expect(before.every((a) => a.answered + a.missed === a.calls && a.missed > 0)).toBe(true);
  });

  it('ticks and unticks calls: the `done` filter, updated_at and the connector follow', async () => {
    const call = dataset().calls.find((c) => c.startedAtMs < NOW - 20 * DAY_MS && !ctx.sim.talkpilot.stateOf(c).done && c.deletedAtMs === null)!;
    expect(await listedIds(call, 'done=false')).toContain(callUuid(call));
    ctx.sim.talkpilot.markDone(callUuid(call), true);
    expect(await listedIds(call, 'done=true')).toContain(callUuid(call));
    expect(await listedIds(call, 'done=false')).not.toContain(callUuid(call));
    const { connector } = simConnector(ctx.sim, 'talkpilot');
    expect((await readAll(connector, aroundIt(call))).calls.map((c) => [c.call.isProcessed, c.call.vendorUpdatedAtMs])).toEqual([[true, NOW]]);
    ctx.sim.talkpilot.markDone(callUuid(call), false);
    expect((await readAll(connector, aroundIt(call))).calls.map((c) => c.call.isProcessed)).toEqual([false]);
  });

  it('"auto-delete done calls" moves every processed call to the trash, and each later tick; switched off, the trash stays', async () => {
    const agent = dataset().agents[1]!;
    const agentId = agentUuid(agent);
    const done = await listAll(ctx.sim, agentId, 'done=true');
    const notDone = await listAll(ctx.sim, agentId, 'done=false');
    expect(done.total).toBeGreaterThan(50);
    ctx.sim.talkpilot.setAutoDeleteDone(true);
    expect((await listAll(ctx.sim, agentId, 'done=true')).total).toBe(0);
    expect((await listAll(ctx.sim, agentId, 'done=false')).total).toBe(notDone.total);
    const trashed = await listAll(ctx.sim, agentId, 'done=true&include_deleted=true');
    expect(trashed.calls.map((c) => c.id).sort()).toEqual(expect.arrayContaining(done.calls.map((c) => c.id)));
    expect(trashed.calls.every((c) => c.deleted_at !== null)).toBe(true);

    const [first, second] = notDone.calls as [Json, Json];
    ctx.sim.talkpilot.markDone(String(first.id), true);
    expect((await listAll(ctx.sim, agentId, 'done=false')).total).toBe(notDone.total - 1);
    expect((await listAll(ctx.sim, agentId)).calls.map((c) => c.id)).not.toContain(first.id);

    ctx.sim.talkpilot.setAutoDeleteDone(false);
    expect((await listAll(ctx.sim, agentId, 'done=true')).total).toBe(0);
    ctx.sim.talkpilot.markDone(String(second.id), true);
    expect((await listAll(ctx.sim, agentId, 'done=true')).calls.map((c) => c.id)).toEqual([second.id]);
  });

  it('refuses ids it does not have, so a test cannot change nothing by mistake', () => {
    expect(() => ctx.sim.talkpilot.purge('00000000-0000-4000-8000-000000000000')).toThrow(/has no call/);
    expect(() => ctx.sim.talkpilot.setKeyLimits({ perMinute: 10, perHour: 100 }, 'tp_live_nope')).toThrow(/no such key/);
    expect(() => ctx.sim.talkpilot.setKeyLimits({ perMinute: 0, perHour: 100 })).toThrow(/at least 1/);
  });
});
