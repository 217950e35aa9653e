import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { listSyncRuns } from '../../electron/store/sync-state';
import { countPendingTranscripts } from '../../electron/store/transcripts';
import { transcriptBacklogWords } from '../../shared/sync';
import { useSimulator } from '../helpers/simulator';
import { assertIndexesIntact } from '../helpers/store';
import { addSimConnection, syncedData, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';

const NOW = Date.UTC(2026, 10, 20, 12);

function freshStore(sim: ReturnType<typeof useSimulator>['sim']) {
  const db = openDatabase(tempDatabasePath());
  return { db, connection: addSimConnection(db, sim, 'talentlynk') };
}

const pathsSince = (sim: ReturnType<typeof useSimulator>['sim'], from: number) => sim.requests.slice(from).map((r) => new URL(r.url, 'http://sim').pathname);

describe('the order of a sync and a pause for the rate limit', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 900, days: 40, rateLimits: 'off' });

  it('reads calls, then activity, then the transcript backlog, so a manager has the activity report first', async () => {
    const { db, connection } = freshStore(ctx.sim);
    const from = ctx.sim.requests.length;
    const { run } = await syncFromSim(db, ctx.sim, connection);
    expect(run.status).toBe('succeeded');
    const paths = pathsSince(ctx.sim, from);
    const lastOf = (part: string) => paths.findLastIndex((p) => p.includes(part));
    const firstOf = (part: string) => paths.findIndex((p) => p.includes(part));
    expect(firstOf('/transcripts/')).toBeGreaterThan(lastOf('/user-activity'));
    expect(firstOf('/user-activity')).toBeGreaterThan(lastOf('/call-logs'));
    db.close();
  });

  it('ends "partial" when the vendor asks for a longer wait than a sync holds on, and the next sync finishes the job', async () => {
    const interrupted = freshStore(ctx.sim);
    // An hour's wait on the fifth transcript request: longer than the client's 3 s patience in tests.
    let transcriptRequests = 0;
    const before = ctx.sim.requests.length;
    const first = await syncFromSim(interrupted.db, ctx.sim, interrupted.connection, {
      onProgress: (p) => {
        if (p.stream === 'transcripts' && p.transcriptsDone === 4 && transcriptRequests++ === 0) {
          ctx.sim.faults.inject('talentlynk', { kind: 'status', status: 429, retryAfter: '3600' }, { pathIncludes: '/transcripts/', times: 8 });
        }
      },
    });
    expect(first.run.status).toBe('partial');
    expect(first.run.errorMessage).toMatch(
      /^Paused: TalentLynk asked us to wait about 60 min before more requests\. What was read is saved; the next sync carries on from there\.$/,
    );
    // Not a 429 storm: the long wait stopped the stream instead of retrying into it.
    const refused = ctx.sim.requests.slice(before).filter((r) => r.status === 429).length;
    expect(refused).toBeLessThanOrEqual(4);
    // Activity came before the transcripts, so it is all there already.
    const pending = countPendingTranscripts(interrupted.db, interrupted.connection.id);
    expect(pending).toBeGreaterThan(0);
    expect(transcriptBacklogWords('talentlynk', pending)).toMatch(/^[\d,]+ transcripts? to fetch, (about \d+ (min|h)|under a minute)$/);
    // Whatever 429s are left unused must not touch the next run.
    while (ctx.sim.faults.take('talentlynk', '/transcripts/')) {
      /* drain */
    }

    const second = await syncFromSim(interrupted.db, ctx.sim, interrupted.connection);
    expect(second.run.status).toBe('succeeded');
    expect(countPendingTranscripts(interrupted.db, interrupted.connection.id)).toBe(0);

    const straight = freshStore(ctx.sim);
    await syncFromSim(straight.db, ctx.sim, straight.connection);
    expect(syncedData(interrupted.db, { ignore: ['write-times'] })).toEqual(syncedData(straight.db, { ignore: ['write-times'] }));
    assertIndexesIntact(interrupted.db);
    expect(listSyncRuns(interrupted.db, { connectionId: interrupted.connection.id }).map((r) => r.status)).toEqual(['succeeded', 'partial']);
    interrupted.db.close();
    straight.db.close();
  });
});
