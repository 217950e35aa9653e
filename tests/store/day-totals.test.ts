import { describe, expect, it } from 'vitest';
import { VENDORS, VENDORS_WITH_ACTIVITY } from '../../shared/vendors';
import { ACTIVITY_BY_DAY_SQL, activityByDay, activityTotals, activityTotalsSql, type ActivityQuery } from '../../electron/store/activity-totals';
import type { ActivityTotals } from '../../shared/activity';
import { conversationByPerson, CONVERSATION_BY_PERSON_SQL } from '../../electron/store/conversation';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { markEveryDayDirty, refreshActivityDays, refreshActivityDaysSteps } from '../../electron/store/day-totals';
import { dayParams } from '../../electron/store/activity-days';
import { DAY_MS as DAY } from '../../shared/time';
import { deleteTranscript } from '../../electron/store/transcripts';
import { TRACKER_COUNTS_SQL, trackerCountsByPerson } from '../../electron/store/tracker-counts';
import { removeTracker, saveTracker } from '../../electron/store/trackers';
import { activityQuery, lastDays } from '../../electron/reports/range';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';

/**
 * The day totals (migration 14) are a cache: whatever mix of summed and
 * not-yet-summed days a database holds, Activity's figures must equal a plain
 * count over the stored rows. The expected figures here are worked out in
 * JavaScript from `calls`, `call_conversation` and `call_tracker_hits` rows,
 * never from the day tables or their SQL.
 */
const NOW = Date.UTC(2026, 10, 20, 15, 30);
const DERIVED_VENDORS = VENDORS.filter((v) => !VENDORS_WITH_ACTIVITY.includes(v));

interface CallRow {
  id: number;
  connection_id: number;
  vendor: string;
  user_id: string | null;
  user_name: string | null;
  handler_kind: string;
  direction: string;
  status: string;
  talk_seconds: number | null;
  has_summary: number;
  has_transcript: number;
  is_test: number;
  deleted: number;
  started_at_ms: number;
}

const callsIn = (db: Db, q: ActivityQuery): CallRow[] =>
  (
    db
      .prepare(
        `SELECT c.id, c.connection_id, c.user_id, c.user_name, c.handler_kind, c.direction, c.status, c.talk_seconds, c.summary IS NOT NULL AS has_summary,
           c.has_transcript, c.is_test, c.started_at_ms, k.vendor, (c.deleted_at_ms IS NOT NULL OR c.gone_at_ms IS NOT NULL) AS deleted FROM calls c JOIN connections k ON k.id = c.connection_id
         WHERE c.started_at_ms >= ? AND c.started_at_ms < ?`,
      )
      .all(q.fromMs, q.toMs) as CallRow[]
  ).filter((c) => c.is_test === 0 && !(q.excludeDeleted && c.deleted) && (q.connectionId === undefined || c.connection_id === q.connectionId));

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}
const total = <T>(rows: readonly T[], value: (row: T) => number) => rows.reduce((sum, row) => sum + value(row), 0);
const maxOf = (values: readonly (number | null)[]) => values.reduce<number | null>((m, v) => (v === null ? m : m === null ? v : Math.max(m, v)), null);
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Per person (and UTC day with `byDay`), the figures Activity derives from the calls of platforms without an activity feed. */
function expectedDerived(db: Db, q: ActivityQuery, byDay: boolean) {
  const calls = callsIn(db, q).filter((c) => (DERIVED_VENDORS as readonly string[]).includes(c.vendor));
  const answered = (c: CallRow, outbound: boolean) => c.status === 'answered' && (c.direction === 'outbound') === outbound;
  return [...group(calls, (c) => `${byDay ? utcDay(c.started_at_ms) : ''}|${c.connection_id}|${c.user_id}|${c.handler_kind}`).values()]
    .map((mine) => ({
      ...(byDay ? { day: utcDay(mine[0]!.started_at_ms) } : {}),
      connectionId: mine[0]!.connection_id,
      userId: mine[0]!.user_id,
      kind: mine[0]!.handler_kind,
      inboundCalls: mine.filter((c) => answered(c, false)).length,
      inboundSeconds: total(mine, (c) => (answered(c, false) ? (c.talk_seconds ?? 0) : 0)),
      outboundCalls: mine.filter((c) => answered(c, true)).length,
      outboundSeconds: total(mine, (c) => (answered(c, true) ? (c.talk_seconds ?? 0) : 0)),
      missedCalls: mine.filter((c) => c.status === 'missed').length,
      noAnswerCalls: mine.filter((c) => c.status === 'no_answer').length,
      callSummaries: mine.filter((c) => c.has_summary === 1).length,
      transcriptionSeconds: total(mine, (c) => (c.has_transcript ? (c.talk_seconds ?? 0) : 0)),
    }))
    .sort(byKey);
}

