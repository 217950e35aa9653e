import { keyHelp, type VendorDescriptor } from './descriptor';

/** TalkPilot: voice-AI agents on a per-customer project (shared/vendors/talkpilot.txt). */
export const talkpilot: VendorDescriptor = {
  name: 'TalkPilot',
  handledBy: 'ai_agent',
  defaultBaseUrl: null,
  key: { label: 'API key', help: keyHelp('Starts with tp_live_ and needs the calls:read permission (agents:read to list agents by name).') },
  settings: { required: ['baseUrl'], optional: ['agentIds'] },
  fieldText: {
    baseUrl: {
      label: 'API base URL',
      help: "Your TalkPilot project's own address: https://{project_ref}.supabase.co/functions/v1/api/v1",
      placeholder: 'https://your-project.supabase.co/functions/v1/api/v1',
    },
  },
  activity: false,
  transcripts: 'per-call',
  maxCallWindowDays: null,
  wholeDays: false,
  // Defaults per key; an admin can set others, which the X-RateLimit-* headers announce.
  publishedLimits: [
    { limit: 60, intervalMs: 60_000 },
    { limit: 1_000, intervalMs: 3_600_000 },
  ],
};
