import { findCallId, upsertCalls } from '../store/calls';
import { addSyncWarnings, advanceCheckpoint, countInRun, getCheckpoint } from '../store/sync-state';
import { deleteTranscript, saveTranscript } from '../store/transcripts';
import type { CallsPage, TimeWindow } from '../vendors/connector';
import { stopIfCancelled, type SyncContext } from './context';
import { DEFAULT_WINDOW_MS, rangeToRead, windowsOf, type RangeOptions } from './plan';

/**
 * Writes one page in one transaction: its calls, any inline transcripts, the
 * local effects of a purge, its warnings and the run's counts, and, for the
 * window's last page, the checkpoint. A crash leaves either all of it or none.
 */
function writePage(context: SyncContext, page: CallsPage, checkpointMs: number | null): void {
  const { db, connection, runId, nowMs } = context;
  db.transaction(() => {
    const changed = upsertCalls(db, connection.id, page.calls.map((c) => c.call), nowMs);
    let transcripts = 0;
    for (const { call, transcript } of page.calls) {
      const callId = call.isPurged || transcript ? findCallId(db, connection.id, call.vendorCallId) : null;
      if (callId === null) continue;
      // A purge at the vendor removes the conversation: the local copy goes too.
      if (call.isPurged) deleteTranscript(db, callId);
      else if (transcript && saveTranscript(db, callId, transcript, nowMs)) transcripts += 1;
    }
    addSyncWarnings(db, runId, page.warnings, nowMs);
    countInRun(db, runId, { calls: changed, transcripts });
    if (checkpointMs !== null) advanceCheckpoint(db, connection.id, 'calls', checkpointMs, nowMs);
  })();
}

/** Reads a window page by page, holding each page back until the next arrives so the last one can carry the checkpoint. */
async function syncWindow(context: SyncContext, window: TimeWindow): Promise<void> {
  let held: CallsPage | null = null;
  for await (const page of context.connector.readCalls(window)) {
    if (held) writePage(context, held, null);
    held = page;
    context.progress.pages += 1;
    context.progress.records += page.calls.length;
    context.progress.warnings += page.warnings.length;
    context.report();
    stopIfCancelled(context);
  }
  writePage(context, held ?? { calls: [], warnings: [] }, window.toMs);
}

/** The calls stream: from the checkpoint (less the lookback) or the backfill start, window by window. */
export async function syncCalls(context: SyncContext, options: Omit<RangeOptions, 'nowMs'> & { windowMs?: number }): Promise<void> {
  const checkpoint = getCheckpoint(context.db, context.connection.id, 'calls');
  const range = rangeToRead(checkpoint?.syncedThroughMs ?? null, { ...options, nowMs: context.nowMs });
  if (!range) return;
  const { connector } = context;
  const windows = windowsOf(range, {
    maxMs: Math.min(connector.maxCallWindowMs, options.windowMs ?? DEFAULT_WINDOW_MS),
    wholeDays: connector.dayGranularity,
  });
  context.progress.stream = 'calls';
  for (const [i, window] of windows.entries()) {
    stopIfCancelled(context);
    context.progress.window = { index: i + 1, count: windows.length, ...window };
    context.report();
    await syncWindow(context, window);
  }
}
