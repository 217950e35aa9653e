import type { ConnectionSettings } from '../../../../shared/connections';
import { REQUIRED_SETTINGS } from '../../../../shared/connections';
import type { Vendor } from '../../../../shared/vendors';

export type SettingName = keyof ConnectionSettings;

/** How one field is labelled and explained on the form. */
export interface FieldText {
  label: string;
  help: string;
  placeholder?: string;
}

/** The form's text values, one per setting (agent ids as one comma-separated line). */
export type SettingsDraft = Record<SettingName, string>;

export const EMPTY_DRAFT: SettingsDraft = { baseUrl: '', appId: '', locationId: '', agentIds: '' };

/*
 * Wording follows each vendor's own API page (/work/shared/vendors), so people
 * recognise the names they see in the vendor's settings.
 */
const BASE_URLS: Record<Vendor, FieldText> = {
  talentlynk: { label: 'Base URL', help: "Leave empty to use TalentLynk's partner API.", placeholder: 'https://api.talentlynk.ai/v1/partners' },
  talkpilot: {
    label: 'API base URL',
    help: "Your TalkPilot project's own address: https://{project_ref}.supabase.co/functions/v1/api/v1",
    placeholder: 'https://your-project.supabase.co/functions/v1/api/v1',
  },
  talkover: { label: 'Base URL', help: "Leave empty to use Talkover's API.", placeholder: 'https://app.talkover.ai/api/v1' },
  highlevel: { label: 'Base URL', help: "Leave empty to use HighLevel's (LeadConnector) API.", placeholder: 'https://services.leadconnectorhq.com' },
  talknex: { label: 'Base URL', help: "Leave empty to use Talknex's API.", placeholder: 'https://api.talknex.ai/v1' },
};

const APP_ID: FieldText = { label: 'App ID', help: 'The appId TalentLynk gave you with your API key.', placeholder: 'YOUR_APP_ID' };
const LOCATION_ID: FieldText = { label: 'Location ID', help: 'The HighLevel location (sub-account) whose Voice AI call logs to read.' };
const AGENT_IDS: FieldText = { label: 'Only these agents', help: 'Agent IDs separated by commas. Leave empty for every agent the key can see.' };

/** What the key is called at each vendor, and where to find it. */
export const KEY_TEXT: Record<Vendor, FieldText> = {
  talentlynk: { label: 'API key', help: "Your TalentLynk apiKey. It goes to this computer's keychain, never into Talktally's files." },
  talkpilot: { label: 'API key', help: "Starts with tp_live_ and needs the calls:read permission. It goes to this computer's keychain." },
  talkover: { label: 'Environment token', help: "Starts with talq_. It goes to this computer's keychain." },
  highlevel: { label: 'Private Integration Token', help: "Or an access token, with the voice-ai-dashboard.readonly scope. It goes to this computer's keychain." },
  talknex: { label: 'API key', help: "Created in Talknex under Settings → API Keys. It goes to this computer's keychain." },
};

/** Vendors whose connector can be limited to some agents. */
const TAKES_AGENT_IDS: readonly Vendor[] = ['talkpilot', 'talkover', 'highlevel'];

export function fieldText(vendor: Vendor, name: SettingName): FieldText {
  switch (name) {
    case 'baseUrl':
      return BASE_URLS[vendor];
    case 'appId':
      return APP_ID;
    case 'locationId':
      return LOCATION_ID;
    case 'agentIds':
      return AGENT_IDS;
  }
}

/** The vendor's fields: the ones it needs shown first, the optional ones under "Advanced". */
export function fieldsOf(vendor: Vendor): { required: SettingName[]; advanced: SettingName[] } {
  const required = [...REQUIRED_SETTINGS[vendor]];
  const optional: SettingName[] = ['baseUrl', ...(TAKES_AGENT_IDS.includes(vendor) ? (['agentIds'] as const) : [])];
  return { required, advanced: optional.filter((name) => !required.includes(name)) };
}

/** Only the vendor's fields, trimmed; empty ones left out so main applies its defaults and checks what is required. */
export function settingsFromDraft(vendor: Vendor, draft: SettingsDraft): ConnectionSettings {
  const { required, advanced } = fieldsOf(vendor);
  const settings: ConnectionSettings = {};
  for (const name of [...required, ...advanced]) {
    const value = draft[name].trim();
    if (!value) continue;
    if (name === 'agentIds') settings.agentIds = value.split(/[\s,]+/).filter(Boolean);
    else settings[name] = value;
  }
  return settings;
}

export function draftFromSettings(settings: ConnectionSettings): SettingsDraft {
  return {
    baseUrl: settings.baseUrl ?? '',
    appId: settings.appId ?? '',
    locationId: settings.locationId ?? '',
    agentIds: settings.agentIds?.join(', ') ?? '',
  };
}
