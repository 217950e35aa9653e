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

/** What a running sync is doing, for progress bars and the terminal. */
export interface SyncProgress {
  connectionId: number;
  runId: number;
  stream: SyncStream;
  /** The window being read (calls, activity): 1-based index of count. */
  window: { index: number; count: number; fromMs: number; toMs: number } | null;
  pages: number;
  /** Records read so far in this run (calls, transcripts or activity rows). */
  records: number;
  warnings: number;
  transcriptsPending: number;
  transcriptsDone: number;
}
