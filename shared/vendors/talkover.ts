import { keyHelp, type VendorDescriptor } from './descriptor';

/** Talkover: voice-AI agents (shared/vendors/talkover.txt). */
export const talkover: VendorDescriptor = {
  name: 'Talkover',
  handledBy: 'ai_agent',
  defaultBaseUrl: 'https://app.talkover.ai/api/v1',
  key: { label: 'Environment token', help: keyHelp('Starts with talq_.') },
  settings: { required: [], optional: ['baseUrl', 'agentIds'] },
  fieldText: {
    baseUrl: { label: 'Base URL', help: "Leave empty to use Talkover's API.", placeholder: 'https://app.talkover.ai/api/v1' },
  },
  activity: false,
  // Transcripts and recordings go out by webhook only.
  transcripts: 'none',
  maxCallWindowDays: null,
  // date_from / date_to are dates.
  wholeDays: true,
  // The Standard plan's; Professional allows ten times as many.
  publishedLimits: [{ limit: 100, intervalMs: 60_000 }],
};
