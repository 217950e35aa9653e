import type { CallStatus } from './calls';

/** How a figure is measured. */
export type FigureUnit = 'count' | 'seconds' | 'credits';

/**
 * Which part of a person's work a figure is about: the screen's column groups,
 * and the report's "Activity" sheets put the answer rate and average length
 * after the call figures.
 */
export type MetricGroup = 'calls' | 'summaries' | 'messages' | 'transcripts';

const ANSWERED = ['answered'] as const satisfies readonly CallStatus[];

/**
 * Every per-person activity figure, in one place: in the order totals and
 * reports list them. Everything else is derived from this list: the figures
 * of a totals row (shared/activity.ts), the `user_activity` and `call_days`
 * columns the store writes and sums (electron/store/activity.ts,
 * activity-totals.ts, day-totals.ts), the report's columns
 * (electron/reports/activity-columns.ts) and the screen's names and
 * definitions (shared/activity-metrics.ts).
 *
 * - `key`: ours, camelCase. TalentLynk's API spells three of them its own way
 *   (`inboundSMS`): that spelling stays in its schema and mapper.
 * - `column`: in `user_activity` (migration 1) and, for figures `fromCalls`, in `call_days` (migration 14).
 * - `label`: the full name, a report's column header; `name` and `definition`: the screen's short name and its glossary entry.
 * - `fromCalls`: worked out from the calls of platforms without an activity
 *   endpoint (the voice-AI platforms); the other figures only TalentLynk
 *   reports, and are null for everyone else.
 * - `statuses`: the call outcomes behind the figure, for a drill-down to its calls; absent for messages.
 */
// Laid out by hand: one metric per two lines reads as the table it is.
// prettier-ignore
export const ACTIVITY_METRICS = [
  { key: 'inboundCalls', column: 'inbound_calls', unit: 'count', group: 'calls', fromCalls: true, statuses: ANSWERED,
    label: 'Inbound calls', name: 'In', definition: 'Inbound calls answered. A call whose platform does not record its direction counts as inbound.' },
  { key: 'inboundSeconds', column: 'inbound_seconds', unit: 'seconds', group: 'calls', fromCalls: true, statuses: ANSWERED,
    label: 'Inbound talk time', name: 'Talk in', definition: 'Talk time on answered inbound calls.' },
  { key: 'outboundCalls', column: 'outbound_calls', unit: 'count', group: 'calls', fromCalls: true, statuses: ANSWERED,
    label: 'Outbound calls', name: 'Out', definition: 'Outbound calls answered by the other side.' },
  { key: 'outboundSeconds', column: 'outbound_seconds', unit: 'seconds', group: 'calls', fromCalls: true, statuses: ANSWERED,
    label: 'Outbound talk time', name: 'Talk out', definition: 'Talk time on answered outbound calls.' },
  { key: 'missedCalls', column: 'missed_calls', unit: 'count', group: 'calls', fromCalls: true, statuses: ['missed'],
    label: 'Missed calls', name: 'Missed', definition: 'Inbound calls nobody answered. Outbound calls the other side did not pick up are counted as “No answer”.' },
  { key: 'noAnswerCalls', column: 'no_answer_calls', unit: 'count', group: 'calls', fromCalls: true, statuses: ['no_answer'],
    label: 'No-answer calls', name: 'No answer', definition: 'Outbound calls that rang without an answer.' },
  { key: 'callSummaries', column: 'call_summaries', unit: 'count', group: 'summaries', fromCalls: true,
    label: 'Call summaries', name: 'Summaries', definition: 'Calls with a written summary.' },
  { key: 'callSummariesSynced', column: 'call_summaries_synced', unit: 'count', group: 'summaries', fromCalls: false,
    label: 'Summaries synced', name: 'Synced', definition: 'Call summaries the platform copied to the CRM (TalentLynk only).' },
  { key: 'inboundSms', column: 'inbound_sms', unit: 'count', group: 'messages', fromCalls: false,
    label: 'SMS in', name: 'SMS in', definition: 'SMS received (TalentLynk reports messages; voice-AI platforms do not, shown as —).' },
  { key: 'outboundSms', column: 'outbound_sms', unit: 'count', group: 'messages', fromCalls: false,
    label: 'SMS out', name: 'SMS out', definition: 'SMS sent.' },
  { key: 'inboundWhatsapp', column: 'inbound_whatsapp', unit: 'count', group: 'messages', fromCalls: false,
    label: 'WhatsApp in', name: 'WhatsApp in', definition: 'WhatsApp messages received.' },
  { key: 'outboundWhatsapp', column: 'outbound_whatsapp', unit: 'count', group: 'messages', fromCalls: false,
    label: 'WhatsApp out', name: 'WhatsApp out', definition: 'WhatsApp messages sent.' },
  { key: 'inboundEmails', column: 'inbound_emails', unit: 'count', group: 'messages', fromCalls: false,
    label: 'Emails in', name: 'Email in', definition: 'Emails received.' },
  { key: 'outboundEmails', column: 'outbound_emails', unit: 'count', group: 'messages', fromCalls: false,
    label: 'Emails out', name: 'Email out', definition: 'Emails sent.' },
  { key: 'spentSmsCredits', column: 'spent_sms_credits', unit: 'credits', group: 'messages', fromCalls: false,
    label: 'SMS credits spent', name: 'SMS credits', definition: 'SMS credits spent, as the platform bills them.' },
  { key: 'transcriptionSeconds', column: 'transcription_seconds', unit: 'seconds', group: 'transcripts', fromCalls: true,
    label: 'Transcription time', name: 'Transcribed', definition: 'Talk time of calls that have a transcript.' },
] as const satisfies readonly {
  key: string;
  column: string;
  unit: FigureUnit;
  group: MetricGroup;
  fromCalls: boolean;
  statuses?: readonly CallStatus[];
  label: string;
  name: string;
  definition: string;
}[];

export type ActivityMetricSpec = (typeof ACTIVITY_METRICS)[number];
export type ActivityMetric = ActivityMetricSpec['key'];
/** The figures derived from calls for the voice-AI platforms. */
export type CallMetric = Extract<ActivityMetricSpec, { fromCalls: true }>['key'];

/** One person's figures on one day, as an activity endpoint reports them: every figure. */
export type ActivityMetrics = Record<ActivityMetric, number>;
/** A person's figures over a range: null where their platform does not report one (messages, for voice-AI agents). */
export type ActivityFigures = { [K in ActivityMetric]: K extends CallMetric ? number : number | null };

export const activityMetric = (key: ActivityMetric): ActivityMetricSpec => {
  const metric = ACTIVITY_METRICS.find((m) => m.key === key);
  if (!metric) throw new Error(`No activity metric "${key}".`);
  return metric;
};

/** The figures worked out from calls, in the list's order. */
export const CALL_METRICS = ACTIVITY_METRICS.filter((m): m is Extract<ActivityMetricSpec, { fromCalls: true }> => m.fromCalls);
