import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import type { Db } from '../store/db';

/**
 * One sync per connection at a time across processes: the app's worker
 * thread, a second copy of the app and the `talktally` CLI all open the same
 * SQLite file, and two syncs of one connection would read every page twice and
 * leave the history unable to tell a live run from a dead one.
 *
 * **A lock file per database and connection**, beside the database
 * (`talktally.sqlite.sync-3.lock`), created with O_EXCL (`'wx'`), holding
 * `{ pid, host, who, startedAtMs, heartbeatMs, token }`. Chosen over a lock row
 * in SQLite (`BEGIN IMMEDIATE`) because:
 * - it needs no schema change (the migration runner is being reworked);
 * - a row cannot say its owner died: a SIGKILLed CLI leaves it as it was,
 *   so liveness needs the same pid and heartbeat checks anyway, plus a write
 *   transaction on a busy file for every heartbeat;
 * - the file can be read, and removed by hand, with nothing but a file manager.
 * Not proper-lockfile (a dependency of the packager, not ours): it judges a
 * lock dead only by an old mtime (a crashed owner blocks for its whole stale
 * period) and keeps no description of its owner to tell the user.
 *
 * **A holder is dead** when, on this host, its process no longer exists
 * (`kill(pid, 0)`: a crash or SIGKILL is taken over at once) or it has not
 * refreshed its heartbeat for STALE_AFTER_MS: that covers a pid reused by an
 * unrelated process after a crash (it never refreshes the file) and a hung
 * owner. An owner that comes back after being judged dead finds another token
 * in the file at its next heartbeat and is told through `lost`, so it stops
 * rather than sync beside its successor.
 *
 * **This process's own lock** that this thread does not hold was left by a
 * thread of ours that died (the core's worker terminated mid-sync: no exit
 * handler runs): within one process the SyncService and the CLI's loop
 * already run at most one sync per connection, so it is taken over at once.
 *
 * **A holder on another host** (the data folder on a shared drive) is never
 * judged dead: this host cannot see its processes and their clocks differ.
 * Syncing says who holds it and where, and names the file to delete.
 */

export interface SyncLockHolder {
  /** 0 when the file could not be read (being written, or damaged). */
  pid: number;
  host: string;
  /** In words: "the Talktally app", "the talktally command line". */
  who: string;
  startedAtMs: number;
  /** Refreshed every HEARTBEAT_EVERY_MS while the holder lives. */
  heartbeatMs: number;
  /** This holding's own id: a holder refreshes and removes only a file that still has it. */
  token: string;
}

export interface SyncLock {
  readonly file: string;
  /** Aborted if another process judged this holder dead and took the lock over: the sync must stop. */
  readonly lost: AbortSignal;
  /** Who took it over, once `lost` is aborted (null if the file was removed by hand). */
  readonly lostTo: SyncLockHolder | null;
  /** Removes the lock file, if it is still this holder's. Safe to call twice. */
  release(): void;
}

export type LockAttempt = { acquired: true; lock: SyncLock } | { acquired: false; holder: SyncLockHolder; file: string; otherHost: boolean; waitedMs: number };

export interface AcquireOptions {
  /** How long to wait for the holder to finish; 0 (default) answers at once. */
  waitMs?: number;
  /** Stops waiting (Ctrl+C in the CLI). */
  signal?: AbortSignal;
  /** Told once, when the lock is busy and the wait begins. */
  onWaiting?: (holder: SyncLockHolder) => void;
  /** Tests shorten it to see a takeover noticed. */
  heartbeatEveryMs?: number;
}

const HEARTBEAT_EVERY_MS = 5_000;
/** A minute without a heartbeat: far beyond a page's write (at most 250 calls a transaction), well short of a user's patience. */
export const STALE_AFTER_MS = 60_000;
/** A takeover in progress lasts microseconds; a guard older than this was left by a process that died mid-takeover. */
const GUARD_STALE_MS = 10_000;
const WAIT_POLL_MS = 500;

const HOST = os.hostname();

/** The database's file, or null for an in-memory database (no other process can open it). */
export function databaseFile(db: Db): string | null {
  return db.memory || !db.name ? null : db.name;
}

/** Beside the database, so every process that opens the file finds the same lock (symlinks resolved). */
export function syncLockPath(databasePath: string, connectionId: number): string {
  let real: string;
  try {
    real = fs.realpathSync(databasePath);
  } catch {
    real = path.resolve(databasePath);
  }
  return `${real}.sync-${connectionId}.lock`;
}

