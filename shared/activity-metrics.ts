import { answeredCalls, answerRate, averageCallSeconds, type ActivityTotals } from './activity';
import type { CallStatus } from './calls';

/**
 * The Activity figures a manager reads, each with its name and what it counts,
 * in one place: the screen's tiles, column headers and glossary read it, and
 * so can a workbook. `value` works from a totals row, so a team's or a
 * section's figure is worked out from its sums, never averaged.
 */
export type MetricUnit = 'count' | 'seconds' | 'share' | 'credits';

export interface MetricDefinition {
  /** Short, for a tile or a column header. */
  name: string;
  /** One or two plain sentences: what is counted, and what is not. */
  definition: string;
  unit: MetricUnit;
  value(row: ActivityTotals): number | null;
  /**
   * The call outcomes behind the figure, for a drill-down to its calls; absent
   * when the figure is not about calls (messages). Activity counts only these
   * outcomes: voicemail, busy and failed calls are in none of its figures.
   */
  statuses?: readonly CallStatus[];
  /** How a change is worded: a share changes by points, the rest by a percentage. */
  change: 'percent' | 'points';
}

const ATTEMPTED: readonly CallStatus[] = ['answered', 'missed', 'no_answer'];
const ANSWERED: readonly CallStatus[] = ['answered'];

const talkSeconds = (r: ActivityTotals) => r.inboundSeconds + r.outboundSeconds;

export const ACTIVITY_METRIC_DEFINITIONS = {
  calls: {
    name: 'Calls',
    definition: 'Calls answered, missed or not answered, inbound and outbound. Voicemail, busy and failed calls and test calls are not counted.',
    unit: 'count',
    value: (r) => answeredCalls(r) + r.missedCalls + r.noAnswerCalls,
    statuses: ATTEMPTED,
    change: 'percent',
  },
  answerRate: {
    name: 'Answered',
    definition: 'Answered calls out of all counted calls (answered, missed and not answered).',
    unit: 'share',
    value: answerRate,
    statuses: ANSWERED,
    change: 'points',
  },
  talkTime: {
    name: 'Talk time',
    definition: 'Time spent talking on answered calls, inbound and outbound together (ringing and waiting not included).',
    unit: 'seconds',
    value: talkSeconds,
    statuses: ANSWERED,
    change: 'percent',
  },
  missed: {
    name: 'Missed',
    definition: 'Inbound calls nobody answered. Outbound calls the other side did not pick up are counted as “No answer”.',
    unit: 'count',
    value: (r) => r.missedCalls,
    statuses: ['missed'],
    change: 'percent',
  },
  averageCall: {
    name: 'Avg length',
    definition: 'Average talk time of an answered call: talk time divided by answered calls.',
    unit: 'seconds',
    value: averageCallSeconds,
    statuses: ANSWERED,
    change: 'percent',
  },
  inboundCalls: { name: 'In', definition: 'Inbound calls answered. A call whose platform does not record its direction counts as inbound.', unit: 'count', value: (r) => r.inboundCalls, statuses: ANSWERED, change: 'percent' },
  outboundCalls: { name: 'Out', definition: 'Outbound calls answered by the other side.', unit: 'count', value: (r) => r.outboundCalls, statuses: ANSWERED, change: 'percent' },
  noAnswerCalls: { name: 'No answer', definition: 'Outbound calls that rang without an answer.', unit: 'count', value: (r) => r.noAnswerCalls, statuses: ['no_answer'], change: 'percent' },
  inboundSeconds: { name: 'Talk in', definition: 'Talk time on answered inbound calls.', unit: 'seconds', value: (r) => r.inboundSeconds, statuses: ANSWERED, change: 'percent' },
  outboundSeconds: { name: 'Talk out', definition: 'Talk time on answered outbound calls.', unit: 'seconds', value: (r) => r.outboundSeconds, statuses: ANSWERED, change: 'percent' },
  inboundSms: { name: 'SMS in', definition: 'SMS received (TalentLynk reports messages; voice-AI platforms do not, shown as —).', unit: 'count', value: (r) => r.inboundSms, change: 'percent' },
  outboundSms: { name: 'SMS out', definition: 'SMS sent.', unit: 'count', value: (r) => r.outboundSms, change: 'percent' },
  inboundWhatsapp: { name: 'WhatsApp in', definition: 'WhatsApp messages received.', unit: 'count', value: (r) => r.inboundWhatsapp, change: 'percent' },
  outboundWhatsapp: { name: 'WhatsApp out', definition: 'WhatsApp messages sent.', unit: 'count', value: (r) => r.outboundWhatsapp, change: 'percent' },
  inboundEmails: { name: 'Email in', definition: 'Emails received.', unit: 'count', value: (r) => r.inboundEmails, change: 'percent' },
  outboundEmails: { name: 'Email out', definition: 'Emails sent.', unit: 'count', value: (r) => r.outboundEmails, change: 'percent' },
  spentSmsCredits: { name: 'SMS credits', definition: 'SMS credits spent, as the platform bills them.', unit: 'credits', value: (r) => r.spentSmsCredits, change: 'percent' },
  callSummaries: { name: 'Summaries', definition: 'Calls with a written summary.', unit: 'count', value: (r) => r.callSummaries, change: 'percent' },
  callSummariesSynced: { name: 'Synced', definition: 'Call summaries the platform copied to the CRM (TalentLynk only).', unit: 'count', value: (r) => r.callSummariesSynced, change: 'percent' },
  transcriptionSeconds: { name: 'Transcribed', definition: 'Talk time of calls that have a transcript.', unit: 'seconds', value: (r) => r.transcriptionSeconds, change: 'percent' },
} as const satisfies Record<string, MetricDefinition>;

export type MetricId = keyof typeof ACTIVITY_METRIC_DEFINITIONS;
export const metricDefinition = (id: MetricId): MetricDefinition => ACTIVITY_METRIC_DEFINITIONS[id];

/** The headline figures, in the order the tiles show them. */
export const KPI_METRICS = ['calls', 'answerRate', 'talkTime', 'missed', 'averageCall'] as const satisfies readonly MetricId[];

/** What the change beside a figure means (the tiles' and the table's "vs before"). */
export const CHANGE_DEFINITION =
  'Against the period just before, of the same number of days (the last 7 days against the 7 days before them). A share changes by percentage points; “new” means there was nothing to compare with.';

/**
 * The change of a figure against the period before: a fraction (0.12 = +12%)
 * for counts and times, a difference of shares for a share. `new` when the
 * period before had none; null when either side has no figure.
 */
export function metricChange(metric: MetricDefinition, current: ActivityTotals, previous: ActivityTotals | undefined): number | 'new' | null {
  const now = metric.value(current);
  const before = previous ? metric.value(previous) : metric.unit === 'share' ? null : 0;
  if (now === null) return null;
  if (metric.change === 'points') return before === null ? (previous ? null : 'new') : now - before;
  if (before === null) return null;
  if (before === 0) return now === 0 ? 0 : 'new';
  return (now - before) / before;
}
