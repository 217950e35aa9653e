import type { AppInfo } from '../../shared/ipc/contract';
import { createDispatch } from '../../electron/ipc/dispatch';
import { createHandlers } from '../../electron/ipc/handlers';
import { createKeychainSecretStore } from '../../electron/secrets/keychain';
import { getDatabaseId } from '../../electron/store/app-settings';
import { LATEST_SCHEMA_VERSION, type Db } from '../../electron/store/database';
import { SyncService } from '../../electron/sync/service';
import type { ConnectorOptions } from '../../electron/vendors/connector';

/** Fast retries and no client-side pacing: the simulator in tests runs without rate limits. */
export const SIM_HTTP: ConnectorOptions['http'] = { timeoutMs: 2_000, retries: 6, backoffLimitMs: 50, maxRetryAfterMs: 3_000, rateLimit: { limit: 10_000, intervalMs: 1_000 } };

/**
 * The main process's handler table over a real database and the real keychain
 * (call useKeyring() first), exactly as Electron's main wires it.
 */
export function createTestApp(db: Db, file: string, options: { http?: ConnectorOptions['http']; log?: (line: string) => void } = {}) {
  const secrets = createKeychainSecretStore(getDatabaseId(db));
  const opened: string[] = [];
  const sync = new SyncService({ db, secrets, http: options.http ?? SIM_HTTP });
  const info: AppInfo = { version: '0.1.0', databasePath: file, schemaVersion: LATEST_SCHEMA_VERSION, timeZone: 'Europe/London' };
  const handlers = createHandlers({
    db,
    secrets,
    sync,
    http: options.http ?? SIM_HTTP,
    openExternal: async (url) => void opened.push(url),
    appInfo: () => info,
  });
  return { secrets, sync, handlers, opened, dispatch: createDispatch(handlers, { error: options.log ?? (() => undefined) }) };
}
