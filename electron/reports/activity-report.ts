import type { Db } from '../store/database';
import { aboutLines, type ReportScope } from './about';
import type { ReportOptions } from './per-call-report';
import { createReportWorkbook, type CellInput, type ReportColumn } from './workbook';

/** The range and connection an activity report covers. Days are the vendor's UTC days. */
export interface ActivityQuery {
  fromDay: string;
  toDay: string;
  /** [fromMs, toMs) for figures derived from calls. */
  fromMs: number;
  toMs: number;
  connectionId?: number;
}

/** One user's (or agent's) figures; null where the platform does not report it (messaging for voice-AI agents). */
interface ActivityRow {
  day?: string;
  connection: string;
  user: string;
  email: string | null;
  inbound_calls: number;
  inbound_seconds: number;
  outbound_calls: number;
  outbound_seconds: number;
  missed_calls: number;
  no_answer_calls: number;
  call_summaries: number;
  call_summaries_synced: number | null;
  inbound_sms: number | null;
  outbound_sms: number | null;
  inbound_whatsapp: number | null;
  outbound_whatsapp: number | null;
  inbound_emails: number | null;
  outbound_emails: number | null;
  spent_sms_credits: number | null;
  transcription_seconds: number;
}

const METRICS = `sum(inbound_calls) AS inbound_calls, sum(inbound_seconds) AS inbound_seconds, sum(outbound_calls) AS outbound_calls,
  sum(outbound_seconds) AS outbound_seconds, sum(missed_calls) AS missed_calls, sum(no_answer_calls) AS no_answer_calls,
  sum(call_summaries) AS call_summaries, sum(call_summaries_synced) AS call_summaries_synced, sum(inbound_sms) AS inbound_sms,
  sum(outbound_sms) AS outbound_sms, sum(inbound_whatsapp) AS inbound_whatsapp, sum(outbound_whatsapp) AS outbound_whatsapp,
  sum(inbound_emails) AS inbound_emails, sum(outbound_emails) AS outbound_emails, sum(spent_sms_credits) AS spent_sms_credits,
  sum(transcription_seconds) AS transcription_seconds`;

/**
 * Voice-AI platforms have no activity endpoint: the same figures per agent come
 * from their calls. A call whose direction the platform does not record counts
 * as inbound (their agents mostly answer calls).
 */
const DERIVED = `
  sum(c.direction <> 'outbound' AND c.status = 'answered') AS inbound_calls,
  total(CASE WHEN c.direction <> 'outbound' AND c.status = 'answered' THEN c.talk_seconds END) AS inbound_seconds,
  sum(c.direction = 'outbound' AND c.status = 'answered') AS outbound_calls,
  total(CASE WHEN c.direction = 'outbound' AND c.status = 'answered' THEN c.talk_seconds END) AS outbound_seconds,
  sum(c.status = 'missed') AS missed_calls, sum(c.status = 'no_answer') AS no_answer_calls,
  sum(c.summary IS NOT NULL) AS call_summaries, NULL AS call_summaries_synced, NULL AS inbound_sms, NULL AS outbound_sms,
  NULL AS inbound_whatsapp, NULL AS outbound_whatsapp, NULL AS inbound_emails, NULL AS outbound_emails, NULL AS spent_sms_credits,
  total(CASE WHEN c.has_transcript = 1 THEN c.talk_seconds END) AS transcription_seconds`;

function activityRows(db: Db, query: ActivityQuery, byDay: boolean): ActivityRow[] {
  const params = { fromDay: query.fromDay, toDay: query.toDay, fromMs: query.fromMs, toMs: query.toMs, connectionId: query.connectionId ?? null };
  const day = byDay ? 'a.day AS day,' : '';
  const callDay = byDay ? `strftime('%Y-%m-%d', c.started_at_ms / 1000, 'unixepoch') AS day,` : '';
  const group = byDay ? ', day' : '';
  return db
    .prepare<typeof params, ActivityRow>(
      `SELECT ${day} k.label AS connection, coalesce(max(a.user_name), a.user_id) AS user, max(a.user_email) AS email, ${METRICS}
       FROM user_activity a JOIN connections k ON k.id = a.connection_id
       WHERE a.day BETWEEN @fromDay AND @toDay AND (@connectionId IS NULL OR a.connection_id = @connectionId)
       GROUP BY a.connection_id, a.user_id ${group}
       UNION ALL
       SELECT ${callDay} k.label AS connection, coalesce(max(c.user_name), c.user_id, 'Unknown agent') AS user, NULL AS email, ${DERIVED}
       FROM calls c JOIN connections k ON k.id = c.connection_id
       WHERE k.vendor <> 'talentlynk' AND c.started_at_ms >= @fromMs AND c.started_at_ms < @toMs
         AND c.deleted_at_ms IS NULL AND c.is_test = 0 AND (@connectionId IS NULL OR c.connection_id = @connectionId)
       GROUP BY c.connection_id, c.user_id ${group}
       ORDER BY ${byDay ? 'day, ' : ''}connection, user`,
    )
    .all(params);
}

