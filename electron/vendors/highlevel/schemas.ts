import { z } from 'zod';

/**
 * HighLevel Voice AI's records as its docs describe them. Loose objects:
 * unknown fields are allowed (the raw JSON keeps them). Enums (actionType) are
 * plain strings so a new value is kept as the vendor's own rather than rejected.
 */

const ExecutedCallActionSchema = z.looseObject({
  actionId: z.string().nullish(),
  actionType: z.string().nullish(),
  actionName: z.string().nullish(),
  description: z.string().nullish(),
  actionParameters: z.record(z.string(), z.unknown()).nullish(),
  executedAt: z.string().nullish(),
});

export const CallLogSchema = z.looseObject({
  id: z.string().min(1),
  agentId: z.string().nullish(),
  isAgentDeleted: z.boolean().nullish(),
  /** The only time a call log has: when the call began. */
  createdAt: z.string(),
  /** Seconds. */
  duration: z.number().nonnegative().nullish(),
  trialCall: z.boolean().nullish(),
  executedCallActions: z.array(ExecutedCallActionSchema).nullish(),
  summary: z.string().nullish(),
  /** `bot: …` and `human: …` lines. */
  transcript: z.string().nullish(),
  contactId: z.string().nullish(),
  /** The number of the person the agent talked to. */
  fromNumber: z.string().nullish(),
  translation: z.looseObject({ translatedTranscript: z.string().nullish() }).nullish(),
  /**
   * What the agent was set up to extract, under names the account chose (the
   * example's customerName is one agent's choice): free-form, read by
   * extracted-data.ts. Anything but an object is ignored, never a reason to drop the call.
   */
  extractedData: z.record(z.string(), z.unknown()).nullish().catch(null),
  messageId: z.string().nullish(),
});
export type CallLog = z.infer<typeof CallLogSchema>;

/** Every paged HighLevel list: `{ total, page, pageSize, <items> }`. */
const paging = {
  total: z.number().int().nonnegative(),
  page: z.number().int().nullish(),
  pageSize: z.number().int().nullish(),
};
export const CallLogsPageSchema = z.looseObject({ ...paging, callLogs: z.array(z.unknown()) });
export const AgentsPageSchema = z.looseObject({ ...paging, agents: z.array(z.unknown()) });

export const AgentSchema = z.looseObject({
  id: z.string().min(1),
  agentName: z.string().nullish(),
  businessName: z.string().nullish(),
  inboundNumber: z.string().nullish(),
});
export type Agent = z.infer<typeof AgentSchema>;
