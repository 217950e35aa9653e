import type { Connection } from '../../shared/connections';
import type { SyncProgress, SyncRun } from '../../shared/sync';
import type { Db } from '../store/database';
import { CONNECTORS } from '../vendors';
import type { SyncHttp } from '../vendors/connector';
import { syncConnection, type SyncOptions } from './engine';

/** One sync as main asks for it: plain data, so it can cross to the core's worker. The key travels in memory only. */
export interface SyncRequest {
  connection: Connection;
  apiKey: string;
  http?: SyncHttp;
  reconcile?: SyncOptions['reconcile'];
}

/** Runs syncs somewhere: in this thread (the CLI), or in the core's worker (the app). */
export interface SyncRunner {
  run(request: SyncRequest, onProgress: (progress: SyncProgress) => void, signal: AbortSignal): Promise<SyncRun>;
}

/** One connection's sync on this thread's database connection: what the worker runs for each request. */
export function runSync(db: Db, request: SyncRequest, onProgress: (progress: SyncProgress) => void, signal: AbortSignal, log?: (line: string) => void): Promise<SyncRun> {
  const { connection, apiKey } = request;
  const connector = CONNECTORS[connection.vendor]({ settings: connection.settings, apiKey, http: { ...request.http, signal } });
  return syncConnection({ db, connection, connector, signal, onProgress, ...(request.reconcile === undefined ? {} : { reconcile: request.reconcile }), ...(log ? { log } : {}) });
}

export const inProcessSyncRunner = (db: Db, log?: (line: string) => void): SyncRunner => ({
  run: (request, onProgress, signal) => runSync(db, request, onProgress, signal, log),
});