const COLUMNS: readonly ReportColumn[] = [
  { header: 'User / agent', kind: 'text' },
  { header: 'Email', kind: 'text' },
  { header: 'Connection', kind: 'text' },
  { header: 'Inbound calls', kind: 'integer' },
  { header: 'Inbound talk time', kind: 'duration' },
  { header: 'Outbound calls', kind: 'integer' },
  { header: 'Outbound talk time', kind: 'duration' },
  { header: 'Missed calls', kind: 'integer' },
  { header: 'No-answer calls', kind: 'integer' },
  { header: 'Answer rate', kind: 'percent' },
  { header: 'Average call length', kind: 'duration' },
  { header: 'Call summaries', kind: 'integer' },
  { header: 'Summaries synced', kind: 'integer' },
  { header: 'SMS in', kind: 'integer' },
  { header: 'SMS out', kind: 'integer' },
  { header: 'WhatsApp in', kind: 'integer' },
  { header: 'WhatsApp out', kind: 'integer' },
  { header: 'Emails in', kind: 'integer' },
  { header: 'Emails out', kind: 'integer' },
  { header: 'SMS credits spent', kind: 'decimal' },
  { header: 'Transcription time', kind: 'duration' },
];

/** The figures after the first three columns; rates are worked out from the sums, so a totals row is right too. */
function figures(r: ActivityRow): CellInput[] {
  const answered = r.inbound_calls + r.outbound_calls;
  const attempts = answered + r.missed_calls + r.no_answer_calls;
  return [
    r.inbound_calls,
    r.inbound_seconds,
    r.outbound_calls,
    r.outbound_seconds,
    r.missed_calls,
    r.no_answer_calls,
    attempts ? answered / attempts : null,
    answered ? (r.inbound_seconds + r.outbound_seconds) / answered : null,
    r.call_summaries,
    r.call_summaries_synced,
    r.inbound_sms,
    r.outbound_sms,
    r.inbound_whatsapp,
    r.outbound_whatsapp,
    r.inbound_emails,
    r.outbound_emails,
    r.spent_sms_credits,
    r.transcription_seconds,
  ];
}

const SUMMED = ['inbound_calls', 'inbound_seconds', 'outbound_calls', 'outbound_seconds', 'missed_calls', 'no_answer_calls', 'call_summaries', 'call_summaries_synced', 'inbound_sms', 'outbound_sms', 'inbound_whatsapp', 'outbound_whatsapp', 'inbound_emails', 'outbound_emails', 'spent_sms_credits', 'transcription_seconds'] as const;

/** Column sums; a figure no row has stays empty rather than showing 0. */
function totals(rows: readonly ActivityRow[]): ActivityRow {
  const total = { connection: '', user: 'Total', email: null } as unknown as Record<string, number | string | null>;
  for (const key of SUMMED) {
    const values = rows.map((r) => r[key]).filter((v): v is number => v !== null);
    total[key] = values.length ? values.reduce((a, b) => a + b, 0) : null;
  }
  return total as unknown as ActivityRow;
}

/** One row per user for the range with a totals row, then one row per user per day. */
export async function writeActivityReport(db: Db, query: ActivityQuery, scope: Omit<ReportScope, 'counted' | 'timeZone'>, options: ReportOptions): Promise<number> {
  const rows = activityRows(db, query, false);
  const book = await createReportWorkbook({ file: options.file, timeZone: options.timeZone, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    book.addInfoSheet('About this report', aboutLines(db, { ...scope, timeZone: options.timeZone, counted: { what: 'Users and agents', count: rows.length } }, options.nowMs));
    const summary = book.addSheet('Activity', COLUMNS);
    for (const r of rows) await summary.addRow([r.user, r.email, r.connection, ...figures(r)]);
    if (rows.length) await summary.addRow(['Total', null, null, ...figures(totals(rows))]);
    const daily = book.addSheet('Activity by day', [{ header: 'Day', kind: 'date' }, ...COLUMNS]);
    for (const r of activityRows(db, query, true)) await daily.addRow([r.day ?? null, r.user, r.email, r.connection, ...figures(r)]);
    await book.commit();
    return rows.length;
  } catch (error) {
    await book.abort();
    throw error;
  }
}
