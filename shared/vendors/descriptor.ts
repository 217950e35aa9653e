/**
 * Everything Talktally knows about one vendor that is not code: what people
 * call it and its key, the settings a connection takes, what its API can do,
 * its published limits. Connectors, forms, the CLI, reports and the simulator
 * read it from here, so a fact is written once and a sixth vendor is one
 * more descriptor (the compiler then points at the connector, simulator and
 * tests it still needs: each is a Record over the vendor ids).
 */

/** The settings a connection can have besides its key (never a secret). */
export const SETTING_NAMES = ['baseUrl', 'appId', 'locationId', 'agentIds'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** How one field is labelled and explained on the connection form and in the CLI. */
export interface FieldText {
  label: string;
  help: string;
  placeholder?: string;
}

/** A published rate limit: at most `limit` requests in any `intervalMs`. */
export interface PublishedLimit {
  limit: number;
  intervalMs: number;
}

export interface VendorDescriptor {
  /** What people see. */
  name: string;
  /** Who is on our side of its calls: a recruiter (a person) or a voice-AI agent. */
  handledBy: 'recruiter' | 'ai_agent';
  /** The API address when the user leaves it empty; null when each customer has their own (TalkPilot). */
  defaultBaseUrl: string | null;
  /** What the vendor calls the key, and where to find it (scopes and permissions included). */
  key: FieldText;
  /** The settings the vendor needs, shown first; then the optional ones, under "Advanced". */
  settings: { required: readonly SettingName[]; optional: readonly SettingName[] };
  /** Field wording where it differs from the common wording (`COMMON_FIELD_TEXT`). */
  fieldText: Partial<Record<SettingName, FieldText>>;
  /** Per-user daily activity from an endpoint of its own (TalentLynk); otherwise it is derived from the calls. */
  activity: boolean;
  /** How transcripts arrive: inline in the call list, one request per call, or not at all. */
  transcripts: 'inline' | 'per-call' | 'none';
  /** The longest span one calls request may cover, in whole UTC days; null when the API sets none. */
  maxCallWindowDays: number | null;
  /** Calls are filtered by whole UTC days (dates, not times), so windows start and end at midnight UTC. */
  wholeDays: boolean;
  /** Every published limit per key (the client paces to all; the vendor's own headers may lower them). */
  publishedLimits: readonly PublishedLimit[];
}

/** The wording of a field when a vendor has nothing more specific to say. */
export const COMMON_FIELD_TEXT: Readonly<Record<SettingName, FieldText>> = {
  baseUrl: { label: 'Base URL', help: "Leave empty to use the vendor's own API address." },
  appId: { label: 'App ID', help: 'The app id the vendor gave you with your API key.' },
  locationId: { label: 'Location ID', help: 'The location (sub-account) whose calls to read.' },
  agentIds: { label: 'Only these agents', help: 'Agent IDs separated by commas. Leave empty for every agent the key can see.' },
};

const KEYCHAIN = "It goes to this computer's keychain, never into Talktally's files.";
export const keyHelp = (text: string): string => `${text} ${KEYCHAIN}`;
