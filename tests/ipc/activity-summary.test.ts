import { describe, expect, it } from 'vitest';
import type { ActivityTotals } from '../../shared/activity';
import { metricChange, metricDefinition } from '../../shared/activity-metrics';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { answer, createTestApp } from '../helpers/app';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { DAY_MS } from '../../shared/time';

const NOW = Date.UTC(2026, 10, 20, 12);
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const LAST_7 = { fromDay: utcDay(NOW - 6 * DAY_MS), toDay: utcDay(NOW) };
const BEFORE_7 = { fromDay: utcDay(NOW - 13 * DAY_MS), toDay: utcDay(NOW - 7 * DAY_MS) };
const msOf = (range: { fromDay: string; toDay: string }) => ({
  fromMs: Date.parse(`${range.fromDay}T00:00:00Z`),
  toMs: Date.parse(`${range.toDay}T00:00:00Z`) + DAY_MS,
});

interface Figures {
  calls: number;
  missed: number;
  talk: number;
}

/**
 * Each person's figures for a period, straight from the tables: TalentLynk's
 * own daily rows, and the voice-AI platforms' calls (answered, missed and
 * not-answered calls; no test calls). Keyed by connection and the id their calls carry.
 */
function figuresBySql(db: Db, range: { fromDay: string; toDay: string }): Map<string, Figures> {
  const { fromMs, toMs } = msOf(range);
  const rows = db
    .prepare(
      `SELECT connection_id || ':' || coalesce(max(user_email), user_id) AS person, total(inbound_calls + outbound_calls + missed_calls + no_answer_calls) AS calls,
         total(missed_calls) AS missed, total(inbound_seconds + outbound_seconds) AS talk
       FROM user_activity WHERE day BETWEEN ? AND ? GROUP BY connection_id, user_id
       UNION ALL
       SELECT c.connection_id || ':' || coalesce(c.user_id, ''), sum(c.status IN ('answered', 'missed', 'no_answer')), sum(c.status = 'missed'),
         total(CASE WHEN c.status = 'answered' THEN c.talk_seconds END)
       FROM calls c JOIN connections k ON k.id = c.connection_id
       WHERE k.vendor <> 'talentlynk' AND c.started_at_ms >= ? AND c.started_at_ms < ? AND c.is_test = 0 GROUP BY c.connection_id, c.user_id`,
    )
    .all(range.fromDay, range.toDay, fromMs, toMs) as ({ person: string } & Figures)[];
  return new Map(rows.map(({ person, ...f }) => [person, f]));
}

const personOf = (r: ActivityTotals) => `${r.connectionId}:${r.callsUserId ?? ''}`;

