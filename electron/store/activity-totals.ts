import type { ActivityDay, ActivityTotals } from '../../shared/activity';
import { ACTIVITY_METRICS } from '../../shared/activity-metric-list';
import { VENDORS_WITH_ACTIVITY } from '../../shared/vendors';
import { DAY_MS } from '../../shared/time';
import { readSpans, dayParams, dayRows, summedDayRows, summedPerPerson } from './activity-days';
import type { Db } from './db';
import { CALL_DAYS } from './day-totals';
import { nameNote, type AgentListOutcome } from './agent-names';
import { prepared } from './statements';

/** The range and connection activity covers. Days are the vendor's UTC days. */
export interface ActivityQuery {
  fromDay: string;
  toDay: string;
  /** [fromMs, toMs) for figures derived from calls. */
  fromMs: number;
  toMs: number;
  connectionId?: number;
  /**
   * Leave out calls the vendor has since moved to its trash or deleted. By
   * default they count: activity is about calls that happened, and a call
   * tidied away later (TalkPilot's "auto-delete done calls") still happened.
   */
  excludeDeleted?: boolean;
}

/** Each figure summed over TalentLynk's daily rows (`user_activity`), under its key. */
const METRICS = ACTIVITY_METRICS.map((m) => `sum(${m.column}) AS ${m.key}`).join(', ');

/**
 * Voice-AI platforms have no activity endpoint: the same figures per agent come
 * from their calls (store/day-totals.ts), summed from the day totals and the
 * calls not summed there yet (store/activity-days.ts). The figures calls cannot
 * give (messages, summaries synced to a CRM) are null.
 */
const DERIVED = ACTIVITY_METRICS.map((m) => (m.fromCalls ? `sum(u.${m.column}) AS ${m.key}` : `NULL AS ${m.key}`)).join(', ');
/** The derived figures again, in the same order as METRICS: UNION ALL pairs columns by position. */
const DERIVED_PICKED = ACTIVITY_METRICS.map((m) => `d.${m.key}`).join(', ');

/** Day rows (`u`) of the calls of platforms without an activity feed, for the figures derived from calls. */
const derivedRows = (rows: string) => `(${rows}) u CROSS JOIN connections k ON k.id = u.connection_id
  WHERE k.vendor NOT IN (${VENDORS_WITH_ACTIVITY.map((v) => `'${v}'`).join(', ')})`;

/** The statement `activityTotals` runs (exported for its query-plan test). */
export function activityTotalsSql(byDay: boolean): string {
  const day = byDay ? 'a.day AS day,' : '';
  const callDay = byDay ? `date(u.day * ${DAY_MS / 1000}, 'unixepoch') AS day,` : '';
  const group = byDay ? ', day' : '';
  // Calls are counted per agent first, then named: one name lookup per agent, not per call.
  // The agent list's name comes first: calls keep the name known when they were stored (an id
  // when the key could not list agents then, an old name after a rename).
  return `WITH ${readSpans(CALL_DAYS)}
    SELECT ${day} 'recruiter' AS kind, a.connection_id AS connectionId, k.label AS connection, a.user_id AS userId,
      -- TalentLynk's call logs name the recruiter by email (talentlynk/map.ts), its activity by user id.
      coalesce(max(a.user_email), a.user_id) AS callsUserId,
      coalesce(max(a.user_name), a.user_id) AS user, max(a.user_email) AS email, max(a.user_name) IS NULL AS nameMissing,
      NULL AS listOutcome, NULL AS listMessage, 0 AS inList, ${METRICS}
    FROM user_activity a JOIN connections k ON k.id = a.connection_id
    WHERE a.day BETWEEN @fromDay AND @toDay AND (@connectionId IS NULL OR a.connection_id = @connectionId)
    GROUP BY a.connection_id, a.user_id ${group}
    UNION ALL
    SELECT ${byDay ? 'd.day AS day,' : ''} d.kind, d.connectionId, k.label AS connection, d.userId, d.userId AS callsUserId,
      coalesce(va.name, d.callName, d.userId, 'Unknown agent') AS user, NULL AS email,
      coalesce(va.name, d.callName) IS NULL AS nameMissing, vl.outcome AS listOutcome, vl.message AS listMessage, va.agent_id IS NOT NULL AS inList,
      ${DERIVED_PICKED}
    FROM (
      SELECT ${callDay} u.handler_kind AS kind, u.connection_id AS connectionId, u.user_id AS userId, max(u.user_name) AS callName, ${DERIVED}
      FROM ${derivedRows(byDay ? dayRows(CALL_DAYS) : summedPerPerson(CALL_DAYS, 'call_days_by_person'))}
      GROUP BY u.connection_id, u.user_id, u.handler_kind ${group}
    ) d
    JOIN connections k ON k.id = d.connectionId
    LEFT JOIN vendor_agents va ON va.connection_id = d.connectionId AND va.agent_id = d.userId
    LEFT JOIN vendor_agent_lists vl ON vl.connection_id = d.connectionId
    ORDER BY ${byDay ? 'day, ' : ''}kind DESC, connection, user`;
}

