import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/connections';
import { findConnectionByLabel } from '../../electron/store/connections';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { closeInterruptedRuns, listSyncRuns, startSyncRun } from '../../electron/store/sync-state';
import { acquireSyncLock, readSyncLock, STALE_AFTER_MS, syncLockPath, tryAcquireSyncLock, type SyncLock, type SyncLockHolder } from '../../electron/sync/lock';
import { runSync, type SyncRequest } from '../../electron/sync/runner';
import { runTalktally, startTalktally, type CliResult } from '../helpers/cli';
import { useKeyringForFile } from '../helpers/keyring';
import { simSettings, useSimulator } from '../helpers/simulator';
import { storeWithConnection } from '../helpers/store';
import { addSimConnection } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

/**
 * One sync per connection across processes (electron/sync/lock.ts): a real
 * `talktally sync` in its own process against a slowed simulator, while this
 * process runs the app's sync code (runSync, what the core's worker runs) on
 * the same database file. Then the lock's rules one by one, on real lock files.
 */

const NOW = Date.now() - (Date.now() % 3_600_000);
const noProgress = () => undefined;
const never = new AbortController().signal;
/** Fast client pacing for this process's syncs (the simulator's limits are off); the CLI keeps the vendors' published ones. */
const FAST_HTTP: SyncRequest['http'] = { timeoutMs: 5_000, retries: 6, backoffLimitMs: 50, rateLimit: { limit: 10_000, intervalMs: 1_000 } };
const hhmm = (ms: number) => DateTime.fromMillis(ms).toFormat('HH:mm');

// The CLI reads its key from the OS keychain; the file's own keyring, every item removed after each test.
useKeyringForFile();