function actualDerived(db: Db, q: ActivityQuery, byDay: boolean) {
  const derived = new Set(
    db
      .prepare(`SELECT id FROM connections WHERE vendor IN (${DERIVED_VENDORS.map((v) => `'${v}'`).join(', ')})`)
      .pluck()
      .all(),
  );
  return activityTotals(db, q, byDay)
    .filter((r) => derived.has(r.connectionId))
    .map((r) => ({
      ...(byDay ? { day: r.day } : {}),
      connectionId: r.connectionId,
      userId: r.userId,
      kind: r.kind,
      inboundCalls: r.inboundCalls,
      inboundSeconds: r.inboundSeconds,
      outboundCalls: r.outboundCalls,
      outboundSeconds: r.outboundSeconds,
      missedCalls: r.missedCalls,
      noAnswerCalls: r.noAnswerCalls,
      callSummaries: r.callSummaries,
      transcriptionSeconds: r.transcriptionSeconds,
    }))
    .sort(byKey);
}

const byKey = (a: object, b: object) => JSON.stringify(Object.values(a).slice(0, 4)).localeCompare(JSON.stringify(Object.values(b).slice(0, 4)));

interface ConversationRow {
  call_id: number;
  basis: 'timed' | 'words';
  our_amount: number;
  total_amount: number;
  longest_monologue: number | null;
  questions_asked: number;
  contact_longest_answer: number | null;
}

function expectedConversation(db: Db, q: ActivityQuery) {
  const calls = new Map(callsIn(db, q).map((c) => [c.id, c]));
  const rows = (db.prepare(`SELECT * FROM call_conversation`).all() as ConversationRow[]).filter((r) => calls.has(r.call_id));
  return [...group(rows, (r) => `${calls.get(r.call_id)!.connection_id}|${calls.get(r.call_id)!.user_id}`).values()]
    .map((mine) => {
      const call = calls.get(mine[0]!.call_id)!;
      const timed = mine.filter((r) => r.basis === 'timed');
      const words = mine.filter((r) => r.basis === 'words');
      return {
        connectionId: call.connection_id,
        userId: call.user_id,
        calls: mine.length,
        timedCalls: timed.length,
        wordCalls: words.length,
        ourMs: total(timed, (r) => r.our_amount),
        totalMs: total(timed, (r) => r.total_amount),
        ourWords: total(words, (r) => r.our_amount),
        totalWords: total(words, (r) => r.total_amount),
        longestMonologueMs: maxOf(timed.map((r) => r.longest_monologue)),
        longestMonologueWords: maxOf(words.map((r) => r.longest_monologue)),
        questionsAsked: total(mine, (r) => r.questions_asked),
        contactLongestAnswerMs: maxOf(timed.map((r) => r.contact_longest_answer)),
        contactLongestAnswerWords: maxOf(words.map((r) => r.contact_longest_answer)),
      };
    })
    .sort(byKey);
}

const actualConversation = (db: Db, q: ActivityQuery) =>
  conversationByPerson(db, q)
    .map(({ basis: _basis, talkShare: _talkShare, ...figures }) => figures)
    .sort(byKey);

