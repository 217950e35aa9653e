export const SYNC_STREAMS = ['calls', 'transcripts', 'activity'] as const;
export type SyncStream = (typeof SYNC_STREAMS)[number];

export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'partial', 'failed', 'cancelled'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

export interface SyncRun {
  id: number;
  connectionId: number | null;
  status: SyncRunStatus;
  startedAtMs: number;
  finishedAtMs: number | null;
  callsWritten: number;
  transcriptsWritten: number;
  activityRowsWritten: number;
  warningCount: number;
  /** In plain words, for the sync history. */
  errorMessage: string | null;
}

/** How far a stream of a connection is known to be complete. */
export interface SyncCheckpoint {
  connectionId: number;
  stream: SyncStream;
  /** Everything the vendor had before this instant is stored. */
  syncedThroughMs: number;
  updatedAtMs: number;
}
