import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { countPendingTranscripts } from '../../electron/store/transcripts';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncedData, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';

/**
 * A TalkPilot key whose admin set limits below the published 60 a minute and
 * 1,000 an hour. The client is told only the published figures (here: far
 * more, as the tests' fast pacing is); what it learns of the real limits comes
 * from the vendor's X-RateLimit-* headers. Windows are shrunk so a test can
 * wait one out (the headers still count in whole seconds, as documented).
 */

const NOW = Date.UTC(2026, 10, 20, 12);

function useLimitedTalkpilot(rateLimitWindowMs: number) {
  const ctx = useSimulator({ nowMs: NOW, calls: 400, days: 40, rateLimits: 'off', rateLimitWindowMs });
  afterEach(() => ctx.sim.talkpilot.reset());
  const store = () => {
    const db = openDatabase(tempDatabasePath());
    return { db, connection: addSimConnection(db, ctx.sim, 'talkpilot') };
  };
  const refusedSince = (from: number) => ctx.sim.requests.slice(from).filter((r) => r.vendor === 'talkpilot' && r.status === 429).length;
  return { ctx, store, refusedSince };
}

describe('syncing a TalkPilot key with a lower per-minute limit ("minute" = 1 s)', () => {
  const { ctx, store, refusedSince } = useLimitedTalkpilot(1_000);

  it('paces to the limit the headers announce: no 429 storm', async () => {
    ctx.sim.talkpilot.setKeyLimits({ perMinute: 25, perHour: 100_000 });
    const { db, connection } = store();
    const from = ctx.sim.requests.length;
    const { run } = await syncFromSim(db, ctx.sim, connection);
    expect(run.status).toBe('succeeded');
    const sent = ctx.sim.requests.length - from;
    expect(sent).toBeGreaterThan(50);
    // The first requests go out before any header has been read; after that, none is refused.
    expect(refusedSince(from)).toBeLessThanOrEqual(1);
    db.close();
  });
});

describe('syncing a TalkPilot key with a lower hourly limit ("hour" = 6 s)', () => {
  const { ctx, store, refusedSince } = useLimitedTalkpilot(100);

  it('pauses when the hourly budget is used up (a wait longer than it holds on), says so, and the next sync completes', async () => {
    ctx.sim.talkpilot.setKeyLimits({ perMinute: 50, perHour: 40 });
    const paused = store();
    const from = ctx.sim.requests.length;
    const first = await syncFromSim(paused.db, ctx.sim, paused.connection, { connector: { http: { maxRetryAfterMs: 2_000 } } });
    expect(first.run.status).toBe('partial');
    expect(first.run.errorMessage).toMatch(
      /^Paused: TalkPilot asked us to wait \d+ s before more requests\. What was read is saved; the next sync carries on from there\.$/,
    );
    expect(refusedSince(from)).toBeLessThanOrEqual(1);
    expect(countPendingTranscripts(paused.db, paused.connection.id)).toBeGreaterThan(0);

    // The "hour" (6 s here) turns; sync until done, as the schedule would.
    ctx.sim.talkpilot.setKeyLimits({ perMinute: 50, perHour: 100_000 });
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    const second = await syncFromSim(paused.db, ctx.sim, paused.connection);
    expect(second.run.status).toBe('succeeded');
    expect(countPendingTranscripts(paused.db, paused.connection.id)).toBe(0);

    const straight = store();
    await syncFromSim(straight.db, ctx.sim, straight.connection);
    expect(syncedData(paused.db, { ignore: ['write-times', 'signed-links'] })).toEqual(syncedData(straight.db, { ignore: ['write-times', 'signed-links'] }));
    paused.db.close();
    straight.db.close();
  });
});
