import type { ActivityTotals } from '../../../../shared/activity';
import { CHANGE_DEFINITION, metricChange, metricDefinition, type MetricId } from '../../../../shared/activity-metrics';
import { formatDuration, formatNumber, formatPercent } from '../../lib/format';
import { changeText } from './change';

export type ColumnKind = 'text' | 'count' | 'duration' | 'percent' | 'change';

export interface ActivityColumn {
  id: string;
  /** The short header under its group. */
  label: string;
  /** The full name, read by screen readers and shown with the definition. */
  title: string;
  /** What the figure counts (shared/activity-metrics.ts): the header's "?" opens it. */
  definition?: string;
  /** Columns of one group sit under one header (Calls, Messages, …). */
  group: string | null;
  kind: ColumnKind;
  /** The row's figure; `previous` is the same row in the period before (absent when it had none). */
  value(row: ActivityTotals, previous: ActivityTotals | undefined): string | number | null;
}

const KIND_OF_UNIT = { count: 'count', credits: 'count', seconds: 'duration', share: 'percent' } as const;

/** A column showing one metric, named and defined where every screen and report reads it. */
const metric = (group: string | null, id: string, metricId: MetricId, title?: string): ActivityColumn => {
  const m = metricDefinition(metricId);
  return { id, label: m.name, title: title ?? m.name, definition: m.definition, group, kind: KIND_OF_UNIT[m.unit], value: (r) => m.value(r) };
};

/**
 * The KPI table's columns, one entry each, grouped the way a manager reads them:
 * who, the change, calls, then messages, then summaries. A new column (say, a
 * conversation figure) is one more entry here.
 */
export const ACTIVITY_COLUMNS: readonly ActivityColumn[] = [
  { id: 'user', label: 'Name', title: 'Recruiter, voice-AI agent or team', group: null, kind: 'text', value: (r) => r.user },
  { id: 'connection', label: 'Connection', title: 'Connection', group: null, kind: 'text', value: (r) => r.connection },
  {
    id: 'callsChange',
    label: 'vs before',
    title: 'Change in calls against the period before',
    definition: `The change in calls. ${CHANGE_DEFINITION}`,
    group: null,
    kind: 'change',
    value: (r, previous) => {
      const change = metricChange(metricDefinition('calls'), r, previous);
      // "new" sorts above every rise.
      return change === 'new' ? Number.POSITIVE_INFINITY : change;
    },
  },
  metric('Calls', 'calls', 'calls', 'Calls counted'),
  metric('Calls', 'inboundCalls', 'inboundCalls', 'Inbound calls answered'),
  metric('Calls', 'outboundCalls', 'outboundCalls', 'Outbound calls answered'),
  metric('Calls', 'missedCalls', 'missed', 'Missed calls'),
  metric('Calls', 'noAnswerCalls', 'noAnswerCalls', 'Calls that rang without an answer'),
  metric('Calls', 'answerRate', 'answerRate', 'Answered calls out of all calls'),
  metric('Calls', 'averageCall', 'averageCall', 'Average talk time of an answered call'),
  metric('Calls', 'inboundSeconds', 'inboundSeconds', 'Inbound talk time'),
  metric('Calls', 'outboundSeconds', 'outboundSeconds', 'Outbound talk time'),
  metric('Messages', 'inboundSms', 'inboundSms', 'SMS received'),
  metric('Messages', 'outboundSms', 'outboundSms', 'SMS sent'),
  metric('Messages', 'inboundWhatsapp', 'inboundWhatsapp', 'WhatsApp messages received'),
  metric('Messages', 'outboundWhatsapp', 'outboundWhatsapp', 'WhatsApp messages sent'),
  metric('Messages', 'inboundEmails', 'inboundEmails', 'Emails received'),
  metric('Messages', 'outboundEmails', 'outboundEmails', 'Emails sent'),
  metric('Messages', 'spentSmsCredits', 'spentSmsCredits', 'SMS credits spent'),
  metric('Summaries', 'callSummaries', 'callSummaries', 'Call summaries created'),
  metric('Summaries', 'callSummariesSynced', 'callSummariesSynced', 'Call summaries synced'),
  metric(null, 'transcriptionSeconds', 'transcriptionSeconds', 'Talk time that was transcribed'),
];

/** A cell as the user reads it; "—" where the platform does not report the figure. */
export function formatCell(column: ActivityColumn, row: ActivityTotals, previous?: ActivityTotals): string {
  if (column.kind === 'change') return changeText(metricDefinition('calls'), row, previous).text;
  const value = column.value(row, previous);
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
export function sortRows(rows: readonly ActivityTotals[], order: SortOrder | null, previousOf: (row: ActivityTotals) => ActivityTotals | undefined = () => undefined): readonly ActivityTotals[] {
  const column = ACTIVITY_COLUMNS.find((c) => c.id === order?.columnId);
  if (!order || !column) return rows;
  const sign = order.direction === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return [...rows].sort((a, b) => {
    const x = column.value(a, previousOf(a));
    const y = column.value(b, previousOf(b));
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const compared = typeof x === 'number' && typeof y === 'number' ? (x === y ? 0 : x < y ? -1 : 1) : collator.compare(String(x), String(y));
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
