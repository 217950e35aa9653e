import { describe, expect, it } from 'vitest';
import { addSyncWarnings, advanceCheckpoint, countInRun, finishSyncRun, getCheckpoint, listSyncRuns, startSyncRun } from '../../electron/store/sync-state';
import { storeWithConnection } from '../helpers/store';

describe('sync state', () => {
  it('keeps a checkpoint per connection and stream that only ever moves forward', () => {
    const { db, connectionId } = storeWithConnection();
    expect(getCheckpoint(db, connectionId, 'calls')).toBeNull();
    advanceCheckpoint(db, connectionId, 'calls', 1_000, 10);
    advanceCheckpoint(db, connectionId, 'calls', 500, 20); // an older window re-read
    advanceCheckpoint(db, connectionId, 'activity', 300, 30);
    expect(getCheckpoint(db, connectionId, 'calls')).toEqual({ connectionId, stream: 'calls', syncedThroughMs: 1_000, updatedAtMs: 10 });
    expect(getCheckpoint(db, connectionId, 'activity')?.syncedThroughMs).toBe(300);
    advanceCheckpoint(db, connectionId, 'calls', 2_000, 40);
    expect(getCheckpoint(db, connectionId, 'calls')?.syncedThroughMs).toBe(2_000);
    db.close();
  });

  it('records a run with its counts and warnings, and lists runs newest first', () => {
    const { db, connectionId } = storeWithConnection();
    const first = startSyncRun(db, connectionId, 1_000);
    countInRun(db, first, { calls: 10, transcripts: 2 });
    countInRun(db, first, { calls: 5, activityRows: 30 });
    addSyncWarnings(db, first, [{ stream: 'calls', vendorRecordId: 'call_9', message: 'A call could not be read.', raw: { id: 'call_9' } }], 1_500);
    expect(finishSyncRun(db, first, 'partial', null, 2_000)).toEqual({
      id: first,
      connectionId,
      status: 'partial',
      startedAtMs: 1_000,
      finishedAtMs: 2_000,
      callsWritten: 15,
      callsNew: 0,
      transcriptsWritten: 2,
      activityRowsWritten: 30,
      warningCount: 1,
      errorMessage: null,
      reconcile: false,
      callsGone: 0,
    });
    const second = startSyncRun(db, connectionId, 3_000);
    expect(listSyncRuns(db, { connectionId }).map((r) => [r.id, r.status])).toEqual([
      [second, 'running'],
      [first, 'partial'],
    ]);
    expect(db.prepare(`SELECT vendor_record_id, raw_json FROM sync_warnings`).all()).toEqual([{ vendor_record_id: 'call_9', raw_json: '{"id":"call_9"}' }]);
    db.close();
  });
});
