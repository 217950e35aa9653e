import { countCallsAfter, findCallId, largestCallId, upsertCalls } from '../store/calls';
import { advanceReconcilePass, beginReconcilePass, completeReconcilePass, getReconcilePass, markGoneCalls, oldestCallMs } from '../store/reconcile';
import { addSyncWarnings, advanceCheckpoint, countInRun, getCheckpoint } from '../store/sync-state';
import { deleteTranscript, saveTranscript } from '../store/transcripts';
import type { CallsPage, TimeWindow, VendorCall } from '../vendors/connector';
import { stopIfCancelled, type SyncContext } from './context';
import { DEFAULT_LOOKBACK_MS, DEFAULT_WINDOW_MS, RECONCILE_WINDOW_MS, rangeToRead, windowsOf, type RangeOptions } from './plan';

/** What a window's last page does besides its data, in the same transaction: move the checkpoint, judge what is gone. */
type WindowEnd = (pagesHadWarnings: boolean, seen: ReadonlySet<string>) => void;

/**
 * Calls written per transaction. A vendor page can be huge (TalentLynk sends a
 * week of calls as one array): written whole, with two FTS5 indexes and their
 * triggers, it would hold the database's write lock for seconds, and every
 * other writer (the window saving a setting) would wait.
 */
export const WRITE_CHUNK = 250;

/**
 * Writes one page in transactions of at most WRITE_CHUNK calls: their calls,
 * any inline transcripts, the local effects of a purge and the run's counts;
 * the last one also carries the page's warnings and, for the window's last
 * page, the window's end (the checkpoint). A crash leaves whole chunks: the
 * checkpoint moves only with the last, so an interrupted page is read again.
 */
function writePage(context: SyncContext, page: CallsPage, end: (() => void) | null): void {
  const { db, connection, runId, nowMs } = context;
  const chunks: VendorCall[][] = [];
  for (let i = 0; i < page.calls.length; i += WRITE_CHUNK) chunks.push(page.calls.slice(i, i + WRITE_CHUNK));
  if (chunks.length === 0) chunks.push([]);
  for (const [i, calls] of chunks.entries()) {
    // IMMEDIATE: another process may be writing the file (the app beside the CLI, each syncing its own
    // connection). A deferred transaction that reads before its first write (a statement prepared inside it
    // reads the schema and FTS5's settings first) is refused the write lock at once with SQLITE_BUSY:
    // busy_timeout only makes a transaction wait that asks for the write lock before reading.
    db.transaction(() => {
      // Rowids only grow, and this transaction is the file's only writer: rows above the
      // largest id before it are the calls it stored for the first time.
      const lastIdBefore = largestCallId(db);
      const changed = upsertCalls(
        db,
        connection.id,
        calls.map((c) => c.call),
        nowMs,
      );
      const newCalls = countCallsAfter(db, lastIdBefore);
      let transcripts = 0;
      for (const { call, transcript } of calls) {
        const callId = call.isPurged || transcript ? findCallId(db, connection.id, call.vendorCallId) : null;
        if (callId === null) continue;
        // A purge at the vendor removes the conversation: the local copy goes too.
        if (call.isPurged) deleteTranscript(db, callId);
        else if (transcript && saveTranscript(db, callId, transcript, nowMs)) transcripts += 1;
      }
      countInRun(db, runId, { calls: changed, newCalls, transcripts });
      if (i < chunks.length - 1) return;
      addSyncWarnings(db, runId, page.warnings, nowMs);
      end?.();
    }).immediate();
  }
}

/** Reads a window page by page, holding each page back until the next arrives so the last one can carry the window's end. */
async function syncWindow(context: SyncContext, window: TimeWindow, end: WindowEnd): Promise<void> {
  let held: CallsPage | null = null;
  let hadWarnings = false;
  const seen = new Set<string>();
  for await (const page of context.connector.readCalls(window)) {
    if (held) writePage(context, held, null);
    held = page;
    for (const { call } of page.calls) seen.add(call.vendorCallId);
    hadWarnings ||= page.warnings.length > 0;
    context.progress.pages += 1;
    context.progress.records += page.calls.length;
    context.progress.warnings += page.warnings.length;
    context.report();
    stopIfCancelled(context);
  }
  writePage(context, held ?? { calls: [], warnings: [] }, () => end(hadWarnings, seen));
}

