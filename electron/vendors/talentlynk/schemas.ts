import { z } from 'zod';

/**
 * TalentLynk's records as its docs describe them. Loose objects: unknown fields
 * are allowed (the raw JSON keeps them). Enums are plain strings so a new
 * value is kept as the vendor's own rather than rejected.
 */
export const CallLogSchema = z.looseObject({
  id: z.string().min(1),
  direction: z.string(),
  status: z.string(),
  fromName: z.string().nullish(),
  fromNumber: z.string().nullish(),
  toName: z.string().nullish(),
  toNumber: z.string().nullish(),
  startDate: z.string(),
  endDate: z.string().nullish(),
  talkDuration: z.number().nonnegative(),
  totalDuration: z.number().nonnegative(),
  callRecordingUrl: z.string().nullish(),
  userEmail: z.string().nullish(),
  contactType: z.string().nullish(),
  syncedToCrm: z.boolean().nullish(),
  crmLabel: z.string().nullish(),
  crmId: z.string().nullish(),
  summary: z.string().nullish(),
  // In the example, not in the published interface.
  hasTranscript: z.boolean().optional(),
});
export type CallLog = z.infer<typeof CallLogSchema>;

const count = z.number().nonnegative();
export const UserActivitySchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  email: z.string().nullish(),
  inboundCalls: count,
  inboundSeconds: count,
  outboundCalls: count,
  outboundSeconds: count,
  missedCalls: count,
  noAnswerCalls: count,
  callSummaries: count,
  callSummariesSynced: count,
  inboundSMS: count,
  outboundSMS: count,
  spentSMSCredits: count,
  inboundWhatsapp: count,
  outboundWhatsapp: count,
  inboundEmails: count,
  outboundEmails: count,
  transcriptionSeconds: count,
});
export type UserActivityRecord = z.infer<typeof UserActivitySchema>;

/** Timing and confidence are optional: another TalentLynk page shows utterances with only speaker and text. */
export const TranscriptSchema = z.looseObject({
  data: z.looseObject({
    status: z.string(),
    utterances: z
      .array(
        z.looseObject({
          speaker: z.string(),
          text: z.string(),
          start: z.number().nullish(),
          end: z.number().nullish(),
          confidence: z.number().nullish(),
        }),
      )
      .nullish(),
    conversation: z.string().nullish(),
    duration: z.number().nullish(),
    confidence: z.number().nullish(),
    languageCode: z.string().nullish(),
    error: z.string().nullish(),
    createdAt: z.string().nullish(),
    /** Which speaker label is the recruiter (e.g. "A"), when given. */
    recruiter: z.string().nullish(),
  }),
});
export type TranscriptResponse = z.infer<typeof TranscriptSchema>;
