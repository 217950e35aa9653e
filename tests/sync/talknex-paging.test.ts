import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/store/db';
import { openDatabase } from '../../electron/store/database';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

const NOW = Date.UTC(2026, 10, 20, 12);
const PAGE_STYLES = ['page', 'page-nested'] as const;
const STYLES = ['cursor', ...PAGE_STYLES] as const;

interface WarningRow {
  stream: string;
  vendor_record_id: string | null;
  message: string;
}

/**
 * Talknex publishes neither its list envelope nor its paging. Whatever the
 * envelope does, a sync must not stop early in silence: a repeated page, a
 * short page while the totals say more, or list records without the fields a
 * call needs become a warning in the run history (the run is 'partial'), and a
 * record the list gives only in part is completed from the call's detail.
 */
describe('Talknex paging, synced into a real store', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 900, days: 40, rateLimits: 'off' });
  const dataset = () => ctx.sim.datasets.talknex;
  afterEach(() => ctx.sim.faults.clear());

  function freshStore() {
    const db = openDatabase(tempDatabasePath());
    return { db, connection: addSimConnection(db, ctx.sim, 'talknex') };
  }
  /** The first sync reads 30 days back. */
  const expectedCalls = () => dataset().callsBetween(NOW - 30 * DAY_MS, NOW);
  const expectedIds = () =>
    expectedCalls()
      .map((c) => `call_${c.id}`)
      .sort();
  const storedIds = (db: Db) => db.prepare(`SELECT vendor_call_id FROM calls ORDER BY vendor_call_id`).pluck().all() as string[];
  const warningsOf = (db: Db, runId: number) =>
    db.prepare(`SELECT stream, vendor_record_id, message FROM sync_warnings WHERE run_id = ? ORDER BY id`).all(runId) as WarningRow[];
  const detailRequests = (first: number) => ctx.sim.requests.slice(first).filter((r) => r.vendor === 'talknex' && /^\/talknex\/v1\/calls\/[^/?]+/.test(r.url));

  for (const style of STYLES) {
    it(`${style} style: stores every call once and warns of nothing`, async () => {
      ctx.sim.faults.setVariant('talknex', 'paging', style);
      const { db, connection } = freshStore();
      const { run } = await syncFromSim(db, ctx.sim, connection);
      expect(run).toMatchObject({ status: 'succeeded', warningCount: 0 });
      expect(expectedIds().length).toBeGreaterThan(600);
      expect(storedIds(db)).toEqual(expectedIds());
      db.close();
    });

    it(`${style} style: a page that repeats the first one ends the read with a warning, and the run is partial`, async () => {
      ctx.sim.faults.setVariant('talknex', 'paging', style);
      ctx.sim.faults.setVariant('talknex', 'list-fault', 'repeat-page');
      const { db, connection } = freshStore();
      const { run } = await syncFromSim(db, ctx.sim, connection);
      expect(run).toMatchObject({ status: 'partial', warningCount: 1, errorMessage: null });
      // Only the first page (newest first) arrived.
      expect(storedIds(db)).toHaveLength(100);
      const [warning] = warningsOf(db, run.id);
      expect(warning).toMatchObject({ stream: 'calls', vendor_record_id: null });
      expect(warning!.message).toMatch(/^Talknex's call list stopped early \(2026-10-21 12:00 to 2026-11-20 12:00 UTC\): page 2 held only calls already read/);
      expect(warning!.message).toMatch(/Some calls of that time may be missing\.$/);
      if (style !== 'cursor') expect(warning!.message).toContain(`its totals said ${expectedIds().length} calls and 100 arrived`);
      db.close();
    });
  }

  for (const style of PAGE_STYLES) {
    it(`${style} style: reads past a short page while the totals say more, and warns of what never came`, async () => {
      ctx.sim.faults.setVariant('talknex', 'paging', style);
      ctx.sim.faults.setVariant('talknex', 'list-fault', 'short-page');
      const { db, connection } = freshStore();
      const { run } = await syncFromSim(db, ctx.sim, connection);
      expect(run).toMatchObject({ status: 'partial', warningCount: 1 });
      // Page 2 lost half its calls at the vendor; every later page was still read.
      const expected = expectedIds().length;
      expect(storedIds(db)).toHaveLength(expected - 50);
      const [warning] = warningsOf(db, run.id);
      expect(warning).toMatchObject({ stream: 'calls', vendor_record_id: null });
      expect(warning!.message).toContain(`its totals said ${expected} calls and ${expected - 50} arrived`);
      db.close();
    });

    it(`${style} style: pages capped below the limit asked are read on until the totals are met`, async () => {
      ctx.sim.faults.setVariant('talknex', 'paging', style);
      ctx.sim.faults.setVariant('talknex', 'list-fault', 'capped-pages');
      const { db, connection } = freshStore();
      const { run } = await syncFromSim(db, ctx.sim, connection);
      expect(run).toMatchObject({ status: 'succeeded', warningCount: 0 });
      expect(storedIds(db)).toEqual(expectedIds());
      db.close();
    });
  }

  /** What a sync stored, without local ids, write times or the raw vendor record. */
  function storedData(db: Db) {
    const calls = db
      .prepare(`SELECT * FROM calls ORDER BY vendor_call_id`)
      .all()
      .map((row) => {
        const { id: _id, raw_json: _raw, changed_at_ms: _changed, ...rest } = row as Record<string, unknown>;
        return rest;
      });
    const transcripts = db
      .prepare(
        `SELECT c.vendor_call_id, t.status, t.full_text, t.duration_seconds,
                (SELECT count(*) FROM utterances u WHERE u.call_id = c.id) AS utterances
         FROM transcripts t JOIN calls c ON c.id = t.call_id ORDER BY c.vendor_call_id`,
      )
      .all();
    return { calls, transcripts };
  }

  it("completes list records without status or createdAt from each call's detail, once per call", async () => {
    const reference = freshStore();
    expect((await syncFromSim(reference.db, ctx.sim, reference.connection)).run.status).toBe('succeeded');

    ctx.sim.faults.setVariant('talknex', 'list-fields', 'webhook');
    const { db, connection } = freshStore();
    const first = ctx.sim.requests.length;
    const { run } = await syncFromSim(db, ctx.sim, connection);
    expect(run).toMatchObject({ status: 'succeeded', warningCount: 0 });
    // The same calls and transcripts as from a list with every field.
    expect(storedData(db)).toEqual(storedData(reference.db));
    expect(db.prepare(`SELECT count(*) FROM transcripts WHERE status = 'completed'`).pluck().get()).toBeGreaterThan(200);
    // One detail a call; only calls still in progress are asked again, for their transcript.
    const live = expectedCalls().filter((c) => c.startedAtMs + c.totalSeconds * 1000 > NOW);
    expect(detailRequests(first)).toHaveLength(expectedCalls().length + live.length);
    reference.db.close();
    db.close();
  });

  it('skips with a warning a list record whose detail cannot fill the gap either, and the run is partial', async () => {
    ctx.sim.faults.setVariant('talknex', 'list-fields', 'webhook');
    const broken = expectedCalls()[40]!;
    // The record lacks createdAt in the list and in its detail.
    ctx.sim.faults.breakRecord('talknex', `call_${broken.id}`, 'missing-field');
    const { db, connection } = freshStore();
    const { run } = await syncFromSim(db, ctx.sim, connection);
    expect(run).toMatchObject({ status: 'partial', warningCount: 1 });
    expect(storedIds(db)).toEqual(expectedIds().filter((id) => id !== `call_${broken.id}`));
    const [warning] = warningsOf(db, run.id);
    expect(warning).toMatchObject({ stream: 'calls', vendor_record_id: `call_${broken.id}` });
    expect(warning!.message).toMatch(
      /^A Talknex call \(call_\w+\) could not be read and was skipped: status: .+ Its detail \(\/calls\/:id\) could not fill the gap: .*createdAt/,
    );
    db.close();
  });
});