/** Locks this thread holds, by file: to tell its own from a dead thread's, and to release them if the thread exits. */
const heldHere = new Map<string, { token: string; release(): void }>();
let releaseOnExit = false;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return errorCode(error) === 'EPERM';
  }
}

function read(file: string): { holder: SyncLockHolder; raw: string } | null {
  let raw: string;
  let mtimeMs: number;
  try {
    raw = fs.readFileSync(file, 'utf8');
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<SyncLockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.who === 'string' && typeof parsed.token === 'string') {
      return {
        raw,
        holder: {
          pid: parsed.pid,
          host: parsed.host,
          who: parsed.who,
          token: parsed.token,
          startedAtMs: Number(parsed.startedAtMs) || mtimeMs,
          heartbeatMs: Number(parsed.heartbeatMs) || mtimeMs,
        },
      };
    }
  } catch {
    // Being written this instant, or damaged: judged by its age below.
  }
  return { raw, holder: { pid: 0, host: HOST, who: 'another Talktally', token: '', startedAtMs: mtimeMs, heartbeatMs: mtimeMs } };
}

type Judgement = 'mine' | 'live' | 'other-host' | 'dead';

function judge(file: string, holder: SyncLockHolder, nowMs: number): Judgement {
  if (holder.host !== HOST) return 'other-host';
  if (holder.pid === process.pid) return heldHere.get(file)?.token === holder.token ? 'mine' : 'dead';
  if (holder.pid > 0 && !pidAlive(holder.pid)) return 'dead';
  return nowMs - holder.heartbeatMs > STALE_AFTER_MS ? 'dead' : 'live';
}

/** Creates the lock file with its content, or returns false if one exists. */
function create(file: string, holder: SyncLockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, JSON.stringify(holder));
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  return true;
}

/**
 * Replaces a dead holder's file. A guard file (also O_EXCL) lets one process
 * at a time do it, so two processes that both judged the same holder dead
 * cannot each remove the other's fresh lock.
 */
function takeOver(file: string, dead: string, holder: SyncLockHolder): boolean {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = fs.openSync(guard, 'wx');
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    try {
      if (Date.now() - fs.statSync(guard).mtimeMs > GUARD_STALE_MS) fs.rmSync(guard, { force: true });
    } catch {
      // Gone already: the other taker finished.
    }
    return false;
  }
  try {
    const now = read(file);
    // Someone else replaced or released it meanwhile: judge again.
    if (now && now.raw !== dead) return false;
    fs.rmSync(file, { force: true });
    return create(file, holder);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(guard, { force: true });
  }
}

function hold(file: string, holder: SyncLockHolder, heartbeatEveryMs: number): SyncLock {
  const controller = new AbortController();
  let lostTo: SyncLockHolder | null = null;
  let released = false;
  const stop = () => {
    clearInterval(timer);
    heldHere.delete(file);
  };
  const beat = () => {
    try {
      const now = read(file);
      if (now?.holder.token !== holder.token) {
        lostTo = now?.holder ?? null;
        stop();
        controller.abort(new Error('The sync lock was taken over by another process.'));
        return;
      }
      // Written aside and renamed over, so a reader never sees a half-written file.
      const temp = `${file}.${holder.token}.tmp`;
      fs.writeFileSync(temp, JSON.stringify({ ...holder, heartbeatMs: Date.now() }));
      fs.renameSync(temp, file);
    } catch {
      // A missed beat (the file briefly open elsewhere on Windows, a full disk) is retried at the next;
      // only a minute of them makes this holder look dead.
    }
  };
  const timer = setInterval(beat, heartbeatEveryMs);
  // A held lock must not keep a finished CLI or test process alive.
  timer.unref();
  const release = () => {
    if (released) return;
    released = true;
    stop();
    try {
      fs.rmSync(`${file}.${holder.token}.tmp`, { force: true });
      if (read(file)?.holder.token === holder.token) fs.rmSync(file, { force: true });
    } catch {
      // Left behind, it is judged dead by its pid or heartbeat.
    }
  };
  heldHere.set(file, { token: holder.token, release });
  if (!releaseOnExit) {
    releaseOnExit = true;
    // process.exit(), or a worker thread ending on an uncaught error: remove what this thread holds.
    process.once('exit', () => {
      for (const held of [...heldHere.values()]) held.release();
    });
  }
  return {
    file,
    lost: controller.signal,
    get lostTo() {
      return lostTo;
    },
    release,
  };
}

