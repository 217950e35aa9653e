import type { AppInfo } from '../../shared/ipc/contract';
import type { SecretStore } from '../secrets/secret-store';
import { getSettings, updateSettings } from '../store/app-settings';
import { listCalls } from '../store/call-list';
import { getCall } from '../store/calls';
import type { Db } from '../store/database';
import { getTranscript } from '../store/transcripts';
import type { SyncService } from '../sync/service';
import type { ConnectorOptions } from '../vendors/connector';
import type { Handlers } from './dispatch';
import { notFound } from './errors';
import { connectionHandlers } from './handlers/connections';
import { syncHandlers } from './handlers/sync';

export interface HandlerDeps {
  db: Db;
  secrets: SecretStore;
  sync: SyncService;
  /** Opens an http(s) link in the user's browser; the URL is already validated. */
  openExternal(url: string): Promise<void>;
  appInfo(): AppInfo;
  /** HTTP tuning for "Test connection" (the demo and tests point at the local simulator). */
  http?: ConnectorOptions['http'];
  /** The daily sync: told when the settings change, asked when it runs next. */
  schedule?: { reschedule(): void; nextRunMs: number | null };
}

/** The app's handlers over the core. Electron's ipcMain, the browser tests and the CLI all use this one table. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, openExternal, appInfo } = deps;
  return {
    'app/info': () => appInfo(),
    'app/open-external': async ({ url }) => {
      await openExternal(url);
      return { opened: true };
    },
    ...connectionHandlers(deps),
    'calls/list': (query) => listCalls(db, query),
    'calls/get': ({ callId }) => {
      const call = getCall(db, callId);
      if (!call) throw notFound('That call');
      return { call, transcript: getTranscript(db, callId) };
    },
    ...syncHandlers(deps),
    'settings/get': () => ({ ...getSettings(db), nextDailySyncMs: deps.schedule?.nextRunMs ?? null }),
    'settings/update': (update) => {
      const settings = updateSettings(db, update);
      deps.schedule?.reschedule();
      return { ...settings, nextDailySyncMs: deps.schedule?.nextRunMs ?? null };
    },
  };
}
