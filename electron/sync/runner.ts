import path from 'node:path';
import type { Connection } from '../../shared/connections';
import type { SyncProgress, SyncRun } from '../../shared/sync';
import type { Db } from '../store/db';
import { finishSyncRun, startSyncRun } from '../store/sync-state';
import { CONNECTORS } from '../vendors';
import type { SyncHttp } from '../vendors/connector';
import { waitInWords } from '../vendors/http/errors';
import { syncConnection, type SyncOptions } from './engine';
import { acquireSyncLock, databaseFile, describeHolder, type LockAttempt, type SyncLock } from './lock';

/** Who syncs, as another process's "is being synced by …" names it. */
export const APP_SYNCER = 'the Talktally app';
export const CLI_SYNCER = 'the talktally command line';

/** One sync as main asks for it: plain data, so it can cross to the core's worker. The key travels in memory only. */
export interface SyncRequest {
  connection: Connection;
  apiKey: string;
  http?: SyncHttp;
  reconcile?: SyncOptions['reconcile'];
  /** An explicit start (`talktally sync --since`). */
  sinceMs?: number;
  /** Who is syncing, in words (default: the app). */
  who?: string;
  /** When another process is syncing this connection, wait this long for it to finish (default: stop at once). */
  waitForLockMs?: number;
}

/** Runs syncs somewhere: in this thread (the CLI), or in the core's worker (the app). */
export interface SyncRunner {
  run(request: SyncRequest, onProgress: (progress: SyncProgress) => void, signal: AbortSignal): Promise<SyncRun>;
}

type Busy = Extract<LockAttempt, { acquired: false }>;

/** "TalkPilot main is being synced by the talktally command line (process 4242) since 10:31." */
function busySentence(connection: Pick<Connection, 'label'>, busy: Pick<Busy, 'holder'>): string {
  return `${connection.label} is being synced by ${describeHolder(busy.holder)}.`;
}

function busyMessage(connection: Connection, busy: Busy): string {
  const waited = busy.waitedMs > 0 ? ` Waited ${waitInWords(busy.waitedMs)}; this sync did not start.` : ' This sync did not start; that one carries on.';
  // Another host's processes cannot be seen from here: its lock is never broken silently, so say how to break it.
  const remote = busy.otherHost ? ` If nothing syncs it on ${busy.holder.host} any more, delete "${busy.file}" and sync again.` : '';
  return `${busySentence(connection, busy)}${waited}${remote}`;
}

/** A run whose lock was taken over (its successor judged it dead: hung, or its machine asleep) stops, in these words. */
function lostMessage(lock: SyncLock): string {
  const why = lock.lostTo
    ? `taken over by ${describeHolder(lock.lostTo)}, which found this sync silent for over a minute`
    : "this sync's lock file was removed, so another Talktally may be syncing the connection now";
  return `Stopped: ${why}. What was saved stays; the next sync carries on from there.`;
}

/** A sync that did not start still belongs in the history, in plain words: the window shows it there. */
const notStarted = (db: Db, connection: Connection, status: 'cancelled' | 'failed', message: string) =>
  finishSyncRun(db, startSyncRun(db, connection.id), status, message);

/** The runs that did not start because another process was syncing the connection: the CLI words them apart. */
const busyRuns = new WeakSet<SyncRun>();
export const wasBusy = (run: SyncRun): boolean => busyRuns.has(run);

/**
 * One connection's sync on this thread's database connection: what the
 * worker runs for each request, and the CLI for each connection. It holds the
 * connection's sync lock (lock.ts) throughout, so no other process syncs the
 * same connection at once; if one is, the run ends at once (or after
 * `waitForLockMs`) as cancelled, saying who is syncing it.
 */
export async function runSync(
  db: Db,
  request: SyncRequest,
  onProgress: (progress: SyncProgress) => void,
  signal: AbortSignal,
  log?: (line: string) => void,
  /** Told, in a sentence, that the sync waits for another to finish. */
  onWaiting?: (sentence: string) => void,
): Promise<SyncRun> {
  const { connection, apiKey } = request;
  const file = databaseFile(db);
  let lock: SyncLock | null = null;
  if (file) {
    const waitMs = request.waitForLockMs ?? 0;
    let attempt: LockAttempt;
    try {
      attempt = await acquireSyncLock(file, connection.id, request.who ?? APP_SYNCER, {
        waitMs,
        signal,
        onWaiting: (holder) => onWaiting?.(`${busySentence(connection, { holder })} Waiting up to ${waitInWords(waitMs)} for it to finish…`),
      });
    } catch (error) {
      // The data folder cannot be written: the sync could not have written the database either.
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return notStarted(
        db,
        connection,
        'failed',
        `Could not start syncing ${connection.label}: Talktally cannot write in its data folder "${path.dirname(file)}" (${code}).`,
      );
    }
    if (!attempt.acquired) {
      const run = notStarted(db, connection, 'cancelled', busyMessage(connection, attempt));
      busyRuns.add(run);
      return run;
    }
    lock = attempt.lock;
  }
  try {
    const runSignal = lock ? AbortSignal.any([signal, lock.lost]) : signal;
    const connector = CONNECTORS[connection.vendor]({ settings: connection.settings, apiKey, http: { ...request.http, signal: runSignal } });
    const run = await syncConnection({
      db,
      connection,
      connector,
      signal: runSignal,
      onProgress,
      ...(request.reconcile === undefined ? {} : { reconcile: request.reconcile }),
      ...(request.sinceMs === undefined ? {} : { sinceMs: request.sinceMs }),
      ...(log ? { log } : {}),
    });
    if (lock?.lost.aborted && !signal.aborted && run.status === 'cancelled')
      return finishSyncRun(db, run.id, 'cancelled', lostMessage(lock), run.finishedAtMs ?? Date.now());
    return run;
  } finally {
    lock?.release();
  }
}

export const inProcessSyncRunner = (db: Db, log?: (line: string) => void): SyncRunner => ({
  run: (request, onProgress, signal) => runSync(db, request, onProgress, signal, log),
});
