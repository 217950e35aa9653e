import type { ActivityTotals } from '../../shared/activity';
import { VENDORS_WITH_ACTIVITY } from '../../shared/vendors';
import type { Db } from './db';
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

const METRICS = `sum(inbound_calls) AS inboundCalls, sum(inbound_seconds) AS inboundSeconds, sum(outbound_calls) AS outboundCalls,
  sum(outbound_seconds) AS outboundSeconds, sum(missed_calls) AS missedCalls, sum(no_answer_calls) AS noAnswerCalls,
  sum(call_summaries) AS callSummaries, sum(call_summaries_synced) AS callSummariesSynced, sum(inbound_sms) AS inboundSms,
  sum(outbound_sms) AS outboundSms, sum(inbound_whatsapp) AS inboundWhatsapp, sum(outbound_whatsapp) AS outboundWhatsapp,
  sum(inbound_emails) AS inboundEmails, sum(outbound_emails) AS outboundEmails, sum(spent_sms_credits) AS spentSmsCredits,
  sum(transcription_seconds) AS transcriptionSeconds`;

/**
 * Voice-AI platforms have no activity endpoint: the same figures per agent come
 * from their calls. A call whose direction the platform does not record counts
 * as inbound (their agents mostly answer calls).
 */
const DERIVED = `
  sum(c.direction <> 'outbound' AND c.status = 'answered') AS inboundCalls,
  total(CASE WHEN c.direction <> 'outbound' AND c.status = 'answered' THEN c.talk_seconds END) AS inboundSeconds,
  sum(c.direction = 'outbound' AND c.status = 'answered') AS outboundCalls,
  total(CASE WHEN c.direction = 'outbound' AND c.status = 'answered' THEN c.talk_seconds END) AS outboundSeconds,
  sum(c.status = 'missed') AS missedCalls, sum(c.status = 'no_answer') AS noAnswerCalls,
  sum(c.summary IS NOT NULL) AS callSummaries, NULL AS callSummariesSynced, NULL AS inboundSms, NULL AS outboundSms,
  NULL AS inboundWhatsapp, NULL AS outboundWhatsapp, NULL AS inboundEmails, NULL AS outboundEmails, NULL AS spentSmsCredits,
  total(CASE WHEN c.has_transcript = 1 THEN c.talk_seconds END) AS transcriptionSeconds`;

function totalsSql(byDay: boolean): string {
  const day = byDay ? 'a.day AS day,' : '';
  const callDay = byDay ? `strftime('%Y-%m-%d', c.started_at_ms / 1000, 'unixepoch') AS day,` : '';
  const group = byDay ? ', day' : '';
  // Calls are counted per agent first, then named: one name lookup per agent, not per call.
  // The agent list's name comes first: calls keep the name known when they were stored (an id
  // when the key could not list agents then, an old name after a rename).
  return `SELECT ${day} 'recruiter' AS kind, a.connection_id AS connectionId, k.label AS connection, a.user_id AS userId,
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
      d.inboundCalls, d.inboundSeconds, d.outboundCalls, d.outboundSeconds, d.missedCalls, d.noAnswerCalls, d.callSummaries,
      d.callSummariesSynced, d.inboundSms, d.outboundSms, d.inboundWhatsapp, d.outboundWhatsapp, d.inboundEmails, d.outboundEmails,
      d.spentSmsCredits, d.transcriptionSeconds
    FROM (
      SELECT ${callDay} c.handler_kind AS kind, c.connection_id AS connectionId, c.user_id AS userId, max(c.user_name) AS callName, ${DERIVED}
      FROM calls c JOIN connections k ON k.id = c.connection_id
      WHERE k.vendor NOT IN (${VENDORS_WITH_ACTIVITY.map((v) => `'${v}'`).join(', ')}) AND c.started_at_ms >= @fromMs AND c.started_at_ms < @toMs
        AND c.is_test = 0 AND (@excludeDeleted = 0 OR (c.deleted_at_ms IS NULL AND c.gone_at_ms IS NULL))
        AND (@connectionId IS NULL OR c.connection_id = @connectionId)
      GROUP BY c.connection_id, c.user_id, c.handler_kind ${group}
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
  const params = {
    fromDay: query.fromDay,
    toDay: query.toDay,
    fromMs: query.fromMs,
    toMs: query.toMs,
    connectionId: query.connectionId ?? null,
    excludeDeleted: query.excludeDeleted ? 1 : 0,
  };
  return prepared<[typeof params], TotalsRecord>(db, totalsSql(byDay))
    .all(params)
    .map(({ nameMissing, listOutcome, listMessage, inList, ...row }) => ({
      ...row,
      nameNote: row.userId === null ? 'the platform did not say which agent took these calls' : nameMissing ? nameNote(row.kind, listOutcome, inList === 1, listMessage) : null,
    }));
}
