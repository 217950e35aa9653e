import { publishedRequestsPerHour, VENDOR_INFO, type Vendor } from './vendors';

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
  /** Calls written: new ones and changed ones (an unchanged call is not written). */
  callsWritten: number;
  /** Of those, calls stored for the first time; null for runs recorded before Talktally told them apart. */
  callsNew: number | null;
  transcriptsWritten: number;
  activityRowsWritten: number;
  warningCount: number;
  /** In plain words, for the sync history. */
  errorMessage: string | null;
  /** This run re-read the connection's whole synced range (a reconciliation). */
  reconcile: boolean;
  /** Calls the reconciliation found the vendor no longer has (their personal data is removed). */
  callsGone: number;
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

/** "about 3 h", "about 20 min", "under a minute": how long a backlog takes at a pace. */
function durationWords(hours: number): string {
  if (hours < 1 / 60) return 'under a minute';
  if (hours < 1.5) return `about ${Math.max(1, Math.round(hours * 60))} min`;
  return `about ${Math.round(hours)} h`;
}

/**
 * "2,950 transcripts to fetch, about 3 h": the transcript backlog of a
 * connection and how long it takes at the vendor's published pace (one request
 * each). Null when nothing is waiting or the vendor sends transcripts inline.
 */
export function transcriptBacklogWords(vendor: Vendor, pending: number): string | null {
  const time = transcriptBacklogTime(vendor, pending);
  return time && `${pending.toLocaleString('en-US')} transcript${pending === 1 ? '' : 's'} to fetch, ${time}`;
}

/** Just the time part: "about 3 h". */
export function transcriptBacklogTime(vendor: Vendor, pending: number): string | null {
  if (pending <= 0 || VENDOR_INFO[vendor].transcripts !== 'per-call') return null;
  return durationWords(pending / publishedRequestsPerHour(vendor));
}

/** Calls a run changed that were already stored; null for runs recorded before new and updated were told apart. */
export function updatedCalls(run: Pick<SyncRun, 'callsWritten' | 'callsNew'>): number | null {
  return run.callsNew === null ? null : run.callsWritten - run.callsNew;
}

/** A run with the records it had to skip, in plain words. */
export interface SyncHistoryEntry extends SyncRun {
  warnings: { vendorRecordId: string | null; message: string }[];
}
