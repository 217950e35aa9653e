import type { SyncRunStatus } from '../../../../shared/sync';

/** A run's outcome as the history says it. */
export const RUN_STATUS_WORDS: Record<SyncRunStatus, string> = {
  running: 'Running',
  succeeded: 'Finished',
  partial: 'Finished, some records skipped',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
