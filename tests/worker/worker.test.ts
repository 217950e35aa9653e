import { describe, expect, it } from 'vitest';
import type { ReportJob } from '../../shared/reports';
import type { SyncHistoryEntry } from '../../shared/sync';
import { openDatabase } from '../../electron/store/database';
import { WORKER_DIED } from '../../electron/worker/host';
import { answer, createTestApp } from '../helpers/app';
import { useKeyringForFile } from '../helpers/keyring';
import { readXlsx, sheetValues } from '../helpers/openpyxl';
import { simSettings, useSimulator } from '../helpers/simulator';
import { assertIndexesIntact } from '../helpers/store';
import { syncedData } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';

/**
 * Syncs and exports run in the core's worker thread (out/main/worker.js, the
 * bundle the app ships), started by the app's own wiring (electron/app.ts):
 * what they write must be exactly what the same work writes on the test's own
 * thread, cancel must cross to the worker, and a worker that dies mid-sync
 * must leave a database the next sync completes.
 */

type TestApp = ReturnType<typeof createTestApp>;

async function addTalentlynk(app: TestApp, sim: ReturnType<typeof useSimulator>['sim']): Promise<number> {
  const { id } = await answer(app.dispatch, 'connections/add', {
    vendor: 'talentlynk',
    label: 'Lynk',
    settings: simSettings(sim, 'talentlynk'),
    apiKey: sim.credentials.talentlynk.apiKey,
  });
  return id;
}

async function syncAndWait(app: TestApp, connectionId: number): Promise<SyncHistoryEntry> {
  await answer(app.dispatch, 'sync/start', { connectionIds: [connectionId] });
  await app.sync.idle();
  const [run] = await answer(app.dispatch, 'sync/history', { connectionId, limit: 1 });
  return run!;
}

async function exportCalls(app: TestApp): Promise<ReportJob> {
  const job = await answer(app.dispatch, 'reports/start', { kind: 'calls' });
  await app.reports.idle();
  return (await answer(app.dispatch, 'reports/status')).find((j) => j.id === job.id)!;
}

function freshApp(options: Parameters<typeof createTestApp>[2] = {}) {
  const file = tempDatabasePath();
  const db = openDatabase(file);
  return { file, db, app: createTestApp(db, file, options) };
}

describe('the core worker', () => {
  useKeyringForFile();
  const ctx = useSimulator({ calls: 1_500, days: 40, rateLimits: 'off' });

  it('syncs and exports in the worker exactly what the same work writes on this thread', async () => {
    const inWorker = freshApp();
    const inThread = freshApp({ inProcess: true });
    expect(inWorker.app.worker).not.toBeNull();
    expect(inThread.app.worker).toBeNull();
    const [a, b] = [await addTalentlynk(inWorker.app, ctx.sim), await addTalentlynk(inThread.app, ctx.sim)];
    expect(await syncAndWait(inWorker.app, a)).toMatchObject({ status: 'succeeded' });
    expect(await syncAndWait(inThread.app, b)).toMatchObject({ status: 'succeeded' });
    expect(inWorker.app.worker!.starts).toBe(1);
    expect(syncedData(inWorker.db, { ignore: ['write-times'] })).toEqual(syncedData(inThread.db, { ignore: ['write-times'] }));
    assertIndexesIntact(inWorker.db);

    const [fromWorker, fromThread] = [await exportCalls(inWorker.app), await exportCalls(inThread.app)];
    expect(fromWorker).toMatchObject({ state: 'done', error: null });
    expect(fromWorker.written).toBe(fromThread.written);
    const rows = (job: ReportJob) => sheetValues(readXlsx(job.file)[1]!);
    expect(rows(fromWorker)).toEqual(rows(fromThread));
    expect(rows(fromWorker).length).toBe(1 + (inWorker.db.prepare(`SELECT count(*) FROM calls`).pluck().get() as number));
    for (const { app, db } of [inWorker, inThread]) {
      await app.close();
      db.close();
    }
  });

  it('cancels a sync and an export across the thread boundary', async () => {
    const { app, db } = freshApp();
    const id = await addTalentlynk(app, ctx.sim);
    ctx.sim.faults.inject('talentlynk', { kind: 'slow', delayMs: 40 }, { times: 10_000 });
    try {
      await answer(app.dispatch, 'sync/start', { connectionIds: [id] });
      await expect.poll(async () => (await answer(app.dispatch, 'sync/status')).running[0]?.progress?.pages ?? 0).toBeGreaterThan(0);
      expect(await answer(app.dispatch, 'sync/cancel', { connectionIds: [id] })).toEqual({ cancelled: 1 });
      await app.sync.idle();
    } finally {
      ctx.sim.faults.clear();
    }
    const [run] = await answer(app.dispatch, 'sync/history', { connectionId: id, limit: 1 });
    expect(run).toMatchObject({ status: 'cancelled' });

    // Enough calls that the export is still writing when the cancel arrives.
    expect((await syncAndWait(app, id)).status).toBe('succeeded');
    const job = await answer(app.dispatch, 'reports/start', { kind: 'transcripts' });
    expect(await answer(app.dispatch, 'reports/cancel', { jobId: job.id })).toEqual({ cancelled: true });
    await app.reports.idle();
    expect((await answer(app.dispatch, 'reports/status')).find((j) => j.id === job.id)).toMatchObject({ state: 'cancelled' });
    await app.close();
    db.close();
  });

  it('after the worker dies mid-sync, says so in plain words, starts a new one, and the next sync completes the data', async () => {
    const killed = freshApp();
    const id = await addTalentlynk(killed.app, ctx.sim);
    ctx.sim.faults.inject('talentlynk', { kind: 'slow', delayMs: 30 }, { pathIncludes: '/transcripts/', times: 10_000 });
    try {
      await answer(killed.app.dispatch, 'sync/start', { connectionIds: [id] });
      await expect.poll(async () => (await answer(killed.app.dispatch, 'sync/status')).running[0]?.progress?.transcriptsDone ?? 0).toBeGreaterThan(5);
      await killed.app.worker!.kill();
      await killed.app.sync.idle();
    } finally {
      ctx.sim.faults.clear();
    }
    const [died] = await answer(killed.app.dispatch, 'sync/history', { connectionId: id, limit: 1 });
    expect(died).toMatchObject({
      status: 'failed',
      errorMessage: `Interrupted: ${WORKER_DIED} What was saved stays; the next sync carries on from where it stopped.`,
    });
    // Nothing running is left behind for the window to wait on.
    expect(await answer(killed.app.dispatch, 'sync/status')).toMatchObject({ running: [] });

    expect(await syncAndWait(killed.app, id)).toMatchObject({ status: 'succeeded' });
    expect(killed.app.worker!.starts).toBe(2);

    const straight = freshApp();
    await syncAndWait(straight.app, await addTalentlynk(straight.app, ctx.sim));
    // Connection ids match (one each), so the synced rows compare as they are.
    expect(syncedData(killed.db, { ignore: ['write-times'] })).toEqual(syncedData(straight.db, { ignore: ['write-times'] }));
    assertIndexesIntact(killed.db);
    for (const { app, db } of [killed, straight]) {
      await app.close();
      db.close();
    }
  });
});
