import type { Connection } from '../../shared/connections';
import type { SyncProgress, SyncRun } from '../../shared/sync';
import type { Db } from '../store/database';
import { closeInterruptedRuns, finishSyncRun, getSyncRun, startSyncRun } from '../store/sync-state';
import type { Connector } from '../vendors/connector';
import { isVendorRequestError } from '../vendors/http/errors';
import { syncActivity } from './activity';
import { syncCalls } from './calls';
import { SyncCancelled, type SyncContext } from './context';
import type { RangeOptions } from './plan';
import { syncTranscripts } from './transcripts';

export interface SyncOptions extends Omit<RangeOptions, 'nowMs'> {
  db: Db;
  connection: Connection;
  /** Made for this run, with the run's abort signal in its HTTP options. */
  connector: Connector;
  /** The run's "now"; tests fix it. Default: the real time. */
  nowMs?: number;
  /** Longest calls window between checkpoints (default: as long as the vendor allows; see plan.ts). */
  windowMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** For unexpected failures (bugs): the run records a plain sentence, this gets the details. */
  log?: (line: string) => void;
}

/** The sentence the sync history shows for a failure. */
function failureMessage(error: unknown): string {
  if (isVendorRequestError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Syncs one connection: its calls (window by window), then the transcripts
 * still missing, then per-user activity where the vendor has it. Every page is
 * written with its counts in one transaction and checkpoints move only with the
 * data they cover, so a sync stopped at any point (cancelled, crashed, killed)
 * is completed by the next one with nothing lost or doubled.
 */
export async function syncConnection(options: SyncOptions): Promise<SyncRun> {
  const { db, connection, connector, signal } = options;
  const nowMs = options.nowMs ?? Date.now();
  closeInterruptedRuns(db, connection.id, nowMs);
  const runId = startSyncRun(db, connection.id, nowMs);
  const progress: SyncProgress = { connectionId: connection.id, runId, stream: 'calls', window: null, pages: 0, records: 0, warnings: 0, transcriptsPending: 0, transcriptsDone: 0 };
  const context: SyncContext = { db, connection, connector, runId, nowMs, signal, progress, report: () => options.onProgress?.({ ...progress }) };
  const range = { sinceMs: options.sinceMs, lookbackMs: options.lookbackMs, backfillDays: options.backfillDays };

  try {
    await syncCalls(context, { ...range, windowMs: options.windowMs });
    if (connector.transcripts === 'per-call') await syncTranscripts(context);
    if (connector.hasActivity) await syncActivity(context, range);
    const warnings = getSyncRun(db, runId)?.warningCount ?? 0;
    return finishSyncRun(db, runId, warnings > 0 ? 'partial' : 'succeeded', null, Date.now());
  } catch (error) {
    if (error instanceof SyncCancelled || signal?.aborted) {
      return finishSyncRun(db, runId, 'cancelled', new SyncCancelled().message, Date.now());
    }
    if (!isVendorRequestError(error)) options.log?.(`[sync] ${connection.label}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return finishSyncRun(db, runId, 'failed', failureMessage(error), Date.now());
  }
}