/** Reads windows in order, with progress; `end` runs with each window's last page. */
async function readWindows(context: SyncContext, windows: readonly TimeWindow[], end: (window: TimeWindow) => WindowEnd): Promise<void> {
  context.progress.stream = 'calls';
  for (const [i, window] of windows.entries()) {
    stopIfCancelled(context);
    context.progress.window = { index: i + 1, count: windows.length, ...window };
    context.report();
    await syncWindow(context, window, end(window));
  }
}

/** The calls stream: from the checkpoint (less the lookback) or the backfill start, window by window. */
export async function syncCalls(context: SyncContext, options: Omit<RangeOptions, 'nowMs'> & { windowMs?: number }): Promise<void> {
  const { db, connection, connector, nowMs } = context;
  const checkpoint = getCheckpoint(db, connection.id, 'calls');
  const range = rangeToRead(checkpoint?.syncedThroughMs ?? null, { ...options, nowMs });
  if (!range) return;
  const windows = windowsOf(range, {
    maxMs: Math.min(connector.maxCallWindowMs, options.windowMs ?? DEFAULT_WINDOW_MS),
    wholeDays: connector.dayGranularity,
  });
  await readWindows(context, windows, (window) => () => advanceCheckpoint(db, connection.id, 'calls', window.toMs, nowMs));
}

/**
 * The calls stream of a reconciliation: the connection's whole synced range
 * again, oldest first, so what vendors change long after a call (purges, trash,
 * restores, new summaries) arrives, and calls the vendor no longer has are
 * found. Windows are at most a week, so a pass stopped anywhere (a pause for the
 * rate limit, a crash) resumes at its last whole window on the next sync.
 * A window in which any record could not be read judges nothing gone: a
 * skipped record is not a deleted one.
 */
export async function reconcileCalls(context: SyncContext): Promise<void> {
  const { db, connection, connector, nowMs, runId } = context;
  let pass = getReconcilePass(db, connection.id);
  if (!pass || pass.completedAtMs !== null) {
    const oldest = oldestCallMs(db, connection.id);
    const checkpoint = getCheckpoint(db, connection.id, 'calls');
    const fromMs = Math.min(oldest ?? Infinity, checkpoint ? checkpoint.syncedThroughMs - DEFAULT_LOOKBACK_MS : Infinity);
    // Nothing stored yet: an ordinary first sync reads everything there is.
    if (!Number.isFinite(fromMs)) return syncCalls(context, {});
    beginReconcilePass(db, connection.id, fromMs, nowMs);
    pass = getReconcilePass(db, connection.id);
  }
  if (!pass) return;
  const agents = connection.settings.agentIds;
  const windows = windowsOf(
    { fromMs: pass.throughMs, toMs: nowMs },
    { maxMs: Math.min(connector.maxCallWindowMs, RECONCILE_WINDOW_MS), wholeDays: connector.dayGranularity },
  );
  await readWindows(context, windows, (window) => (hadWarnings, seen) => {
    if (hadWarnings) {
      addSyncWarnings(
        db,
        runId,
        [
          {
            stream: 'calls',
            vendorRecordId: null,
            message: `Calls deleted at the vendor between ${day(window.fromMs)} and ${day(window.toMs - 1)} were not looked for: some records of that time could not be read.`,
            raw: null,
          },
        ],
        nowMs,
      );
    } else {
      const gone = markGoneCalls(db, connection.id, { window, seen, ...(agents?.length ? { userIds: agents } : {}) }, nowMs);
      countInRun(db, runId, { callsGone: gone });
    }
    advanceCheckpoint(db, connection.id, 'calls', window.toMs, nowMs);
    advanceReconcilePass(db, connection.id, window.toMs);
  });
  completeReconcilePass(db, connection.id, nowMs);
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