describe('two processes syncing one database', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 2_000, days: 40, rateLimits: 'off' });
  /** Long enough a sync that the other process acts while it runs: every Talkover reply waits. */
  const slowTalkover = () => ctx.sim.faults.inject('talkover', { kind: 'slow', delayMs: 250 }, { times: 10_000 });

  async function databaseWithTalkover(): Promise<{ file: string; db: Db; connection: Connection }> {
    const file = tempDatabasePath();
    const settings = simSettings(ctx.sim, 'talkover');
    const added = await runTalktally(['--db', file, 'connections', 'add', '--vendor', 'talkover', '--name', 'Talkover main', '--base-url', settings.baseUrl!], {
      env: { TALKTALLY_API_KEY: ctx.sim.credentials.talkover.apiKey },
    });
    expect(added.code, added.stderr).toBe(0);
    const db = openDatabase(file);
    return { file, db, connection: findConnectionByLabel(db, 'Talkover main')! };
  }

  const request = (connection: Connection): SyncRequest => ({ connection, apiKey: ctx.sim.credentials[connection.vendor].apiKey, http: FAST_HTTP });
  const runsOf = (db: Db, connection: Connection) => listSyncRuns(db, { connectionId: connection.id });

  /** `talktally sync` of the connection, once it holds the lock and its run is open. */
  async function cliSyncing(file: string, db: Db, connection: Connection) {
    const cli = startTalktally(['--db', file, 'sync', '--connection', connection.label]);
    await expect.poll(() => readSyncLock(file, connection.id)?.pid ?? cli.output.stderr).toBe(cli.pid);
    await expect.poll(() => runsOf(db, connection).map((r) => r.status)).toEqual(['running']);
    return { cli, holder: readSyncLock(file, connection.id)! };
  }

  it('the app, asked to sync while the CLI is syncing, says who is and does not start; the live run stays open', async () => {
    const { file, db, connection } = await databaseWithTalkover();
    slowTalkover();
    try {
      const { cli, holder } = await cliSyncing(file, db, connection);
      expect(holder).toMatchObject({ who: 'the talktally command line', host: os.hostname() });

      const busy = await runSync(db, request(connection), noProgress, never);
      expect(busy).toMatchObject({
        status: 'cancelled',
        callsWritten: 0,
        errorMessage: `Talkover main is being synced by the talktally command line (process ${cli.pid}) since ${hhmm(holder.startedAtMs)}. This sync did not start; that one carries on.`,
      });
      // What the app does when its worker dies: another process's run is live, so it stays open.
      expect(closeInterruptedRuns(db, connection.id, Date.now())).toBe(0);
      expect(runsOf(db, connection).find((r) => r.id !== busy.id)).toMatchObject({ status: 'running' });

      const ended = await cli.done;
      expect(ended.code, ended.stderr).toBe(0);
    } finally {
      ctx.sim.faults.clear();
    }
    const [newest, cliRun, ...rest] = runsOf(db, connection);
    expect(rest).toEqual([]);
    expect(newest).toMatchObject({ status: 'cancelled', callsWritten: 0 });
    // The CLI's run was never closed as interrupted: it finished with what it wrote.
    expect(cliRun).toMatchObject({ status: 'succeeded', errorMessage: null });
    expect(cliRun!.callsWritten).toBe(db.prepare('SELECT count(*) FROM calls').pluck().get());
    expect(cliRun!.callsWritten).toBeGreaterThan(0);
    expect(fs.existsSync(syncLockPath(file, connection.id))).toBe(false);
    db.close();
  });

  it('the CLI, while the app is syncing, says who is and exits 1; with --wait it waits for the app, then syncs', async () => {
    const { file, db, connection } = await databaseWithTalkover();
    slowTalkover();
    const cancelApp = new AbortController();
    let appSync: Promise<unknown> | null = null;
    try {
      appSync = runSync(db, request(connection), noProgress, cancelApp.signal);
      await expect.poll(() => readSyncLock(file, connection.id)?.pid).toBe(process.pid);
      const holder = readSyncLock(file, connection.id)!;
      const busySentence = `Talkover main is being synced by the Talktally app (process ${process.pid}) since ${hhmm(holder.startedAtMs)}.`;

      const busy = await runTalktally(['--db', file, 'sync', '--connection', 'Talkover main']);
      expect(busy.code).toBe(1);
      expect(busy.stdout).toBe(`Talkover main (Talkover): not synced. ${busySentence} This sync did not start; that one carries on.\n`);
      expect(busy.stderr).toBe('talktally: 1 of 1 connection(s) did not finish syncing.\n');

      const waiting = startTalktally(['--db', file, 'sync', '--connection', 'Talkover main', '--wait', '1']);
      await expect.poll(() => waiting.output.stderr).toContain(`${busySentence} Waiting up to 60 s for it to finish…`);
      // The app's sync ends (here: cancelled), and the waiting CLI takes its turn.
      ctx.sim.faults.clear();
      cancelApp.abort();
      expect(await appSync).toMatchObject({ status: 'cancelled' });
      const waited = await waiting.done;
      expect(waited.code, waited.stderr).toBe(0);
      expect(waited.stdout).toMatch(/^Talkover main \(Talkover\): succeeded\./);
    } finally {
      ctx.sim.faults.clear();
      cancelApp.abort();
      await appSync;
    }
    expect(runsOf(db, connection).map((r) => r.status)).toEqual(['succeeded', 'cancelled', 'cancelled']);
    db.close();
  });

  it('after the CLI is SIGKILLed mid-sync, the next sync takes over its lock, completes, and marks the dead run interrupted', async () => {
    const { file, db, connection } = await databaseWithTalkover();
    slowTalkover();
    let ended: CliResult | undefined;
    try {
      const { cli, holder } = await cliSyncing(file, db, connection);
      process.kill(holder.pid, 'SIGKILL');
      ended = await cli.done;
    } finally {
      ctx.sim.faults.clear();
    }
    expect(ended?.signal).toBe('SIGKILL');
    // Its lock is still there, and judged dead: its process is gone.
    expect(fs.existsSync(syncLockPath(file, connection.id))).toBe(true);
    expect(readSyncLock(file, connection.id)).toBeNull();

    const run = await runSync(db, request(connection), noProgress, never);
    expect(run).toMatchObject({ status: 'succeeded' });
    const [, dead, ...rest] = runsOf(db, connection);
    expect(rest).toEqual([]);
    expect(dead).toMatchObject({ status: 'failed', errorMessage: expect.stringMatching(/^Interrupted: /) });
    expect(fs.existsSync(syncLockPath(file, connection.id))).toBe(false);
    db.close();
  });

  it('different connections sync at once: one in the CLI, another in this process, each waiting out the other’s writes', async () => {
    const { file, db, connection } = await databaseWithTalkover();
    const highlevel = addSimConnection(db, ctx.sim, 'highlevel');
    slowTalkover();
    try {
      const { cli } = await cliSyncing(file, db, connection);
      // This process holds the write lock while the CLI writes its first page (a long write of the app's):
      // the CLI waits for it rather than failing with "database is locked".
      db.exec('BEGIN IMMEDIATE');
      await sleep(1_500);
      db.exec('COMMIT');
      const run = await runSync(db, request(highlevel), noProgress, never);
      expect(run).toMatchObject({ status: 'succeeded' });
      expect(run.callsWritten).toBeGreaterThan(0);
      // It finished while the CLI was still syncing the other connection.
      expect(readSyncLock(file, connection.id)?.pid ?? cli.output.stdout + cli.output.stderr).toBe(cli.pid);
      const ended = await cli.done;
      expect(ended.code, ended.stdout + ended.stderr).toBe(0);
    } finally {
      ctx.sim.faults.clear();
    }
    expect(runsOf(db, connection).map((r) => r.status)).toEqual(['succeeded']);
    db.close();
  });
});

