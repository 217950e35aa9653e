import pMap from 'p-map';
import { upsertCalls } from '../store/calls';
import { advanceCheckpoint, countInRun } from '../store/sync-state';
import { markNoTranscript, pendingTranscripts, saveTranscript, type PendingTranscript } from '../store/transcripts';
import type { TranscriptResult } from '../vendors/connector';
import { stopIfCancelled, type SyncContext } from './context';

/** Requests in flight at once; the connection's rate limiter paces them. */
const CONCURRENCY = 4;

/** Stores what the vendor said about one call's transcript, in one transaction. */
function writeResult(context: SyncContext, call: PendingTranscript, result: TranscriptResult): void {
  const { db, connection, runId, nowMs } = context;
  // IMMEDIATE, like a calls page (calls.ts): it waits for another process's write instead of failing.
  db.transaction(() => {
    // The detail may carry more than the list did: a score, sentiment, a fresh signed recording link.
    const changed = result.call ? upsertCalls(db, connection.id, [result.call], nowMs, { fromDetail: true }) : 0;
    let saved = 0;
    if (result.state === 'ready' && saveTranscript(db, call.id, result.transcript, nowMs)) saved = 1;
    if (result.state === 'processing') {
      saveTranscript(
        db,
        call.id,
        { status: 'processing', languageCode: null, confidence: null, durationSeconds: null, error: null, utterances: [], raw: null },
        nowMs,
      );
    }
    // None will come: stop asking.
    if (result.state === 'none') markNoTranscript(db, call.id);
    countInRun(db, runId, { calls: changed, transcripts: saved });
  }).immediate();
}

/** The transcripts stream: fetch every pending transcript, a few at a time, each written as it arrives. */
export async function syncTranscripts(context: SyncContext): Promise<void> {
  const pending = pendingTranscripts(context.db, context.connection.id);
  context.progress.stream = 'transcripts';
  context.progress.window = null;
  context.progress.transcriptsPending = pending.length;
  context.progress.transcriptsDone = 0;
  context.report();
  await pMap(
    pending,
    async (call) => {
      stopIfCancelled(context);
      const result = await context.connector.fetchTranscript({ vendorCallId: call.vendor_call_id, userId: call.user_id, messageId: call.message_id });
      writeResult(context, call, result);
      context.progress.transcriptsDone += 1;
      context.progress.records += 1;
      context.report();
    },
    { concurrency: CONCURRENCY, ...(context.signal ? { signal: context.signal } : {}) },
  );
  advanceCheckpoint(context.db, context.connection.id, 'transcripts', context.nowMs, context.nowMs);
}
