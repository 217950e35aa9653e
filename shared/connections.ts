import { z } from 'zod';
import { baseUrlProblem } from './base-url';
import type { SyncRunStatus } from './sync';
import { VENDOR_INFO, VENDORS, type SettingName, type Vendor } from './vendors';

/** A vendor API address the key may be sent to: https (plain http only on this computer), no credentials inside (shared/base-url.ts). */
const BaseUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = baseUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * What a connection needs besides its key. Never a secret: keys live in the OS
 * keychain only, and `.strict()` refuses any field not named here.
 */
export const ConnectionSettingsSchema = z
  .object({
    baseUrl: BaseUrlSchema.optional(),
    appId: z.string().min(1).max(200).optional(),
    agentIds: z.array(z.string().min(1).max(200)).max(200).optional(),
    locationId: z.string().min(1).max(200).optional(),
  })
  .strict();
export type ConnectionSettings = z.infer<typeof ConnectionSettingsSchema>;
/**
 * Settings as read back from the database. A connection saved before base URLs
 * were limited to https must still list (and be fixed or removed), so the
 * stored address is read as it is; everything written goes through
 * ConnectionSettingsSchema, and such an address is refused before its key is
 * read (`savedAddressProblem`).
 */
export const StoredConnectionSettingsSchema = ConnectionSettingsSchema.extend({ baseUrl: z.string().optional() });
// The descriptors name settings by these keys: the two lists must stay one.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const settingNamesMatch: SameKeys<keyof ConnectionSettings, SettingName> = true;
void settingNamesMatch;

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

/** What the vendor cannot work without, besides the key (the form and the CLI ask for these), from its descriptor. */
export function missingSettings(vendor: Vendor, settings: ConnectionSettings): SettingName[] {
  return VENDOR_INFO[vendor].settings.required.filter((name) => settings[name] === undefined);
}

/** The answer to "Test connection", in plain words. */
export interface ConnectionTestResult {
  ok: boolean;
  /** One plain sentence: "Works: 3 agents found (Sales, Support, Intake)." or what went wrong. */
  message: string;
  /** What the key can see, when it works: agents or users, by name. */
  found?: { kind: 'agents' | 'users'; names: string[] };
}

/** A connection as the Connections and Sync screens show it. Never a key: only whether one is set. */
export interface ConnectionSummary extends Connection {
  /** Whether the keychain holds its key; null when the keychain did not answer, so nobody can tell ("key status unknown"). */
  keySet: boolean | null;
  /** Calls are stored up to here (the calls checkpoint), or null before the first sync. */
  syncedThroughMs: number | null;
  /** Transcripts the vendor has (or will have) that are not stored yet: the backlog the next syncs fetch. */
  transcriptsPending: number;
  /** When a sync last finished without failing (succeeded, or partial), or null. */
  lastGoodSyncMs: number | null;
  /** How the latest finished sync ended, or null before the first. */
  lastRun: { status: Exclude<SyncRunStatus, 'running'>; finishedAtMs: number; errorMessage: string | null } | null;
}

const ApiKeySchema = z.string().trim().min(1, 'the API key is empty').max(4096);

export const AddConnectionRequestSchema = NewConnectionSchema.extend({ apiKey: ApiKeySchema })
  .strict()
  .superRefine((request, ctx) => {
    for (const name of missingSettings(request.vendor, request.settings)) {
      ctx.addIssue({ code: 'custom', path: ['settings', name], message: `${name} is required for this vendor` });
    }
  });

/**
 * A new name or settings. When the settings move the connection to another
 * address (scheme, host or port; an empty base URL is the vendor's default),
 * the key must come with them: the stored key belongs to the old address and is
 * never sent to the new one.
 */
export const UpdateConnectionRequestSchema = z
  .object({
    connectionId: z.number().int().positive(),
    label: ConnectionLabelSchema.optional(),
    settings: ConnectionSettingsSchema.optional(),
    apiKey: ApiKeySchema.optional(),
  })
  .strict();

/** What removing a connection did: the row always goes; its key stays in the keychain when the keychain did not answer. */
export interface RemoveConnectionResult {
  removed: true;
  /**
   * False when the keychain could not be reached: the key is still there, filed
   * under `keychainAccount`, and Talktally removes it the next time the keychain
   * answers (or the user removes it by hand).
   */
  keyRemoved: boolean;
  /** The keychain item that was left (service "Talktally"), when keyRemoved is false. Never the key itself. */
  keychainAccount?: string;
}

export const SetKeyRequestSchema = z.object({ connectionId: z.number().int().positive(), apiKey: ApiKeySchema }).strict();
