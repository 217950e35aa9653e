import type { ActivityTotals } from '../../../../shared/activity';
import { CHANGE_DEFINITION, metricChange, metricDefinition, type MetricId } from '../../../../shared/activity-metrics';
import { CONVERSATION_METRICS, type ConversationMetric } from '../../../../shared/conversation';
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
  /** Words for a cell the kind alone cannot word (a monologue measured in words). */
  format?(row: ActivityTotals): string | null;
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

const conversationDefinition = (key: ConversationMetric): string => CONVERSATION_METRICS.find((m) => m.key === key)?.definition ?? '';
const conversationLabel = (key: ConversationMetric): string => CONVERSATION_METRICS.find((m) => m.key === key)?.label ?? key;
/** A longest run: its time where the platform times turns, else its words. */
const longestRun = (ms: number | null | undefined, words: number | null | undefined): string | null =>
  ms !== null && ms !== undefined ? formatDuration(ms / 1000) : words !== null && words !== undefined ? `${formatNumber(words)} words` : null;

/** What the person's stored transcripts add (shared/conversation.ts); blank for a team or a total, whose runs cannot be added up. */
const CONVERSATION_COLUMNS: readonly ActivityColumn[] = [
  {
    id: 'talkShare',
    label: 'Talk share',
    title: conversationLabel('talkShare'),
    definition: conversationDefinition('talkShare'),
    group: 'Conversation',
    kind: 'percent',
    value: (r) => r.conversation?.talkShare ?? null,
  },
  {
    id: 'longestMonologue',
    label: 'Longest monologue',
    title: conversationLabel('longestMonologue'),
    definition: conversationDefinition('longestMonologue'),
    group: 'Conversation',
    kind: 'duration',
    value: (r) => r.conversation?.longestMonologueMs ?? r.conversation?.longestMonologueWords ?? null,
    format: (r) => longestRun(r.conversation?.longestMonologueMs, r.conversation?.longestMonologueWords),
  },
  {
    id: 'questionsAsked',
    label: 'Questions',
    title: conversationLabel('questionsAsked'),
    definition: conversationDefinition('questionsAsked'),
    group: 'Conversation',
    kind: 'count',
    value: (r) => r.conversation?.questionsAsked ?? null,
  },
];

/** The table's columns: the fixed ones, the conversation figures, and one per saved tracker (calls of theirs that hit it). */
export function activityColumns(trackers: readonly { id: number; name: string }[]): readonly ActivityColumn[] {
  return [
    ...ACTIVITY_COLUMNS,
    ...CONVERSATION_COLUMNS,
    ...trackers.map((t): ActivityColumn => ({
      id: `tracker${t.id}`,
      label: t.name,
      title: `Calls that hit the tracker ${t.name}`,
      definition: `Calls of this person in the range whose transcript says one of the tracker's words or phrases, on either side.`,
      group: 'Trackers',
      kind: 'count',
      value: (r) => (r.trackerCalls ? (r.trackerCalls[t.id] ?? 0) : null),
    })),
  ];
}

/** A cell as the user reads it; "—" where the platform does not report the figure. */
export function formatCell(column: ActivityColumn, row: ActivityTotals, previous?: ActivityTotals): string {
  if (column.kind === 'change') return changeText(metricDefinition('calls'), row, previous).text;
  if (column.format) return column.format(row) ?? '—';
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
export function sortRows(
  rows: readonly ActivityTotals[],
  order: SortOrder | null,
  previousOf: (row: ActivityTotals) => ActivityTotals | undefined = () => undefined,
  columns: readonly ActivityColumn[] = ACTIVITY_COLUMNS,
): readonly ActivityTotals[] {
  const column = columns.find((c) => c.id === order?.columnId);
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
