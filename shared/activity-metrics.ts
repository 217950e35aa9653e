import { answeredCalls, answerRate, averageCallSeconds, type ActivityTotals } from './activity';
import { activityMetric, type ActivityMetric, type FigureUnit } from './activity-metric-list';
import type { CallStatus } from './calls';

/**
 * The Activity figures a manager reads, each with its name and what it counts,
 * in one place: the screen's tiles, column headers and glossary read it, and
 * so can a workbook. `value` works from a totals row, so a team's or a
 * section's figure is worked out from its sums, never averaged.
 */
export type MetricUnit = FigureUnit | 'share';

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

/** One figure of the list (shared/activity-metric-list.ts) as the screen names and defines it. */
function figure(key: ActivityMetric): MetricDefinition {
  const { name, definition, unit, ...about } = activityMetric(key);
  return { name, definition, unit, value: (r) => r[key], ...('statuses' in about ? { statuses: about.statuses } : {}), change: 'percent' };
}

/**
 * The headline figures, then every figure of the list in the table's order
 * (the glossary lists them so). Missed calls are the headline "missed".
 */
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
  missed: figure('missedCalls'),
  averageCall: {
    name: 'Avg length',
    definition: 'Average talk time of an answered call: talk time divided by answered calls.',
    unit: 'seconds',
    value: averageCallSeconds,
    statuses: ANSWERED,
    change: 'percent',
  },
  inboundCalls: figure('inboundCalls'),
  outboundCalls: figure('outboundCalls'),
  noAnswerCalls: figure('noAnswerCalls'),
  inboundSeconds: figure('inboundSeconds'),
  outboundSeconds: figure('outboundSeconds'),
  inboundSms: figure('inboundSms'),
  outboundSms: figure('outboundSms'),
  inboundWhatsapp: figure('inboundWhatsapp'),
  outboundWhatsapp: figure('outboundWhatsapp'),
  inboundEmails: figure('inboundEmails'),
  outboundEmails: figure('outboundEmails'),
  spentSmsCredits: figure('spentSmsCredits'),
  callSummaries: figure('callSummaries'),
  callSummariesSynced: figure('callSummariesSynced'),
  transcriptionSeconds: figure('transcriptionSeconds'),
} as const satisfies Record<string, MetricDefinition> & Record<Exclude<ActivityMetric, 'missedCalls'>, MetricDefinition>;

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
