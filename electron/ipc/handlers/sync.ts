import { listRunWarnings, listSyncRuns } from '../../store/sync-state';
import type { Handlers } from '../dispatch';
import type { HandlerDeps } from '../handler-deps';

/** The skipped records shown under a run in the history: enough to explain it, never the whole payload. */
const WARNINGS_SHOWN = 20;

export function syncHandlers({ db, sync }: HandlerDeps): Pick<Handlers, 'sync/start' | 'sync/cancel' | 'sync/status' | 'sync/history'> {
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
