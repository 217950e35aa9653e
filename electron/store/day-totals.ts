import { CALL_METRICS, type CallMetric } from '../../shared/activity-metric-list';
import { DAY_MS } from '../../shared/time';
import { refreshDaysInSteps, type DayFigure, type DayTable } from './activity-days';
import type { Db } from './db';

/** A call deleted at the vendor (moved to its trash) or found gone by a re-read. */
const CALL_DELETED = `c.deleted_at_ms IS NOT NULL OR c.gone_at_ms IS NOT NULL`;
/**
 * The calls that started in the spans (`d`), by their start-time index. Named:
 * the spans' bounds are unknown when the plan is made, and without it SQLite
 * built an automatic index on `is_test` over every call, each time (4 s on a
 * million calls).
 */
const callsIn = (spans: string) => `${spans} d CROSS JOIN calls c INDEXED BY calls_by_start ON c.started_at_ms >= d.from_ms AND c.started_at_ms < d.to_ms`;

const sum = (column: string, perCall: string): DayFigure => ({ column, perCall, combine: 'sum' });
const max = (column: string, perCall: string): DayFigure => ({ column, perCall, combine: 'max' });

const answered = (direction: 'inbound' | 'outbound') =>
  `${direction === 'outbound' ? `c.direction = 'outbound'` : `c.direction <> 'outbound'`} AND c.status = 'answered'`;

/** Each figure Activity derives from calls (shared/activity-metric-list.ts, `fromCalls`): its value for one call. */
const PER_CALL: Record<CallMetric, string> = {
  inboundCalls: answered('inbound'),
  inboundSeconds: `CASE WHEN ${answered('inbound')} THEN coalesce(c.talk_seconds, 0) ELSE 0 END`,
  outboundCalls: answered('outbound'),
  outboundSeconds: `CASE WHEN ${answered('outbound')} THEN coalesce(c.talk_seconds, 0) ELSE 0 END`,
  missedCalls: `c.status = 'missed'`,
  noAnswerCalls: `c.status = 'no_answer'`,
  callSummaries: `c.summary IS NOT NULL`,
  transcriptionSeconds: `CASE WHEN c.has_transcript = 1 THEN coalesce(c.talk_seconds, 0) ELSE 0 END`,
};

/**
 * The figures Activity derives from calls for platforms without an activity
 * endpoint (the voice-AI platforms): a call whose direction the platform does
 * not record counts as inbound (their agents mostly answer calls).
 */
export const CALL_DAYS: DayTable = {
  table: 'call_days',
  weeks: 'call_weeks',
  people: 'call_days_people',
  keys: [
    ['connection_id', 'c.connection_id'],
    ['user_id', 'c.user_id'],
    ['handler_kind', 'c.handler_kind'],
  ],
  figures: [
    // The name the calls give the person (an agent list's name comes first: activity-totals.ts).
    max('user_name', 'c.user_name'),
    ...CALL_METRICS.map((m) => sum(m.column, PER_CALL[m.key])),
  ],
  from: (spans) => `${callsIn(spans)} WHERE c.is_test = 0`,
  start: 'c.started_at_ms',
  deleted: CALL_DELETED,
  connection: 'c.connection_id',
};

const timed = (amount: string) => `CASE WHEN v.basis = 'timed' THEN ${amount} END`;
const words = (amount: string) => `CASE WHEN v.basis = 'words' THEN ${amount} END`;

/**
 * Each person's conversation figures (shared/conversation.ts): amounts in
 * milliseconds for vendors that time their turns, in words for text-only ones,
 * kept apart. Through the calls' start-time index (its entries carry the call
 * id), then each call's one small `call_conversation` row.
 */
export const CONVERSATION_DAYS: DayTable = {
  table: 'conversation_days',
  weeks: 'conversation_weeks',
  people: 'conversation_days_people',
  keys: [
    ['connection_id', 'v.connection_id'],
    ['user_id', 'v.user_id'],
  ],
  figures: [
    sum('calls', '1'),
    sum('timed_calls', `v.basis = 'timed'`),
    sum('word_calls', `v.basis = 'words'`),
    sum('our_ms', `coalesce(${timed('v.our_amount')}, 0)`),
    sum('total_ms', `coalesce(${timed('v.total_amount')}, 0)`),
    sum('our_words', `coalesce(${words('v.our_amount')}, 0)`),
    sum('total_words', `coalesce(${words('v.total_amount')}, 0)`),
    sum('questions_asked', 'v.questions_asked'),
    max('longest_monologue_ms', timed('v.longest_monologue')),
    max('longest_monologue_words', words('v.longest_monologue')),
    max('contact_longest_answer_ms', timed('v.contact_longest_answer')),
    max('contact_longest_answer_words', words('v.contact_longest_answer')),
  ],
  from: (spans) => `${callsIn(spans)} CROSS JOIN call_conversation v ON v.call_id = c.id WHERE v.is_test = 0`,
  start: 'v.started_at_ms',
  deleted: 'v.is_deleted = 1',
  connection: 'v.connection_id',
};

/**
 * Per person and tracker, how many calls hit it and on which side. A call hit
 * on both sides is one call (its rows grouped first). Through the hits' own
 * start-time index: only hit calls are read.
 */
export const TRACKER_DAYS: DayTable = {
  table: 'tracker_days',
  weeks: 'tracker_weeks',
  people: 'tracker_days_people',
  keys: [
    ['connection_id', 'c.connection_id'],
    ['user_id', 'c.user_id'],
    ['tracker_id', 'h.tracker_id'],
  ],
  figures: [sum('calls', '1'), sum('ours_calls', `h.side = 'ours'`), sum('contact_calls', `h.side = 'contact'`)],
  from: (spans) =>
    `${spans} d CROSS JOIN call_tracker_hits h INDEXED BY call_tracker_hits_by_start ON h.started_at_ms >= d.from_ms AND h.started_at_ms < d.to_ms
     CROSS JOIN calls c ON c.id = h.call_id WHERE c.is_test = 0`,
  start: 'h.started_at_ms',
  deleted: CALL_DELETED,
  connection: 'c.connection_id',
  perCallGroup: 'h.call_id, h.tracker_id',
};

export const DAY_TABLES: readonly DayTable[] = [CALL_DAYS, CONVERSATION_DAYS, TRACKER_DAYS];

/**
 * Brings the day totals up to date: every day whose calls, conversation
 * figures or tracker hits changed since. Run by whoever wrote them, off the
 * window's thread: the sync (worker or CLI) after each connection, a
 * tracker's recompute after its hits. Until then those days are read from
 * the calls, so figures are right either way, only slower.
 */
export function refreshActivityDays(db: Db): number {
  let days = 0;
  for (const summed of refreshDaysInSteps(db, DAY_TABLES)) days += summed;
  return days;
}

/** The same, a few days at a time: for a caller that lets other work run between steps. */
export const refreshActivityDaysSteps = (db: Db): Generator<number, void> => refreshDaysInSteps(db, DAY_TABLES);

/** Marks every day that has calls for summing again (the migration that adds the day totals; tests). */
export function markEveryDayDirty(db: Db): void {
  for (const t of DAY_TABLES) {
    db.prepare(`INSERT OR IGNORE INTO activity_days_dirty (day_table, day) SELECT DISTINCT ?, started_at_ms / ${DAY_MS} FROM calls`).run(t.table);
  }
}
