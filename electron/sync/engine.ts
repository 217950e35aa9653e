import type { Connection } from '../../shared/connections';
import type { SyncProgress, SyncRun } from '../../shared/sync';
import type { Db } from '../store/db';
import { closeInterruptedRuns, finishSyncRun, getSyncRun, startSyncRun } from '../store/sync-state';
import type { Connector } from '../vendors/connector';
import { isVendorRequestError, waitInWords, type VendorRequestError } from '../vendors/http/errors';
import { VENDOR_NAMES } from '../../shared/vendors';
import { syncActivity } from './activity';
import { syncAgentNames } from './agents';
import { reconcileCalls, syncCalls } from './calls';
import { SyncCancelled, type SyncContext } from './context';
import { RECONCILE_EVERY_MS, type RangeOptions } from './plan';
import { refreshActivityDays } from '../store/day-totals';
import { getReconcilePass } from '../store/reconcile';
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
  /**
   * Re-read the whole synced range and find calls the vendor no longer has:
   * true (`talktally sync --reconcile`), or 'when-due' (the app: weekly, and
   * always to finish a pass that was stopped). Default: only a stopped pass resumes.
   */
  reconcile?: boolean | 'when-due';
  onProgress?: (progress: SyncProgress) => void;
  /** For unexpected failures (bugs): the run records a plain sentence, this gets the details. */
  log?: (line: string) => void;
}

/** The vendor asked for a wait longer than a sync holds a request for: the rest follows at the next sync. */
const isPause = (error: unknown): error is VendorRequestError =>
  isVendorRequestError(error) && error.kind === 'rate_limited' && error.retryAfterMs !== undefined;

function pauseMessage(error: VendorRequestError): string {
  return `Paused: ${VENDOR_NAMES[error.vendor]} asked us to wait ${waitInWords(error.retryAfterMs ?? 0)} before more requests. What was read is saved; the next sync carries on from there.`;
}

/** Whether this run re-reads everything: asked for, due, or finishing a pass that was stopped. */
export function shouldReconcile(db: Db, connection: Connection, reconcile: SyncOptions['reconcile'], nowMs: number): boolean {
  const pass = getReconcilePass(db, connection.id);
  if (pass && pass.completedAtMs === null) return true;
  if (reconcile !== 'when-due') return reconcile === true;
  return nowMs - (pass?.completedAtMs ?? connection.createdAtMs) >= RECONCILE_EVERY_MS;
}

/** The sentence the sync history shows for a failure. */
function failureMessage(error: unknown): string {
  if (isVendorRequestError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Syncs one connection: its calls (window by window; the whole synced range
 * when reconciling), then per-user activity where the vendor has it, then the
 * transcripts still missing, newest first. Every page is
 * written with its counts in one transaction and checkpoints move only with the
 * data they cover, so a sync stopped at any point (cancelled, crashed, killed)
 * is completed by the next one with nothing lost or doubled.
 */
export async function syncConnection(options: SyncOptions): Promise<SyncRun> {
  const { db, connection, connector, signal } = options;
  const nowMs = options.nowMs ?? Date.now();
  closeInterruptedRuns(db, connection.id, nowMs);
  const reconcile = shouldReconcile(db, connection, options.reconcile, nowMs);
  const runId = startSyncRun(db, connection.id, nowMs, { reconcile });
  const progress: SyncProgress = {
    connectionId: connection.id,
    runId,
    stream: 'calls',
    window: null,
    pages: 0,
    records: 0,
    warnings: 0,
    transcriptsPending: 0,
    transcriptsDone: 0,
  };
  const context: SyncContext = { db, connection, connector, runId, nowMs, signal, progress, report: () => options.onProgress?.({ ...progress }) };
  const range = { sinceMs: options.sinceMs, lookbackMs: options.lookbackMs, backfillDays: options.backfillDays };

  try {
    // Calls, then activity (a manager's first need), then the transcript
    // backlog, which at 60-1,000 requests an hour can take hours.
    if (reconcile) await reconcileCalls(context);
    else await syncCalls(context, { ...range, windowMs: options.windowMs });
    // Agent names after the calls: the calls read has listed the agents, so this asks nothing more.
    await syncAgentNames(context);
    if (connector.hasActivity) await syncActivity(context, range);
    if (connector.transcripts === 'per-call') await syncTranscripts(context);
    const warnings = getSyncRun(db, runId)?.warningCount ?? 0;
    return finishSyncRun(db, runId, warnings > 0 ? 'partial' : 'succeeded', null, Date.now());
  } catch (error) {
    if (error instanceof SyncCancelled || signal?.aborted) {
      return finishSyncRun(db, runId, 'cancelled', new SyncCancelled().message, Date.now());
    }
    if (isPause(error)) return finishSyncRun(db, runId, 'partial', pauseMessage(error), Date.now());
    if (!isVendorRequestError(error)) options.log?.(`[sync] ${connection.label}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return finishSyncRun(db, runId, 'failed', failureMessage(error), Date.now());
  } finally {
    // Sums the days this run changed into the day totals here, off the window's thread
    // (store/day-totals.ts). Figures are right without it, only slower to read.
    try {
      refreshActivityDays(db);
    } catch (error) {
      options.log?.(`[sync] ${connection.label}: the day totals could not be brought up to date: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