describe('the sync lock', () => {
  /** A lock file as another process would leave it. */
  const holderFile = (file: string, connectionId: number, holder: Partial<SyncLockHolder>) => {
    const lockFile = syncLockPath(file, connectionId);
    const now = Date.now();
    fs.writeFileSync(
      lockFile,
      JSON.stringify({
        pid: process.ppid,
        host: os.hostname(),
        who: 'the talktally command line',
        startedAtMs: now,
        heartbeatMs: now,
        token: 'theirs',
        ...holder,
      }),
    );
    return lockFile;
  };
  /** A pid no process has now: one that just ended. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
  const acquired = (attempt: ReturnType<typeof tryAcquireSyncLock>): SyncLock => {
    if (!attempt.acquired) throw new Error(`expected the lock, held by ${attempt.holder.who}`);
    return attempt.lock;
  };

  it('is busy while a live holder on this host beats; taken over when its process is gone, or silent past the stale limit (a reused pid)', () => {
    const { file, db, connectionId } = storeWithConnection();
    holderFile(file, connectionId, {});
    expect(tryAcquireSyncLock(file, connectionId, 'test')).toMatchObject({ acquired: false, otherHost: false, holder: { pid: process.ppid, token: 'theirs' } });

    // Alive, but silent for longer than the limit: a pid reused by another program, or a hung holder.
    holderFile(file, connectionId, { heartbeatMs: Date.now() - STALE_AFTER_MS - 1_000 });
    const afterSilence = acquired(tryAcquireSyncLock(file, connectionId, 'test'));
    expect(readSyncLock(file, connectionId)).toMatchObject({ pid: process.pid, who: 'test' });
    afterSilence.release();
    expect(fs.existsSync(afterSilence.file)).toBe(false);

    // Beating a moment ago, but its process has ended (a crash, SIGKILL): taken over at once.
    holderFile(file, connectionId, { pid: deadPid() });
    acquired(tryAcquireSyncLock(file, connectionId, 'test')).release();
    db.close();
  });

  it('never takes over a lock held on another host, however old; the run says where and which file to delete', async () => {
    const { file, db, connectionId } = storeWithConnection('talkover');
    const daysAgo = Date.now() - 3 * DAY_MS;
    const lockFile = holderFile(file, connectionId, { host: 'front-desk-pc', pid: 4242, startedAtMs: daysAgo, heartbeatMs: daysAgo });
    const before = fs.readFileSync(lockFile, 'utf8');
    expect(readSyncLock(file, connectionId)).toMatchObject({ host: 'front-desk-pc' });

    const connection = findConnectionByLabel(db, 'talkover main')!;
    const run = await runSync(db, { connection, apiKey: 'unused' }, noProgress, never);
    const since = DateTime.fromMillis(daysAgo).toFormat('yyyy-MM-dd HH:mm');
    expect(run).toMatchObject({
      status: 'cancelled',
      errorMessage: `talkover main is being synced by the talktally command line on front-desk-pc (process 4242) since ${since}. This sync did not start; that one carries on. If nothing syncs it on front-desk-pc any more, delete "${lockFile}" and sync again.`,
    });
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(before);
    db.close();
  });

  it("takes over this process's lock that this thread does not hold (a worker of ours that died), never one it holds", () => {
    const { file, db, connectionId } = storeWithConnection();
    holderFile(file, connectionId, { pid: process.pid, who: 'the Talktally app' });
    const lock = acquired(tryAcquireSyncLock(file, connectionId, 'test'));
    expect(tryAcquireSyncLock(file, connectionId, 'again')).toMatchObject({ acquired: false, holder: { pid: process.pid, who: 'test' } });
    lock.release();
    db.close();
  });

  it('judges a file it cannot read by its age: busy while fresh (being written), taken over when old', () => {
    const { file, db, connectionId } = storeWithConnection();
    const lockFile = syncLockPath(file, connectionId);
    fs.writeFileSync(lockFile, '');
    expect(tryAcquireSyncLock(file, connectionId, 'test')).toMatchObject({ acquired: false, holder: { who: 'another Talktally', pid: 0 } });
    const old = new Date(Date.now() - STALE_AFTER_MS - 1_000);
    fs.utimesSync(lockFile, old, old);
    acquired(tryAcquireSyncLock(file, connectionId, 'test')).release();
    db.close();
  });

  it('beats while held; a holder taken over is told through `lost` and leaves its successor’s file alone', async () => {
    const { file, db, connectionId } = storeWithConnection();
    const lock = acquired(tryAcquireSyncLock(file, connectionId, 'test', { heartbeatEveryMs: 20 }));
    const first = readSyncLock(file, connectionId)!;
    await expect.poll(() => readSyncLock(file, connectionId)!.heartbeatMs).toBeGreaterThan(first.heartbeatMs);
    expect(readSyncLock(file, connectionId)).toMatchObject({ token: first.token, startedAtMs: first.startedAtMs });
    expect(lock.lost.aborted).toBe(false);

    holderFile(file, connectionId, { who: 'the successor' });
    await expect.poll(() => lock.lost.aborted).toBe(true);
    expect(lock.lostTo).toMatchObject({ who: 'the successor' });
    lock.release();
    expect(readSyncLock(file, connectionId)).toMatchObject({ who: 'the successor', token: 'theirs' });
    db.close();
  });

  it('waits for the holder when asked: takes the lock once it is released, or says who still holds it after the wait', async () => {
    const { file, db, connectionId } = storeWithConnection();
    const first = acquired(tryAcquireSyncLock(file, connectionId, 'first'));
    const told: string[] = [];
    const timedOut = await acquireSyncLock(file, connectionId, 'second', { waitMs: 300, onWaiting: (h) => told.push(h.who) });
    expect(timedOut).toMatchObject({ acquired: false, holder: { who: 'first' } });
    expect(!timedOut.acquired && timedOut.waitedMs).toBeGreaterThanOrEqual(300);

    setTimeout(() => first.release(), 300);
    const waited = await acquireSyncLock(file, connectionId, 'second', { waitMs: 10_000, onWaiting: (h) => told.push(h.who) });
    expect(told).toEqual(['first', 'first']);
    expect(readSyncLock(file, connectionId)).toMatchObject({ who: 'second' });
    acquired(waited).release();
    db.close();
  });

  it('leaves a run open while another process holds the lock, and closes it as interrupted once that holder is dead', () => {
    const { file, db, connectionId } = storeWithConnection();
    const runId = startSyncRun(db, connectionId);
    holderFile(file, connectionId, {});
    expect(closeInterruptedRuns(db, connectionId, Date.now())).toBe(0);
    holderFile(file, connectionId, { pid: deadPid() });
    expect(closeInterruptedRuns(db, connectionId, Date.now())).toBe(1);
    expect(listSyncRuns(db, { connectionId })).toMatchObject([{ id: runId, status: 'failed', errorMessage: expect.stringMatching(/^Interrupted: /) }]);
    db.close();
  });
});
