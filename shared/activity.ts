/**
 * Every per-user metric TalentLynk reports, in its API's order. The key is ours
 * (camelCase like the API), the label is what a manager reads in a report.
 */
export const ACTIVITY_METRICS = [
  { key: 'inboundCalls', label: 'Inbound calls', unit: 'count' },
  { key: 'inboundSeconds', label: 'Inbound talk time', unit: 'seconds' },
  { key: 'outboundCalls', label: 'Outbound calls', unit: 'count' },
  { key: 'outboundSeconds', label: 'Outbound talk time', unit: 'seconds' },
  { key: 'missedCalls', label: 'Missed calls', unit: 'count' },
  { key: 'noAnswerCalls', label: 'No-answer calls', unit: 'count' },
  { key: 'callSummaries', label: 'Call summaries', unit: 'count' },
  { key: 'callSummariesSynced', label: 'Call summaries synced', unit: 'count' },
  { key: 'inboundSMS', label: 'SMS in', unit: 'count' },
  { key: 'outboundSMS', label: 'SMS out', unit: 'count' },
  { key: 'spentSMSCredits', label: 'SMS credits spent', unit: 'credits' },
  { key: 'inboundWhatsapp', label: 'WhatsApp in', unit: 'count' },
  { key: 'outboundWhatsapp', label: 'WhatsApp out', unit: 'count' },
  { key: 'inboundEmails', label: 'Emails in', unit: 'count' },
  { key: 'outboundEmails', label: 'Emails out', unit: 'count' },
  { key: 'transcriptionSeconds', label: 'Transcription time', unit: 'seconds' },
] as const;

export type ActivityMetric = (typeof ACTIVITY_METRICS)[number]['key'];
export type ActivityMetrics = Record<ActivityMetric, number>;

/** One user's activity on one UTC day. */
export interface UserActivityFields extends ActivityMetrics {
  userId: string;
  /** YYYY-MM-DD, the UTC day the figures cover. */
  day: string;
  userName: string | null;
  userEmail: string | null;
  raw: unknown;
}

export interface UserActivity extends Omit<UserActivityFields, 'raw'> {
  connectionId: number;
}
