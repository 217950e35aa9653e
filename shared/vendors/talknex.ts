import { keyHelp, type VendorDescriptor } from './descriptor';

/** Talknex: voice-AI agents (shared/vendors/talknex.txt). */
export const talknex: VendorDescriptor = {
  name: 'Talknex',
  handledBy: 'ai_agent',
  defaultBaseUrl: 'https://api.talknex.ai/v1',
  key: { label: 'API key', help: keyHelp('Created in Talknex under Settings → API Keys.') },
  settings: { required: [], optional: ['baseUrl'] },
  fieldText: {
    baseUrl: { label: 'Base URL', help: "Leave empty to use Talknex's API.", placeholder: 'https://api.talknex.ai/v1' },
  },
  activity: false,
  transcripts: 'per-call',
  maxCallWindowDays: null,
  wholeDays: false,
  publishedLimits: [{ limit: 100, intervalMs: 60_000 }],
};
