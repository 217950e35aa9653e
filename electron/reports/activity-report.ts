import { activityTotalsRow, answerRate, averageCallSeconds, type ActivityTotals } from '../../shared/activity';
import { activityTotals, type ActivityQuery } from '../store/activity-totals';
import type { Db } from '../store/database';
import { aboutLines, type ReportScope } from './about';
import type { ReportOptions } from './per-call-report';
import { createReportWorkbook, type CellInput, type InfoLine, type ReportColumn } from './workbook';

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

/** The figures after the first three columns. */
function figures(r: ActivityTotals): CellInput[] {
  return [
    r.inboundCalls,
    r.inboundSeconds,
    r.outboundCalls,
    r.outboundSeconds,
    r.missedCalls,
    r.noAnswerCalls,
    answerRate(r),
    averageCallSeconds(r),
    r.callSummaries,
    r.callSummariesSynced,
    r.inboundSms,
    r.outboundSms,
    r.inboundWhatsapp,
    r.outboundWhatsapp,
    r.inboundEmails,
    r.outboundEmails,
    r.spentSmsCredits,
    r.transcriptionSeconds,
  ];
}

/** What the figures of voice-AI platforms (derived from their calls) count, for the About sheet. */
export function countedCallsLine(query: Pick<ActivityQuery, 'excludeDeleted'>): InfoLine {
  return [
    'Calls counted',
    query.excludeDeleted
      ? "Calls still at the vendor: calls since moved to a vendor's trash or deleted there are left out. Test and trial calls are left out."
      : "Every call that happened, including calls since moved to a vendor's trash or deleted there. Test and trial calls are left out.",
  ];
}

/** One row per user for the range with a totals row, then one row per user per day. */
export async function writeActivityReport(db: Db, query: ActivityQuery, scope: Omit<ReportScope, 'counted' | 'timeZone'>, options: ReportOptions): Promise<number> {
  const rows = activityTotals(db, query, false);
  const book = await createReportWorkbook({ file: options.file, timeZone: options.timeZone, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    const about = aboutLines(db, { ...scope, timeZone: options.timeZone, counted: { what: 'Users and agents', count: rows.length } }, options.nowMs);
    book.addInfoSheet('About this report', [...about.slice(0, 3), countedCallsLine(query), ...about.slice(3)]);
    const summary = book.addSheet('Activity', COLUMNS);
    for (const r of rows) await summary.addRow([r.user, r.email, r.connection, ...figures(r)]);
    if (rows.length) await summary.addRow(['Total', null, null, ...figures(activityTotalsRow(rows))]);
    const daily = book.addSheet('Activity by day', [{ header: 'Day', kind: 'date' }, ...COLUMNS]);
    for (const r of activityTotals(db, query, true)) await daily.addRow([r.day ?? null, r.user, r.email, r.connection, ...figures(r)]);
    await book.commit();
    return rows.length;
  } catch (error) {
    await book.abort();
    throw error;
  }
}
