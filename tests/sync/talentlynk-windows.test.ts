import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { getCheckpoint } from '../../electron/store/sync-state';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12);
const midnightBefore = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const dateOf = (iso: string) => iso.slice(0, 10);

/**
 * TalentLynk refuses more than 7 days of call logs a request, and its docs ask
 * for whole UTC days (00:00:00 to 23:59:59); the simulator normalises every
 * range to whole days and counts the limit in calendar dates, so a 7 x 24 h
 * window that starts mid-day (8 dates) is refused.
 */
describe('TalentLynk call logs are read in whole UTC days', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 1_200, days: 60, rateLimits: 'off' });
  const dataset = () => ctx.sim.datasets.talentlynk;

  function freshStore() {
    const db = openDatabase(tempDatabasePath());
    return { db, connection: addSimConnection(db, ctx.sim, 'talentlynk') };
  }

  /** The call-log requests since `first`, with their dates and the simulator's answer. */
  function callLogRequests(first: number) {
    return ctx.sim.requests
      .slice(first)
      .filter((r) => r.vendor === 'talentlynk' && r.url.includes('/reports/call-logs'))
      .map((r) => {
        const query = new URL(r.url, 'http://sim').searchParams;
        return { startDate: query.get('startDate') ?? '', endDate: query.get('endDate') ?? '', status: r.status };
      });
  }

  const storedIds = (db: ReturnType<typeof freshStore>['db']) =>
    db.prepare(`SELECT vendor_call_id FROM calls ORDER BY vendor_call_id`).pluck().all() as string[];
  const idsBetween = (fromMs: number, toMs: number) =>
    dataset()
      .callsBetween(fromMs, toMs)
      .map((c) => `call_${c.id}`)
      .sort();

  it("backfills in requests of at most 7 whole UTC dates, back to back, the last one ending on the run's own date", async () => {
    const { db, connection } = freshStore();
    const first = ctx.sim.requests.length;
    const { run } = await syncFromSim(db, ctx.sim, connection);
    expect(run).toMatchObject({ status: 'succeeded', errorMessage: null, warningCount: 0 });

    const requests = callLogRequests(first);
    expect(requests.map((r) => r.status)).toEqual(requests.map(() => 200));
    for (const { startDate, endDate } of requests) {
      expect(startDate).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
      expect(endDate).toMatch(/^\d{4}-\d{2}-\d{2}T23:59:59Z$/);
      expect((Date.parse(dateOf(endDate)) - Date.parse(dateOf(startDate))) / DAY_MS + 1).toBeLessThanOrEqual(7);
    }
    // 30 days back from mid-day touch 31 dates: five requests, each starting the day after the last ended.
    expect(requests).toHaveLength(5);
    expect(dateOf(requests[0]!.startDate)).toBe('2026-10-21');
    expect(dateOf(requests.at(-1)!.endDate)).toBe('2026-11-20');
    for (let i = 1; i < requests.length; i++) {
      expect(Date.parse(dateOf(requests[i]!.startDate)) - Date.parse(dateOf(requests[i - 1]!.endDate))).toBe(DAY_MS);
    }
    // Whole days, from the first day's midnight: every call of them once.
    expect(storedIds(db)).toEqual(idsBetween(midnightBefore(NOW - 30 * DAY_MS), NOW));
    db.close();
  });

  it('leaves the calls after the run\'s "now" on its last day to the next sync: none lost, none twice', async () => {
    const { db, connection } = freshStore();
    const earlier = NOW - 6 * HOUR;
    const from = midnightBefore(earlier - 30 * DAY_MS);
    // The vendor answers the whole last day, including calls after `earlier`: they must not count as read.
    expect(dataset().callsBetween(earlier, NOW).length).toBeGreaterThan(0);

    const first = await syncFromSim(db, ctx.sim, connection, { nowMs: earlier });
    expect(first.run.status).toBe('succeeded');
    expect(storedIds(db)).toEqual(idsBetween(from, earlier));
    expect(getCheckpoint(db, connection.id, 'calls')?.syncedThroughMs).toBe(earlier);

    const second = await syncFromSim(db, ctx.sim, connection, { nowMs: NOW });
    expect(second.run.status).toBe('succeeded');
    expect(storedIds(db)).toEqual(idsBetween(from, NOW));
    expect(getCheckpoint(db, connection.id, 'calls')?.syncedThroughMs).toBe(NOW);
    db.close();
  });
});