interface TotalsRecord extends Omit<ActivityTotals, 'nameNote'> {
  nameMissing: number;
  listOutcome: AgentListOutcome | null;
  listMessage: string | null;
  inList: number;
}

/** Each user's (and agent's) figures over the range, or per day when `byDay`. */
export function activityTotals(db: Db, query: ActivityQuery, byDay: boolean): ActivityTotals[] {
  const params = { fromDay: query.fromDay, toDay: query.toDay, ...dayParams(query.fromMs, query.toMs, query.connectionId, query.excludeDeleted) };
  return prepared<[typeof params], TotalsRecord>(db, activityTotalsSql(byDay))
    .all(params)
    .map(({ nameMissing, listOutcome, listMessage, inList, ...row }) => ({
      ...row,
      nameNote:
        row.userId === null
          ? 'the platform did not say which agent took these calls'
          : nameMissing
            ? nameNote(row.kind, listOutcome, inList === 1, listMessage)
            : null,
    }));
}

/**
 * Answered calls per day (the vendor's day for activity feeds, the UTC day for
 * figures derived from calls, as in `activityTotals(…, true)`) and kind, over
 * everyone: the Activity screen's "calls per day" charts. A row per day and
 * kind, not per person: 90 days of 120 people are 180 rows, not 10,800.
 */
export const ACTIVITY_BY_DAY_SQL = `WITH ${readSpans(CALL_DAYS)}
  SELECT day, kind, sum(inboundCalls) AS inboundCalls, sum(outboundCalls) AS outboundCalls FROM (
    SELECT a.day AS day, 'recruiter' AS kind, a.inbound_calls AS inboundCalls, a.outbound_calls AS outboundCalls
    FROM user_activity a
    WHERE a.day BETWEEN @fromDay AND @toDay AND (@connectionId IS NULL OR a.connection_id = @connectionId)
    UNION ALL
    SELECT date(u.day * ${DAY_MS / 1000}, 'unixepoch') AS day, u.handler_kind AS kind, u.inbound_calls AS inboundCalls, u.outbound_calls AS outboundCalls
    FROM ${derivedRows(summedDayRows(CALL_DAYS, ['day', 'handler_kind', 'connection_id'], 'call_days_by_day_and_kind', ['inbound_calls', 'outbound_calls']))})
  GROUP BY day, kind
  ORDER BY day, kind`;

export function activityByDay(db: Db, query: ActivityQuery): ActivityDay[] {
  const params = { fromDay: query.fromDay, toDay: query.toDay, ...dayParams(query.fromMs, query.toMs, query.connectionId, query.excludeDeleted) };
  return prepared<[typeof params], ActivityDay>(db, ACTIVITY_BY_DAY_SQL).all(params);
}
