import type { AppInfo } from '../../shared/ipc/contract';
import { listCalls } from '../store/call-list';
import { getCall } from '../store/calls';
import { listConnections } from '../store/connections';
import type { Db } from '../store/database';
import { getTranscript } from '../store/transcripts';
import type { Handlers } from './dispatch';
import { notFound } from './errors';

export interface HandlerDeps {
  db: Db;
  /** Opens an http(s) link in the user's browser; the URL is already validated. */
  openExternal(url: string): Promise<void>;
  appInfo(): AppInfo;
}

/** The app's handlers over the core. Electron's ipcMain, the browser tests and the CLI all use this one table. */
export function createHandlers({ db, openExternal, appInfo }: HandlerDeps): Handlers {
  return {
    'app/info': () => appInfo(),
    'app/open-external': async ({ url }) => {
      await openExternal(url);
      return { opened: true };
    },
    'connections/list': () => listConnections(db),
    'calls/list': (query) => listCalls(db, query),
    'calls/get': ({ callId }) => {
      const call = getCall(db, callId);
      if (!call) throw notFound('That call');
      return { call, transcript: getTranscript(db, callId) };
    },
  };
}
