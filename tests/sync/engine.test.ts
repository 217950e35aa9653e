import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VENDOR_INFO, VENDORS, type Vendor } from '../../shared/vendors';
import { openDatabase } from '../../electron/store/database';
import { advanceCheckpoint, getCheckpoint, listSyncRuns } from '../../electron/store/sync-state';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncedData, syncFromSim } from '../helpers/sync';
import { assertIndexesIntact } from '../helpers/store';
import { tempDatabasePath } from '../helpers/temp';
import { injectRecoverableFaults } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';

const NOW = Date.UTC(2026, 10, 20, 12);

function freshStore(sim: ReturnType<typeof useSimulator>['sim'], vendor: Vendor) {
  const file = tempDatabasePath();
  const db = openDatabase(file);
  return { file, db, connection: addSimConnection(db, sim, vendor) };
}

describe('syncing from the simulator', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 1_200, days: 60, rateLimits: 'off' });

  for (const vendor of VENDORS) {
    it(`${vendor}: backfills 30 days of calls, their transcripts and activity, and a second sync changes nothing`, async () => {
      const { db, connection } = freshStore(ctx.sim, vendor);
      const { run } = await syncFromSim(db, ctx.sim, connection);
      expect(run).toMatchObject({ status: 'succeeded', errorMessage: null, warningCount: 0 });

      // Vendors that filter by whole days (Talkover, TalentLynk) have their first day read from midnight.
      const from = VENDOR_INFO[vendor].wholeDays ? Math.floor((NOW - 30 * DAY_MS) / DAY_MS) * DAY_MS : NOW - 30 * DAY_MS;
      const expected = ctx.sim.datasets[vendor].callsBetween(from, NOW);
      const stored = db.prepare(`SELECT count(*) FROM calls WHERE connection_id = ?`).pluck().get(connection.id);
      expect(stored).toBe(expected.length);
      expect(run.callsWritten).toBeGreaterThanOrEqual(expected.length);
      // The history counts what a user would: every stored call new once, however often it was written.
      expect(run.callsNew).toBe(expected.length);
      expect(getCheckpoint(db, connection.id, 'calls')?.syncedThroughMs).toBe(NOW);

      const transcripts = db.prepare(`SELECT count(*) FROM transcripts WHERE status = 'completed'`).pluck().get() as number;
      if (vendor === 'talkover')
        expect(transcripts).toBe(0); // Talkover has no transcripts
      else expect(transcripts).toBeGreaterThan(expected.length / 3);
      const activityDays = db.prepare(`SELECT count(DISTINCT day) FROM user_activity`).pluck().get();
      expect(activityDays).toBe(vendor === 'talentlynk' ? 31 : 0);

      const once = syncedData(db);
      const second = await syncFromSim(db, ctx.sim, connection);
      expect(second.run).toMatchObject({ status: 'succeeded', callsNew: 0, transcriptsWritten: 0, activityRowsWritten: 0 });
      // Only a re-fetched signed recording link (TalkPilot, for calls still processing) may change.
      expect(second.run.callsWritten).toBeLessThanOrEqual(db.prepare(`SELECT count(*) FROM transcripts WHERE status = 'processing'`).pluck().get() as number);
      expect(syncedData(db, { ignore: ['signed-links'] })).toEqual(syncedData(db, { ignore: ['signed-links'], from: once }));
      assertIndexesIntact(db);
      db.close();
    });
  }

  it('reads from the checkpoint less the lookback on later syncs, not from the start again', async () => {
    const { db, connection } = freshStore(ctx.sim, 'talentlynk');
    await syncFromSim(db, ctx.sim, connection);
    const { connector } = await syncFromSim(db, ctx.sim, connection, { nowMs: NOW + 60_000 });
    // 2-day lookback: one call-log request, one transcript pass, three activity days.
    const paths = ctx.sim.requests.slice(-connector.requestCount).map((r) => new URL(r.url, 'http://x').pathname);
    expect(paths.filter((p) => p.endsWith('/call-logs'))).toHaveLength(1);
    expect(paths.filter((p) => p.endsWith('/user-activity'))).toHaveLength(3);
    db.close();
  });

  it('fetches nothing for a checkpoint in the future', async () => {
    const { db, connection } = freshStore(ctx.sim, 'talentlynk');
    advanceCheckpoint(db, connection.id, 'calls', NOW + 10 * DAY_MS);
    advanceCheckpoint(db, connection.id, 'activity', NOW + 10 * DAY_MS);
    const { run, connector } = await syncFromSim(db, ctx.sim, connection);
    expect(connector.requestCount).toBe(0);
    expect(run.status).toBe('succeeded');
    expect(db.prepare(`SELECT count(*) FROM calls`).pluck().get()).toBe(0);
    db.close();
  });

  it('completes through 429s, 500s and resets, losing only the broken records, each reported', async () => {
    const { db, connection } = freshStore(ctx.sim, 'talknex');
    const window = ctx.sim.datasets.talknex.callsBetween(NOW - 30 * DAY_MS, NOW);
    const broken = [window[5]!, window[50]!];
    for (const call of broken) ctx.sim.faults.breakRecord('talknex', `call_${call.id}`, 'wrong-type');
    injectRecoverableFaults(ctx.sim, 'talknex');
    ctx.sim.faults.inject('talknex', { kind: 'status', status: 503 }, { times: 2, pathIncludes: '/calls/' });
    const { run } = await syncFromSim(db, ctx.sim, connection);
    ctx.sim.faults.clear();
    expect(run).toMatchObject({ status: 'partial', warningCount: 2, errorMessage: null });
    const storedIds = db.prepare(`SELECT vendor_call_id FROM calls`).pluck().all();
    expect(storedIds.sort()).toEqual(
      window
        .filter((c) => !broken.includes(c))
        .map((c) => `call_${c.id}`)
        .sort(),
    );
    const warnings = db.prepare(`SELECT vendor_record_id, message FROM sync_warnings WHERE run_id = ?`).all(run.id) as {
      vendor_record_id: string;
      message: string;
    }[];
    expect(warnings.map((w) => w.vendor_record_id).sort()).toEqual(broken.map((c) => `call_${c.id}`).sort());
    expect(warnings[0]?.message).toMatch(/could not be read and was skipped: duration/);
    db.close();
  });

  it('records a failure in plain words and keeps what was already stored', async () => {
    const { db, connection } = freshStore(ctx.sim, 'talkover');
    await syncFromSim(db, ctx.sim, connection);
    const before = syncedData(db);
    ctx.sim.faults.inject('talkover', { kind: 'status', status: 500 }, { times: 50 });
    const { run } = await syncFromSim(db, ctx.sim, connection, { nowMs: NOW + 60_000, connector: { http: { retries: 1 } } });
    ctx.sim.faults.clear();
    expect(run).toMatchObject({ status: 'failed', errorMessage: expect.stringMatching(/^Talkover had a server problem at \/calls \(500\) after 2 tries/) });
    expect(syncedData(db)).toEqual(before);
    expect(getCheckpoint(db, connection.id, 'calls')?.syncedThroughMs).toBe(NOW);
    db.close();
  });

  it('marks purged calls: phone number, recording and transcript go, locally too', async () => {
    const { db, connection } = freshStore(ctx.sim, 'talkpilot');
    await syncFromSim(db, ctx.sim, connection);
    const purged = db.prepare(`SELECT contact_number, recording_url FROM calls WHERE is_purged = 1`).all() as {
      contact_number: unknown;
      recording_url: unknown;
    }[];
    expect(purged.length).toBeGreaterThan(0);
    expect(purged.every((c) => c.contact_number === null && c.recording_url === null)).toBe(true);
    const purgedTranscripts = db.prepare(`SELECT count(*) FROM transcripts WHERE call_id IN (SELECT id FROM calls WHERE is_purged = 1)`).pluck().get();
    expect(purgedTranscripts).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM calls WHERE deleted_at_ms IS NOT NULL`).pluck().get()).toBeGreaterThan(0);
    db.close();
  });

  it('never writes the key to the database file or its WAL', async () => {
    const { db, file, connection } = freshStore(ctx.sim, 'talkpilot');
    await syncFromSim(db, ctx.sim, connection);
    const key = ctx.sim.credentials.talkpilot.apiKey;
    for (const f of [file, `${file}-wal`]) {
      if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(Buffer.from(key)), f).toBe(false);
    }
    db.close();
    expect(fs.readFileSync(file).includes(Buffer.from(key))).toBe(false);
  });
});

describe('re-syncing from each stored checkpoint', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 1_500, days: 40, rateLimits: 'off' });

  it('gives the same final database from every checkpoint the first sync stored', async () => {
    const { db, connection } = freshStore(ctx.sim, 'talentlynk');
    // Record every checkpoint as the sync stores it (one per window and per activity day).
    const stored = new Set<number>();
    await syncFromSim(db, ctx.sim, connection, {
      windowMs: 4 * DAY_MS,
      onProgress: () => {
        const calls = getCheckpoint(db, connection.id, 'calls')?.syncedThroughMs;
        if (calls !== undefined) stored.add(calls);
      },
    });
    const expected = syncedData(db);
    expect(stored.size).toBeGreaterThanOrEqual(7);
    for (const checkpoint of stored) {
      db.prepare(`UPDATE sync_checkpoints SET synced_through_ms = ? WHERE connection_id = ?`).run(checkpoint, connection.id);
      const { run } = await syncFromSim(db, ctx.sim, connection, { windowMs: 4 * DAY_MS });
      expect(run.status).toBe('succeeded');
      expect(syncedData(db), `from checkpoint ${new Date(checkpoint).toISOString()}`).toEqual(expected);
      expect(getCheckpoint(db, connection.id, 'calls')?.syncedThroughMs).toBe(NOW);
    }
    assertIndexesIntact(db);
    db.close();
  });
});

describe('resuming an interrupted sync', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 1_500, days: 40, rateLimits: 'off' });

  it('cancelled after any page, then run again, ends with the same database as one uninterrupted sync', async () => {
    const reference = freshStore(ctx.sim, 'highlevel');
    const full = await syncFromSim(reference.db, ctx.sim, reference.connection, { windowMs: 3 * DAY_MS });
    expect(full.run.status).toBe('succeeded');
    expect(listSyncRuns(reference.db)).toHaveLength(1);
    const expected = syncedData(reference.db);
    const totalPages = Math.ceil(ctx.sim.datasets.highlevel.callsBetween(NOW - 30 * DAY_MS, NOW).length / 50) + 10;

    for (const stopAfter of [1, 2, 5, 9, 14, Math.floor(totalPages / 2)]) {
      const store = freshStore(ctx.sim, 'highlevel');
      const controller = new AbortController();
      const first = await syncFromSim(store.db, ctx.sim, store.connection, {
        windowMs: 3 * DAY_MS,
        signal: controller.signal,
        onProgress: (p) => p.pages >= stopAfter && controller.abort(),
      });
      expect(first.run.status, `stopped after ${stopAfter} pages`).toBe('cancelled');
      const resumed = await syncFromSim(store.db, ctx.sim, store.connection, { windowMs: 3 * DAY_MS });
      expect(resumed.run.status).toBe('succeeded');
      expect(syncedData(store.db), `stopped after ${stopAfter} pages`).toEqual(expected);
      assertIndexesIntact(store.db);
      store.db.close();
    }
    reference.db.close();
  });
});
