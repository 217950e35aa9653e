import { answerRate, averageCallSeconds, type ActivityTotals } from '../../../../shared/activity';
import { formatDuration, formatNumber, formatPercent } from '../../lib/format';

export type ColumnKind = 'text' | 'count' | 'duration' | 'percent';

export interface ActivityColumn {
  id: string;
  /** The short header under its group. */
  label: string;
  /** The full name, shown on hover and read by screen readers. */
  title: string;
  /** Columns of one group sit under one header (Calls, Messages, …). */
  group: string | null;
  kind: ColumnKind;
  value(row: ActivityTotals): string | number | null;
}

const count = (group: string, key: keyof ActivityTotals & string, label: string, title: string): ActivityColumn => ({
  id: key, label, title, group, kind: 'count', value: (r) => r[key] as number | null,
});
const duration = (group: string | null, key: keyof ActivityTotals & string, label: string, title: string): ActivityColumn => ({
  id: key, label, title, group, kind: 'duration', value: (r) => r[key] as number | null,
});

/** The KPI table's columns, grouped the way a manager reads them: calls, then messages, then summaries. */
export const ACTIVITY_COLUMNS: readonly ActivityColumn[] = [
  { id: 'user', label: 'User', title: 'User or voice-AI agent', group: null, kind: 'text', value: (r) => r.user },
  { id: 'connection', label: 'Connection', title: 'Connection', group: null, kind: 'text', value: (r) => r.connection },
  count('Calls', 'inboundCalls', 'In', 'Inbound calls answered'),
  count('Calls', 'outboundCalls', 'Out', 'Outbound calls answered'),
  count('Calls', 'missedCalls', 'Missed', 'Missed calls'),
  count('Calls', 'noAnswerCalls', 'No answer', 'Calls that rang without an answer'),
  { id: 'answerRate', label: 'Answer rate', title: 'Answered calls out of all calls', group: 'Calls', kind: 'percent', value: answerRate },
  { id: 'averageCall', label: 'Avg length', title: 'Average talk time of an answered call', group: 'Calls', kind: 'duration', value: averageCallSeconds },
  duration('Calls', 'inboundSeconds', 'Talk in', 'Inbound talk time'),
  duration('Calls', 'outboundSeconds', 'Talk out', 'Outbound talk time'),
  count('Messages', 'inboundSms', 'SMS in', 'SMS received'),
  count('Messages', 'outboundSms', 'SMS out', 'SMS sent'),
  count('Messages', 'inboundWhatsapp', 'WhatsApp in', 'WhatsApp messages received'),
  count('Messages', 'outboundWhatsapp', 'WhatsApp out', 'WhatsApp messages sent'),
  count('Messages', 'inboundEmails', 'Email in', 'Emails received'),
  count('Messages', 'outboundEmails', 'Email out', 'Emails sent'),
  count('Messages', 'spentSmsCredits', 'SMS credits', 'SMS credits spent'),
  count('Summaries', 'callSummaries', 'Created', 'Call summaries created'),
  count('Summaries', 'callSummariesSynced', 'Synced', 'Call summaries synced'),
  duration(null, 'transcriptionSeconds', 'Transcription time', 'Talk time that was transcribed'),
];

/** A cell as the user reads it; "—" where the platform does not report the figure. */
export function formatCell(column: ActivityColumn, row: ActivityTotals): string {
  const value = column.value(row);
  if (column.kind === 'text') return value === null ? '' : String(value);
  if (value === null || typeof value !== 'number') return '—';
  if (column.kind === 'duration') return formatDuration(value);
  if (column.kind === 'percent') return formatPercent(value);
  return formatNumber(value);
}

export interface SortOrder {
  columnId: string;
  direction: 'asc' | 'desc';
}

/**
 * Rows in the chosen order: text A→Z by the user's locale, numbers by size, and
 * rows without a figure last either way (they are not zero).
 */
export function sortRows(rows: readonly ActivityTotals[], order: SortOrder | null): readonly ActivityTotals[] {
  const column = ACTIVITY_COLUMNS.find((c) => c.id === order?.columnId);
  if (!order || !column) return rows;
  const sign = order.direction === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const compared = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return compared * sign;
  });
}

/** The groups over the headers, in order, with how many columns each spans. */
export function columnGroups(columns: readonly ActivityColumn[]): { group: string | null; columns: ActivityColumn[] }[] {
  const groups: { group: string | null; columns: ActivityColumn[] }[] = [];
  for (const column of columns) {
    const last = groups[groups.length - 1];
    if (last && column.group !== null && last.group === column.group) last.columns.push(column);
    else groups.push({ group: column.group, columns: [column] });
  }
  return groups;
}
