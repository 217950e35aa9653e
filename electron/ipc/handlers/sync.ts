import { listRunWarnings, listSyncRuns } from '../../store/sync-state';
import type { Handlers } from '../dispatch';
import type { Db } from '../../store/db';
import type { SyncService } from '../../sync/service';

/** The skipped records shown under a run in the history: enough to explain it, never the whole payload. */
const WARNINGS_SHOWN = 20;

export interface SyncHandlerDeps {
  db: Db;
  sync: Pick<SyncService, 'start' | 'cancel' | 'status' | 'finishedRuns'>;
}

export function syncHandlers({ db, sync }: SyncHandlerDeps): Pick<Handlers, 'sync/start' | 'sync/cancel' | 'sync/status' | 'sync/history'> {
  return {
    'sync/start': ({ connectionIds }) => ({ started: sync.start(connectionIds) }),
    'sync/cancel': ({ connectionIds }) => ({ cancelled: sync.cancel(connectionIds) }),
    'sync/status': () => ({ running: sync.status(), finishedRuns: sync.finishedRuns }),
    'sync/history': ({ connectionId, limit }) =>
      listSyncRuns(db, { ...(connectionId === undefined ? {} : { connectionId }), limit }).map((run) => ({
        ...run,
        warnings: listRunWarnings(db, run.id, WARNINGS_SHOWN),
      })),
  };
}
