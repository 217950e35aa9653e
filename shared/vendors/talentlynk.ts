import { keyHelp, type VendorDescriptor } from './descriptor';

/** TalentLynk: a recruitment calling platform (shared/vendors/talentlynk.txt). */
export const talentlynk: VendorDescriptor = {
  name: 'TalentLynk',
  handledBy: 'recruiter',
  defaultBaseUrl: 'https://api.talentlynk.ai/v1/partners',
  key: { label: 'API key', help: keyHelp('Your TalentLynk apiKey, sent with the App ID.') },
  settings: { required: ['appId'], optional: ['baseUrl'] },
  fieldText: {
    baseUrl: { label: 'Base URL', help: "Leave empty to use TalentLynk's partner API.", placeholder: 'https://api.talentlynk.ai/v1/partners' },
    appId: { label: 'App ID', help: 'The appId TalentLynk gave you with your API key.', placeholder: 'YOUR_APP_ID' },
  },
  activity: true,
  transcripts: 'per-call',
  // "Maximum 7-day range" for call logs, asked as whole UTC days in the vendor's example.
  maxCallWindowDays: 7,
  wholeDays: true,
  // None published: a minute's 60 is what the other vendors of its kind allow.
  publishedLimits: [{ limit: 60, intervalMs: 60_000 }],
};
