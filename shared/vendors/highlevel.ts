import { keyHelp, type VendorDescriptor } from './descriptor';

/** The scopes HighLevel tokens need: call logs to sync, agents to show agents by name. */
export const HIGHLEVEL_SCOPES = { callLogs: 'voice-ai-dashboard.readonly', agents: 'voice-ai-agents.readonly' } as const;

/** HighLevel Voice AI (LeadConnector): voice-AI agents of a location (shared/vendors/highlevel-voice-ai.txt). */
export const highlevel: VendorDescriptor = {
  name: 'HighLevel Voice AI',
  handledBy: 'ai_agent',
  defaultBaseUrl: 'https://services.leadconnectorhq.com',
  key: {
    label: 'Private Integration Token',
    help: keyHelp(
      `A Private Integration Token (HighLevel: Settings › Private Integrations) or an OAuth access token. It needs the scope ${HIGHLEVEL_SCOPES.callLogs} to read call logs; add ${HIGHLEVEL_SCOPES.agents} to show agents by name (without it, agents show by their id).`,
    ),
  },
  settings: { required: ['locationId'], optional: ['baseUrl', 'agentIds'] },
  fieldText: {
    baseUrl: { label: 'Base URL', help: "Leave empty to use HighLevel's (LeadConnector) API.", placeholder: 'https://services.leadconnectorhq.com' },
    locationId: { label: 'Location ID', help: 'The HighLevel location (sub-account) whose Voice AI call logs to read.' },
  },
  activity: false,
  transcripts: 'inline',
  maxCallWindowDays: null,
  wholeDays: false,
  // 100 per 10 s burst; the 200,000 a day is out of a sync's reach.
  publishedLimits: [{ limit: 100, intervalMs: 10_000 }],
};