/** Takes the connection's sync lock if it is free or its holder is dead; otherwise says who holds it. Never waits. */
export function tryAcquireSyncLock(
  databasePath: string,
  connectionId: number,
  who: string,
  options: Pick<AcquireOptions, 'heartbeatEveryMs'> = {},
): LockAttempt {
  const file = syncLockPath(databasePath, connectionId);
  const nowMs = Date.now();
  const mine: SyncLockHolder = { pid: process.pid, host: HOST, who, startedAtMs: nowMs, heartbeatMs: nowMs, token: crypto.randomUUID() };
  let last: SyncLockHolder | null = null;
  // A few rounds: a holder can release, or another process take over, between our reads.
  for (let round = 0; round < 3; round += 1) {
    if (create(file, mine)) return { acquired: true, lock: hold(file, mine, options.heartbeatEveryMs ?? HEARTBEAT_EVERY_MS) };
    const found = read(file);
    if (!found) continue;
    last = found.holder;
    const judged = judge(file, found.holder, nowMs);
    if (judged !== 'dead') return { acquired: false, holder: found.holder, file, otherHost: judged === 'other-host', waitedMs: 0 };
    if (takeOver(file, found.raw, mine)) return { acquired: true, lock: hold(file, mine, options.heartbeatEveryMs ?? HEARTBEAT_EVERY_MS) };
  }
  return { acquired: false, holder: last ?? { ...mine, who: 'another Talktally', pid: 0 }, file, otherHost: last !== null && last.host !== HOST, waitedMs: 0 };
}

/** Takes the lock, waiting up to `waitMs` for its holder to finish (polling; the holder may be in any process). */
export async function acquireSyncLock(databasePath: string, connectionId: number, who: string, options: AcquireOptions = {}): Promise<LockAttempt> {
  const startedMs = Date.now();
  const deadline = startedMs + (options.waitMs ?? 0);
  let told = false;
  for (;;) {
    const attempt = tryAcquireSyncLock(databasePath, connectionId, who, options);
    const leftMs = deadline - Date.now();
    if (attempt.acquired || leftMs <= 0 || options.signal?.aborted)
      return attempt.acquired || !told ? attempt : { ...attempt, waitedMs: Date.now() - startedMs };
    if (!told) options.onWaiting?.(attempt.holder);
    told = true;
    await sleep(Math.min(WAIT_POLL_MS, leftMs), undefined, options.signal ? { signal: options.signal } : {}).catch(() => undefined);
  }
}

/** The live holder of the connection's sync lock, or null when it is free or its holder is dead. */
export function readSyncLock(databasePath: string, connectionId: number): SyncLockHolder | null {
  const file = syncLockPath(databasePath, connectionId);
  const found = read(file);
  return found && judge(file, found.holder, Date.now()) !== 'dead' ? found.holder : null;
}

/**
 * Whether another process (here or on another host) holds the connection's
 * sync lock: its 'running' run is live. A lock of this process does not
 * count: this thread's own, or one a dead thread of ours left.
 */
export function isSyncingElsewhere(databasePath: string, connectionId: number): boolean {
  const file = syncLockPath(databasePath, connectionId);
  let found: ReturnType<typeof read>;
  try {
    found = read(file);
  } catch {
    // Unreadable (permissions): nothing known of another holder, so the runs are judged as before locks existed.
    return false;
  }
  if (!found) return false;
  const judged = judge(file, found.holder, Date.now());
  return judged === 'live' || judged === 'other-host';
}

/** "10:31" today, "2026-11-20 10:31" before: local time, as a person at this machine reads it. */
function sinceWords(ms: number, nowMs: number): string {
  const at = DateTime.fromMillis(ms);
  return at.hasSame(DateTime.fromMillis(nowMs), 'day') ? at.toFormat('HH:mm') : at.toFormat('yyyy-MM-dd HH:mm');
}

/** "the talktally command line (process 4242) since 10:31", "… on laptop-2 (process 4242) since …". */
export function describeHolder(holder: SyncLockHolder, nowMs = Date.now()): string {
  const where = holder.host === HOST ? '' : ` on ${holder.host}`;
  const pid = holder.pid > 0 ? ` (process ${holder.pid})` : '';
  return `${holder.who}${where}${pid} since ${sinceWords(holder.startedAtMs, nowMs)}`;
}