function expectedTrackerCounts(db: Db, q: ActivityQuery) {
  const calls = new Map(callsIn(db, q).map((c) => [c.id, c]));
  const hits = (db.prepare(`SELECT call_id, tracker_id, side FROM call_tracker_hits`).all() as { call_id: number; tracker_id: number; side: string }[]).filter(
    (h) => calls.has(h.call_id),
  );
  const perCall = [...group(hits, (h) => `${h.call_id}|${h.tracker_id}`).values()];
  return [...group(perCall, ([h]) => `${calls.get(h!.call_id)!.connection_id}|${calls.get(h!.call_id)!.user_id}|${h!.tracker_id}`).values()]
    .map((mine) => {
      const call = calls.get(mine[0]![0]!.call_id)!;
      return {
        connectionId: call.connection_id,
        userId: call.user_id,
        trackerId: mine[0]![0]!.tracker_id,
        calls: mine.length,
        oursCalls: mine.filter((sides) => sides.some((h) => h.side === 'ours')).length,
        contactCalls: mine.filter((sides) => sides.some((h) => h.side === 'contact')).length,
      };
    })
    .sort(byKey);
}

/** The charts' rows: answered calls per day and kind over everyone, from the per-person day rows (checked above). */
function perDayAndKind(rows: readonly ActivityTotals[]) {
  const days = new Map<string, { day: string; kind: string; inboundCalls: number; outboundCalls: number }>();
  for (const r of rows) {
    const key = `${r.day}|${r.kind}`;
    const d = days.get(key) ?? { day: r.day!, kind: r.kind, inboundCalls: 0, outboundCalls: 0 };
    days.set(key, { ...d, inboundCalls: d.inboundCalls + r.inboundCalls, outboundCalls: d.outboundCalls + r.outboundCalls });
  }
  return [...days.values()].sort((a, b) => `${a.day}|${a.kind}`.localeCompare(`${b.day}|${b.kind}`));
}

/** Ranges in zones whose midnights are not UTC's (New York, and Kathmandu at +05:45), whole days and not. */
function queries(db: Db): ActivityQuery[] {
  const someConnection = db.prepare(`SELECT id FROM connections WHERE vendor = 'talkpilot'`).pluck().get() as number;
  const ranges: ActivityQuery[] = [];
  for (const days of [20, 7, 1]) {
    for (const zone of ['Asia/Kathmandu', 'America/New_York', 'UTC']) ranges.push(activityQuery(lastDays(days, zone, NOW), zone));
  }
  const odd = { fromDay: '2026-11-10', toDay: '2026-11-18', fromMs: NOW - 9.3 * DAY, toMs: NOW - 1.7 * DAY };
  return [...ranges, odd, { ...odd, excludeDeleted: true }, { ...odd, connectionId: someConnection }, { ...ranges[5]!, excludeDeleted: true }];
}

/** Every range, or the first `few` (a quick check between changes). */
function expectAllEqual(db: Db, label: string, few?: number) {
  for (const q of queries(db).slice(0, few)) {
    const where = `${label}, ${new Date(q.fromMs).toISOString()} to ${new Date(q.toMs).toISOString()}${q.excludeDeleted ? ', without deleted' : ''}${q.connectionId ? ', one connection' : ''}`;
    expect(actualDerived(db, q, false), `${where}: totals`).toEqual(expectedDerived(db, q, false));
    expect(actualDerived(db, q, true), `${where}: per day`).toEqual(expectedDerived(db, q, true));
    expect(actualConversation(db, q), `${where}: conversation`).toEqual(expectedConversation(db, q));
    expect(trackerCountsByPerson(db, q).sort(byKey), `${where}: trackers`).toEqual(expectedTrackerCounts(db, q));
    expect(activityByDay(db, q), `${where}: per day and kind`).toEqual(perDayAndKind(activityTotals(db, q, true)));
  }
}

/** The database taken back to schema 14 (no week rows, no people) and opened again. */
function atSchema14(db: Db): Db {
  for (const t of ['call', 'conversation', 'tracker']) {
    db.exec(`DROP TRIGGER ${t}_days_people_on_insert; DROP TABLE ${t}_days_people; DROP TABLE ${t}_weeks;`);
  }
  db.pragma('user_version = 14');
  db.close();
  return openDatabase(db.name);
}

