import type { SyncProgress, SyncRun } from '../../shared/sync';
import type { ReportFileProblem } from '../reports/file';
import type { ParsedReportRequest, WriteReportOptions } from '../reports/write-report';
import type { Simulator, SimulatorOptions } from '../simulator/server';
import type { SyncRequest } from '../sync/runner';

/**
 * The messages between main and the core's worker (a Node worker thread that
 * owns its own connection to the SQLite file and does the long work: syncs,
 * reconciliation, report writing). Plain data only: structured clone carries
 * no functions, classes or signals, so cancel is a message too.
 */

/** What the worker is started with (`workerData`). */
export interface WorkerStart {
  databasePath: string;
}

export type ToWorker =
  | { type: 'sync'; id: number; request: SyncRequest }
  | { type: 'report'; id: number; request: ParsedReportRequest; options: Omit<WriteReportOptions, 'signal' | 'onProgress'> }
  /** Starts the demo's vendor simulator in the worker; `simulator-stop` with the same id closes it. */
  | { type: 'simulator'; id: number; options: SimulatorOptions }
  | { type: 'simulator-stop'; id: number }
  /** Works out a tracker's hits over every call (a save on the Settings screen). */
  | { type: 'tracker-hits'; id: number; trackerId: number }
  /** Cancels the sync or report with this id; it stops at its next page or row chunk. */
  | { type: 'cancel'; id: number };

/** A failure in words main can show: file problems are the user's to fix, anything else is ours. */
export interface WorkFailure {
  kind: 'file' | 'cancelled' | 'unexpected';
  message: string;
  /** For a file problem: which one (ReportFileError.problem). */
  problem?: ReportFileProblem;
}

export type FromWorker =
  | { type: 'sync-progress'; id: number; progress: SyncProgress }
  | { type: 'sync-done'; id: number; run: SyncRun }
  | { type: 'report-progress'; id: number; written: number; total: number }
  | { type: 'report-done'; id: number; written: number }
  | { type: 'simulator-ready'; id: number; simulator: Pick<Simulator, 'baseUrls' | 'credentials'> }
  | { type: 'simulator-stopped'; id: number }
  | { type: 'tracker-hits-done'; id: number }
  | { type: 'failed'; id: number; failure: WorkFailure }
  /** A line for main's log (already scrubbed of secrets by whoever wrote it). */
  | { type: 'log'; line: string };
