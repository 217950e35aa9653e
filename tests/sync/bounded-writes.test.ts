import { describe, expect, it } from 'vitest';
import type { CallStatus } from '../../shared/calls';
import { WRITE_CHUNK } from '../../electron/sync/calls';
import { syncConnection } from '../../electron/sync/engine';
import { getCheckpoint } from '../../electron/store/sync-state';
import { getConnection } from '../../electron/store/connections';
import type { CallsPage, Connector } from '../../electron/vendors/connector';
import { makeCall } from '../helpers/fixtures';
import { storeWithConnection } from '../helpers/store';
import { DAY_MS } from '../../shared/time';

/**
 * A vendor page of any size is written in transactions of at most WRITE_CHUNK
 * calls, and the checkpoint moves only with the last of them. A stand-in
 * vendor (the only fake here) sends one page of 1,000 calls whose 701st the
 * database refuses mid-page: the chunks before it are saved, the checkpoint
 * stays, and a sync that can read the page again completes it.
 */

const T0 = Date.UTC(2026, 9, 15, 9, 21, 34);
const NOW = T0 + 2 * DAY_MS;

function oneBigPage(broken: number | null): Connector {
  const calls = Array.from({ length: 1_000 }, (_, n) => makeCall(n, n === broken ? { status: 'not-a-status' as CallStatus } : {}));
  return {
    vendor: 'talentlynk',
    maxCallWindowMs: Infinity,
    dayGranularity: false,
    transcripts: 'none',
    hasActivity: false,
    requestCount: 0,
    testConnection: async () => ({ ok: true, message: 'Works' }),
    async *readCalls(): AsyncIterable<CallsPage> {
      yield { calls: calls.map((call) => ({ call })), warnings: [] };
    },
    fetchTranscript: async () => ({ state: 'none' }),
    readActivity: async () => ({ rows: [], warnings: [] }),
  };
}

describe('bounded writes', () => {
  it(`writes a 1,000-call page in chunks of ${WRITE_CHUNK}: a failure mid-page keeps the chunks before it and not the checkpoint`, async () => {
    expect(WRITE_CHUNK).toBeLessThan(1_000);
    const { db, connectionId } = storeWithConnection('talentlynk');
    const connection = getConnection(db, connectionId)!;
    const failed = await syncConnection({ db, connection, connector: oneBigPage(700), nowMs: NOW, sinceMs: T0 - 1 });
    expect(failed.status).toBe('failed');
    const saved = db.prepare(`SELECT count(*) FROM calls`).pluck().get() as number;
    expect(saved).toBe(Math.floor(700 / WRITE_CHUNK) * WRITE_CHUNK);
    expect(getCheckpoint(db, connectionId, 'calls')).toBeNull();

    const done = await syncConnection({ db, connection, connector: oneBigPage(null), nowMs: NOW, sinceMs: T0 - 1 });
    expect(done.status).toBe('succeeded');
    expect(db.prepare(`SELECT count(*) FROM calls`).pluck().get()).toBe(1_000);
    expect(getCheckpoint(db, connectionId, 'calls')?.syncedThroughMs).toBe(NOW);
    db.close();
  });
});
