import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo } from '../../shared/ipc/contract';
import { DemoService } from '../../electron/demo/demo';
import { createDispatch, type Dispatch } from '../../electron/ipc/dispatch';
import { createHandlers } from '../../electron/ipc/handlers';
import { ReportJobs } from '../../electron/reports/jobs';
import { createKeychainSecretStore } from '../../electron/secrets/keychain';
import { getDatabaseId, getSettings } from '../../electron/store/app-settings';
import { LATEST_SCHEMA_VERSION, type Db } from '../../electron/store/database';
import { SyncService } from '../../electron/sync/service';
import type { ConnectorOptions } from '../../electron/vendors/connector';

/** Fast retries and no client-side pacing: the simulator in tests runs without rate limits. */
export const SIM_HTTP: ConnectorOptions['http'] = { timeoutMs: 2_000, retries: 6, backoffLimitMs: 50, maxRetryAfterMs: 3_000, rateLimit: { limit: 10_000, intervalMs: 1_000 } };

export interface TestAppOptions {
  http?: ConnectorOptions['http'];
  log?: (line: string) => void;
  /** What the "choose a folder" dialog answers. */
  chooseFolder?: (startAt: string) => Promise<string | null>;
  demoCallsPerVendor?: number;
}

/**
 * The main process's handler table over a real database and the real keychain
 * (call useKeyring() first), exactly as Electron's main wires it. The system's
 * file manager and folder dialog are the only parts swapped: they are recorded.
 */
export function createTestApp(db: Db, file: string, options: TestAppOptions = {}) {
  const secrets = createKeychainSecretStore(getDatabaseId(db));
  const opened: string[] = [];
  const shownInFolder: string[] = [];
  const moves = { remembered: [] as string[], restarts: 0 };
  const defaultReportsFolder = path.join(path.dirname(file), 'Downloads');
  fs.mkdirSync(defaultReportsFolder, { recursive: true });
  const demo: { service?: DemoService } = {};
  const httpFor = (connection: Parameters<DemoService['httpFor']>[0]) => demo.service?.httpFor(connection) ?? options.http ?? SIM_HTTP;
  const sync = new SyncService({ db, secrets, http: httpFor });
  demo.service = new DemoService({ db, secrets, sync, ...(options.demoCallsPerVendor ? { callsPerVendor: options.demoCallsPerVendor } : {}) });
  const info: AppInfo = { version: '0.1.0', databasePath: file, schemaVersion: LATEST_SCHEMA_VERSION, timeZone: 'Europe/London' };
  const reports = new ReportJobs({ db, folder: () => getSettings(db).reportsFolder ?? defaultReportsFolder, timeZone: () => getSettings(db).timeZone });
  const handlers = createHandlers({
    db,
    secrets,
    sync,
    http: httpFor,
    reports,
    demo: demo.service,
    openExternal: async (url) => void opened.push(url),
    showItemInFolder: (shown) => void shownInFolder.push(shown),
    chooseFolder: options.chooseFolder ?? (async () => null),
    moveDatabase: { remember: (moved) => void moves.remembered.push(moved), restart: () => void (moves.restarts += 1) },
    defaultReportsFolder,
    appInfo: () => info,
  });
  return {
    secrets,
    sync,
    reports,
    demo: demo.service,
    handlers,
    opened,
    shownInFolder,
    moves,
    defaultReportsFolder,
    dispatch: createDispatch(handlers, { error: options.log ?? (() => undefined) }),
    /** Stops background work: syncs, exports, the demo's simulator. */
    async close() {
      sync.cancel();
      reports.cancelAll();
      await Promise.all([sync.idle(), reports.idle()]);
      await demo.service?.stop();
    },
  };
}

/** The value of a successful answer; fails the test with main's error otherwise. */
export async function answer<T = unknown>(dispatch: Dispatch, channel: string, payload?: unknown): Promise<T> {
  const result = await dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}