const dirtyDays = (db: Db) => db.prepare(`SELECT count(*) FROM activity_days_dirty`).pluck().get() as number;

describe('day totals', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 300, days: 20, rateLimits: 'off' });

  it('give the same figures as the calls themselves, summed, half summed or not at all, through every kind of change', async () => {
    let db = openDatabase(tempDatabasePath());
    saveTracker(db, { name: 'Compensation', phrases: ['salary', 'pays', 'rate'] });
    for (const vendor of VENDORS) {
      const connection = addSimConnection(db, ctx.sim, vendor);
      expect((await syncFromSim(db, ctx.sim, connection, { backfillDays: 20 })).run.status).not.toBe('failed');
    }
    // A tracker's hits mark only tracker days: its save sums nothing else.
    const scheduling = saveTracker(db, { name: 'Scheduling', phrases: ['Friday', 'late shift'] });
    expect(db.prepare(`SELECT count(*) FROM activity_days_dirty`).pluck().get()).toBe(0);
    // The sync and the tracker's recompute sum what they changed.
    expect(dirtyDays(db)).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM call_days`).pluck().get()).toBeGreaterThan(50);
    expect(db.prepare(`SELECT count(*) FROM tracker_days`).pluck().get()).toBeGreaterThan(10);
    expectAllEqual(db, 'summed');

    // A database summed at schema 14 gains its week rows and people when it is opened (migration 15).
    db = atSchema14(db);
    expect(db.prepare(`SELECT count(*) FROM call_weeks`).pluck().get()).toBeGreaterThan(20);
    expectAllEqual(db, 'upgraded from schema 14');

    markEveryDayDirty(db);
    expectAllEqual(db, 'none summed');

    // Summed in part: one step of a refresh (the oldest days of one table).
    const everyDay = dirtyDays(db);
    refreshActivityDaysSteps(db).next();
    expect(dirtyDays(db)).toBeGreaterThan(0);
    expect(dirtyDays(db)).toBeLessThan(everyDay);
    expectAllEqual(db, 'half summed');

    refreshActivityDays(db);
    const calls = db.prepare(`SELECT id FROM calls WHERE has_transcript = 1 AND is_test = 0 AND status = 'answered' ORDER BY id`).pluck().all() as number[];
    expect(calls.length).toBeGreaterThan(40);
    // Every kind of change a sync, a re-read or the user makes, each to a few calls on a few days, from summed
    // days: each change must mark its days, or the stale day rows show.
    const changes: [string, () => void][] = [
      ['status', () => db.prepare(`UPDATE calls SET status = 'missed' WHERE id IN (?, ?)`).run(calls[0], calls[1])],
      ['deleted at the vendor', () => db.prepare(`UPDATE calls SET deleted_at_ms = ? WHERE id = ?`).run(NOW, calls[2])],
      ['gone at the vendor', () => db.prepare(`UPDATE calls SET gone_at_ms = ? WHERE id = ?`).run(NOW, calls[3])],
      ['another person', () => db.prepare(`UPDATE calls SET user_id = 'moved_user', user_name = 'Moved' WHERE id = ?`).run(calls[4])],
      ['name', () => db.prepare(`UPDATE calls SET user_name = 'Aaron Renamed' WHERE id = ?`).run(calls[5])],
      ['start time', () => db.prepare(`UPDATE calls SET started_at_ms = started_at_ms - ? WHERE id = ?`).run(3 * DAY + 4_000_000, calls[6])],
      ['talk time', () => db.prepare(`UPDATE calls SET talk_seconds = talk_seconds + 30 WHERE id = ?`).run(calls[7])],
      [
        'direction',
        () => db.prepare(`UPDATE calls SET direction = CASE direction WHEN 'outbound' THEN 'inbound' ELSE 'outbound' END WHERE id = ?`).run(calls[8]),
      ],
      ['summary', () => db.prepare(`UPDATE calls SET summary = NULL WHERE id = ?`).run(calls[9])],
      ['test call', () => db.prepare(`UPDATE calls SET is_test = 1 WHERE id = ?`).run(calls[10])],
      ['transcript removed', () => deleteTranscript(db, calls[11]!)],
      ['conversation figures', () => db.prepare(`UPDATE call_conversation SET questions_asked = questions_asked + 5 WHERE call_id = ?`).run(calls[12])],
      ['call removed', () => db.prepare(`DELETE FROM calls WHERE id = ?`).run(calls[13])],
    ];
    for (const [what, change] of changes) {
      change();
      expect(dirtyDays(db), what).toBeGreaterThan(0);
      expectAllEqual(db, `${what} changed, not summed`, 3);
      refreshActivityDays(db);
      expectAllEqual(db, `${what} changed, summed`, 3);
    }
    refreshActivityDays(db);
    expect(dirtyDays(db)).toBe(0);
    expectAllEqual(db, 'changed, then summed');

    // A tracker removed: its hits go, and so do its day rows, leaving no day to sum again, and a day marked
    // before (a call changed) stays marked.
    expect(db.prepare(`SELECT count(*) FROM tracker_days WHERE tracker_id = ?`).pluck().get(scheduling.id)).toBeGreaterThan(0);
    db.prepare(`UPDATE calls SET status = 'missed' WHERE id = ?`).run(calls[20]);
    const marked = db.prepare(`SELECT day FROM activity_days_dirty`).pluck().all();
    expect(marked).toHaveLength(1);
    expect(removeTracker(db, scheduling.id)).toBe(true);
    expect(db.prepare(`SELECT count(*) FROM tracker_days WHERE tracker_id = ?`).pluck().get(scheduling.id)).toBe(0);
    expect(db.prepare(`SELECT day FROM activity_days_dirty`).pluck().all()).toEqual(marked);
    expectAllEqual(db, 'tracker removed');
    db.close();
  }, 180_000);

  it('reads the week rows, day rows and the calls of the live spans by their indexes, never a whole table', () => {
    const db = openDatabase(tempDatabasePath());
    const params = { ...dayParams(NOW - 30 * DAY - 5_000, NOW, undefined, false), fromDay: '2026-10-21', toDay: '2026-11-20' };
    const perPerson = [activityTotalsSql(false), CONVERSATION_BY_PERSON_SQL, TRACKER_COUNTS_SQL];
    for (const sql of [...perPerson, activityTotalsSql(true), ACTIVITY_BY_DAY_SQL]) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
      // No whole table of calls, and no index built on the fly over every call (what SQLite chose before the index
      // was named). No whole index of day or week rows either: they are sought by range (per person, or by day).
      const text = plan.join('\n');
      expect(
        plan.filter((d) => /^SCAN (c|v|h|calls|call_conversation|call_tracker_hits)\b|AUTOMATIC/.test(d)),
        text,
      ).toEqual([]);
      expect(
        plan.filter((d) => /^SCAN (r|w)\b/.test(d)),
        text,
      ).toEqual([]);
      expect(
        plan.some((d) => /^SEARCH (c|h) USING (COVERING )?INDEX (calls_by_start|call_tracker_hits_by_start) \(started_at_ms>\? AND started_at_ms<\?\)/.test(d)),
        text,
      ).toBe(true);
      expect(
        plan.some((d) => /^SEARCH r USING (COVERING )?INDEX \w+ \((.+ AND )?day>\? AND day<\?\)/.test(d)),
        text,
      ).toBe(true);
      // A per-person read takes whole weeks from the week rows, person by person.
      const weeks = /^SEARCH w USING COVERING INDEX \w+_weeks_by_person \(connection_id=\? AND user_id=\? AND (.+ AND )?week>\? AND week<\?\)/;
      expect(
        plan.some((d) => weeks.test(d)),
        text,
      ).toBe(perPerson.includes(sql));
    }
    db.close();
  });
});