describe('activity/summary: the period before, and agents by name', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 400, days: 20, rateLimits: 'off' });

  it('gives each person’s figures for the 7 days before, and their change, equal to SQL over both periods', async () => {
    const db = openDatabase(':memory:');
    for (const vendor of ['talentlynk', 'talknex', 'talkover'] as const)
      await syncFromSim(db, ctx.sim, addSimConnection(db, ctx.sim, vendor), { sinceMs: NOW - 20 * DAY_MS });
    const app = createTestApp(db, ':memory:', { inProcess: true });
    await answer(app.dispatch, 'settings/update', { timeZone: 'UTC' });
    const summary = await answer(app.dispatch, 'activity/summary', { range: LAST_7 });
    expect(summary.previous.range).toEqual(BEFORE_7);
    expect(summary.rangeMs).toEqual(msOf(LAST_7));
    expect(summary.previous.rangeMs).toEqual(msOf(BEFORE_7));

    const now = figuresBySql(db, LAST_7);
    const before = figuresBySql(db, BEFORE_7);
    const calls = metricDefinition('calls');
    const previousOf = new Map(summary.previous.users.map((u) => [personOf(u), u]));
    expect(summary.users.length).toBe(now.size);
    expect(summary.previous.users.length).toBe(before.size);
    let compared = 0;
    for (const user of summary.users) {
      const expected = now.get(personOf(user))!;
      expect(calls.value(user)).toBe(expected.calls);
      expect(user.missedCalls).toBe(expected.missed);
      expect(user.inboundSeconds + user.outboundSeconds).toBe(expected.talk);
      const then = before.get(personOf(user));
      const previous = previousOf.get(personOf(user));
      expect(previous === undefined).toBe(then === undefined);
      if (!then || !previous) continue;
      expect(calls.value(previous)).toBe(then.calls);
      expect(previous.inboundSeconds + previous.outboundSeconds).toBe(then.talk);
      // The change a row shows, against the change worked out here from the two SQL figures.
      const change = then.calls === 0 ? (expected.calls === 0 ? 0 : 'new') : (expected.calls - then.calls) / then.calls;
      expect(metricChange(calls, user, previous)).toBe(change);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(20);
    // Overall, too: every person's sums.
    const sum = (m: Map<string, Figures>, key: keyof Figures) => [...m.values()].reduce((n, f) => n + f[key], 0);
    expect(calls.value(summary.total)).toBe(sum(now, 'calls'));
    expect(calls.value(summary.previous.total)).toBe(sum(before, 'calls'));
    expect(summary.previous.total.missedCalls).toBe(sum(before, 'missed'));
    await app.close();
    db.close();
  });

  it('names HighLevel agents from the agent list when the token may read it; otherwise shows the id and says why', async () => {
    const agents = ctx.sim.datasets.highlevel.agents;
    const callLogsOnly = ctx.sim.credentials.highlevel.scopedTokens!['voice-ai-dashboard.readonly']!;
    const agentRows = async (db: Db) => {
      const app = createTestApp(db, ':memory:', { inProcess: true });
      await answer(app.dispatch, 'settings/update', { timeZone: 'UTC' });
      const summary = await answer(app.dispatch, 'activity/summary', { range: { fromDay: utcDay(NOW - 19 * DAY_MS), toDay: utcDay(NOW) } });
      await app.close();
      return summary.users.filter((u) => u.kind === 'ai_agent');
    };

    // A token with both scopes: every agent by its name in the simulator's own list.
    const named = openDatabase(':memory:');
    await syncFromSim(named, ctx.sim, addSimConnection(named, ctx.sim, 'highlevel'), { sinceMs: NOW - 20 * DAY_MS });
    const rows = await agentRows(named);
    expect(rows.map((r) => [r.callsUserId, r.user, r.nameNote]).sort()).toEqual(agents.map((a) => [a.id, a.name, null]).sort());
    named.close();

    // Call logs only: the agents by id, each saying why.
    const db = openDatabase(':memory:');
    const connection = addSimConnection(db, ctx.sim, 'highlevel');
    await syncFromSim(db, ctx.sim, connection, { sinceMs: NOW - 20 * DAY_MS, connector: { apiKey: callLogsOnly } });
    const byId = await agentRows(db);
    expect(byId.map((r) => r.user).sort()).toEqual(agents.map((a) => a.id).sort());
    expect(new Set(byId.map((r) => r.nameNote))).toEqual(
      new Set(['name not available: this token cannot list agents (it lacks the scope voice-ai-agents.readonly)']),
    );
    expect(db.prepare(`SELECT outcome FROM vendor_agent_lists WHERE connection_id = ?`).pluck().get(connection.id)).toBe('not_allowed');

    // The scope added later: the next sync re-reads only the last two days, so older calls keep no name,
    // yet every agent is named, from the list the sync kept.
    await syncFromSim(db, ctx.sim, connection);
    expect(db.prepare(`SELECT count(*) FROM calls WHERE connection_id = ? AND user_name IS NULL`).pluck().get(connection.id)).toBeGreaterThan(0);
    const later = await agentRows(db);
    expect(later.map((r) => [r.callsUserId, r.user, r.nameNote]).sort()).toEqual(agents.map((a) => [a.id, a.name, null]).sort());
    db.close();
  });
});
