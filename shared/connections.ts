import { z } from 'zod';
import { VENDORS, type Vendor } from './vendors';

/**
 * What a connection needs besides its key. Never a secret: keys live in the OS
 * keychain only, and `.strict()` refuses any field not named here.
 */
export const ConnectionSettingsSchema = z
  .object({
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    appId: z.string().min(1).max(200).optional(),
    agentIds: z.array(z.string().min(1).max(200)).max(200).optional(),
    locationId: z.string().min(1).max(200).optional(),
  })
  .strict();
export type ConnectionSettings = z.infer<typeof ConnectionSettingsSchema>;

export const ConnectionLabelSchema = z.string().trim().min(1).max(100);

export interface Connection {
  id: number;
  vendor: Vendor;
  label: string;
  settings: ConnectionSettings;
  createdAtMs: number;
  updatedAtMs: number;
}

export const NewConnectionSchema = z
  .object({
    vendor: z.enum(VENDORS),
    label: ConnectionLabelSchema,
    settings: ConnectionSettingsSchema.default({}),
  })
  .strict();
export type NewConnection = z.input<typeof NewConnectionSchema>;

/** What each vendor cannot work without, besides the key (the UI's form and the CLI ask for these). */
export const REQUIRED_SETTINGS: Readonly<Record<Vendor, readonly (keyof ConnectionSettings)[]>> = {
  talentlynk: ['appId'],
  // Per customer: https://{project_ref}.supabase.co/functions/v1/api/v1
  talkpilot: ['baseUrl'],
  talkover: [],
  highlevel: ['locationId'],
  talknex: [],
};

export function missingSettings(vendor: Vendor, settings: ConnectionSettings): (keyof ConnectionSettings)[] {
  return REQUIRED_SETTINGS[vendor].filter((name) => settings[name] === undefined);
}
