import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../electron/app';
import type { Dispatch } from '../../electron/ipc/dispatch';
import type { Db } from '../../electron/store/db';
import type { ConnectorOptions } from '../../electron/vendors/connector';
import type { Channel } from '../../shared/ipc/channels';
import type { Api, ResponseOf } from '../../shared/ipc/contract';

/** Fast retries and no client-side pacing: the simulator in tests runs without rate limits. */
export const SIM_HTTP: NonNullable<ConnectorOptions['http']> = {
  timeoutMs: 2_000,
  retries: 6,
  backoffLimitMs: 50,
  maxRetryAfterMs: 3_000,
  rateLimit: { limit: 10_000, intervalMs: 1_000 },
};

/** The worker bundle `npm test` builds first (pretest): tests run the worker that ships. */
export const WORKER_FILE = path.resolve(import.meta.dirname, '../../out/main/worker.js');

export interface TestAppOptions {
  http?: ConnectorOptions['http'];
  log?: (line: string) => void;
  /** What the "choose a folder" dialog answers. */
  chooseFolder?: (startAt: string) => Promise<string | null>;
  demoCallsPerVendor?: number;
  /** Run syncs and exports on the test's own thread instead of the worker (default: the worker, as the app does). */
  inProcess?: boolean;
}

/**
 * The app as electron/main/index.ts builds it (electron/app.ts, the one
 * composition root), over a real database, the real keychain (call
 * useKeyring() first) and the real worker thread. Only what Electron does
 * for the shell is swapped: links, the file manager, the folder dialog and the
 * restart after moving the data folder are recorded.
 */
export function createTestApp(db: Db, file: string, options: TestAppOptions = {}) {
  if (!options.inProcess && !fs.existsSync(WORKER_FILE)) throw new Error(`${WORKER_FILE} is missing: run \`npm run build\` (npm test does it first).`);
  const opened: string[] = [];
  const shownInFolder: string[] = [];
  const moves = { remembered: [] as string[], restarts: 0 };
  const defaultReportsFolder = path.join(path.dirname(file), 'Downloads');
  fs.mkdirSync(defaultReportsFolder, { recursive: true });
  const core = createCore({
    databasePath: file,
    db,
    version: '0.1.0',
    systemTimeZone: 'Europe/London',
    workerFile: options.inProcess ? null : WORKER_FILE,
    http: () => options.http ?? SIM_HTTP,
    ...(options.demoCallsPerVendor ? { demoCallsPerVendor: options.demoCallsPerVendor } : {}),
    log: options.log ?? (() => undefined),
    shell: {
      openExternal: async (url) => void opened.push(url),
      showItemInFolder: (shown) => void shownInFolder.push(shown),
      chooseFolder: options.chooseFolder ?? (async () => null),
      moveDatabase: { remember: (moved) => void moves.remembered.push(moved), restart: () => void (moves.restarts += 1) },
      defaultReportsFolder,
    },
  });
  return { ...core, opened, shownInFolder, moves, defaultReportsFolder };
}

/**
 * The value of a successful answer, typed by the channel's contract (its request too), so a
 * test never restates a response type; fails the test with main's error otherwise.
 */
export async function answer<C extends Channel>(dispatch: Dispatch, channel: C, ...request: Parameters<Api[C]>): Promise<ResponseOf<C>> {
  const result = await dispatch(channel, request[0]);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as ResponseOf<C>;
}
