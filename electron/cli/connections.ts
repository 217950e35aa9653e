import type { Command } from 'commander';
import { ConnectionSettingsSchema, missingSettings, type ConnectionSettings } from '../../shared/connections';
import { COMMON_FIELD_TEXT, VENDOR_INFO, VENDOR_NAMES, VENDORS, type SettingName } from '../../shared/vendors';
import { addConnectionWithKey, listConnectionSummaries, removeConnectionAndKey } from '../connections/manage';
import { DuplicateConnectionLabelError } from '../store/connections';
import { listSyncRuns } from '../store/sync-state';
import type { CliContext } from './context';
import { connectionNamed, connectorFor } from './context';
import { CliFailure, UsageError } from './errors';
import { parseVendor, readApiKey } from './input';

type WithContext = (action: (context: CliContext) => Promise<void>) => Promise<void>;

/** "TalentLynk's app id (required)", "the API's address (TalkPilot: required; optional for TalentLynk, …)": from the vendors' descriptors. */
function settingHelp(name: SettingName): string {
  const needs = VENDORS.filter((v) => VENDOR_INFO[v].settings.required.includes(name)).map((v) => VENDOR_NAMES[v]);
  const takes = VENDORS.filter((v) => VENDOR_INFO[v].settings.optional.includes(name)).map((v) => VENDOR_NAMES[v]);
  const parts = [needs.length ? `required for ${needs.join(', ')}` : '', takes.length ? `optional for ${takes.join(', ')}` : ''].filter(Boolean);
  return `${COMMON_FIELD_TEXT[name].label} (${parts.join('; ')})`;
}

const OPTION_NAMES: Record<keyof ConnectionSettings, string> = {
  baseUrl: '--base-url',
  appId: '--app-id',
  agentIds: '--agent-id',
  locationId: '--location-id',
};

function settingsFrom(options: { baseUrl?: string; appId?: string; agentId?: string[]; locationId?: string }): ConnectionSettings {
  const parsed = ConnectionSettingsSchema.safeParse({
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.appId ? { appId: options.appId } : {}),
    ...(options.agentId?.length ? { agentIds: options.agentId } : {}),
    ...(options.locationId ? { locationId: options.locationId } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] as keyof ConnectionSettings | undefined;
    const message = issue?.message ?? 'invalid';
    throw new UsageError(`${field ? OPTION_NAMES[field] : 'A setting'} is not valid: ${message.charAt(0).toLowerCase()}${message.slice(1)}.`);
  }
  return parsed.data;
}

export function registerConnectionCommands(program: Command, withContext: WithContext): void {
  const connections = program.command('connections').description('add, list, test and remove vendor connections');

  connections
    .command('add')
    .description('add a connection; the API key is read from TALKTALLY_API_KEY or standard input and goes to the OS keychain')
    .requiredOption('--vendor <vendor>', VENDORS.join(', '))
    .requiredOption('--name <label>', 'a name for this connection')
    .option('--base-url <url>', settingHelp('baseUrl'))
    .option('--app-id <id>', settingHelp('appId'))
    .option('--agent-id <id>', `${settingHelp('agentIds')}, repeatable`, (value: string, previous: string[] = []) => [...previous, value])
    .option('--location-id <id>', settingHelp('locationId'))
    .action((options: { vendor: string; name: string; baseUrl?: string; appId?: string; agentId?: string[]; locationId?: string }) =>
      withContext(async (context) => {
        const vendor = parseVendor(options.vendor);
        const settings = settingsFrom(options);
        const missing = missingSettings(vendor, settings);
        if (missing.length) throw new UsageError(`${VENDOR_NAMES[vendor]} needs ${missing.map((m) => OPTION_NAMES[m]).join(' and ')}.`);
        const apiKey = await readApiKey(process.env, process.stdin);
        const connection = await addConnectionWithKey(context.db, context.secrets, { vendor, label: options.name, settings }, apiKey).catch(
          (error: unknown) => {
            throw error instanceof DuplicateConnectionLabelError ? new CliFailure(error.message) : error;
          },
        );
        context.out(
          `Added ${VENDOR_NAMES[vendor]} connection "${connection.label}". Its key is in the system keychain. Check it with: talktally connections test "${connection.label}"`,
        );
      }),
    );

  connections
    .command('list')
    .description('list connections (never their keys)')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withContext(async (context) => {
        // Lists even when the keychain is down: keySet is then null ("unknown").
        const rows = (await listConnectionSummaries(context.db, context.secrets)).map((c) => ({
          name: c.label,
          vendor: c.vendor,
          settings: c.settings,
          keySet: c.keySet,
          lastSyncedThrough: c.syncedThroughMs,
          lastRun: listSyncRuns(context.db, { connectionId: c.id, limit: 1 })[0]?.status ?? null,
        }));
        if (options.json) return context.out(JSON.stringify(rows, null, 2));
        if (!rows.length) return context.out('No connections yet. Add one with: talktally connections add --vendor … --name …');
        for (const r of rows) {
          const synced = r.lastSyncedThrough ? `synced through ${new Date(r.lastSyncedThrough).toLocaleString()}` : 'never synced';
          const key = r.keySet === null ? 'UNKNOWN' : r.keySet ? 'set' : 'MISSING';
          context.out(`${r.name}  ${VENDOR_NAMES[r.vendor]}  key ${key}  ${synced}${r.lastRun ? ` (last run ${r.lastRun})` : ''}`);
        }
        if (rows.some((r) => r.keySet === null)) {
          context.note(
            'Key UNKNOWN: the system keychain did not answer, so Talktally cannot tell whether those keys are set. Unlock the keychain (or start it) and try again.',
          );
        }
      }),
    );

  connections
    .command('test <name>')
    .description("check a connection's key and settings against the vendor")
    .action((name: string) =>
      withContext(async (context) => {
        const connection = connectionNamed(context, name);
        const result = await (await connectorFor(context, connection)).testConnection();
        if (!result.ok) throw new CliFailure(result.message);
        context.out(result.message);
      }),
    );

  connections
    .command('remove <name>')
    .description('remove a connection, its key and everything synced from it')
    .action((name: string) =>
      withContext(async (context) => {
        const connection = connectionNamed(context, name);
        const { keyRemoved, keychainAccount } = await removeConnectionAndKey(context.db, context.secrets, connection.id);
        if (keyRemoved) return context.out(`Removed "${connection.label}", its key and its synced calls.`);
        context.out(`Removed "${connection.label}" and its synced calls.`);
        context.note(
          `Its key is still in the system keychain, which did not answer. Talktally removes it the next time the keychain answers ` +
            `(any connections command does it), or remove it yourself: service "Talktally", account "${keychainAccount ?? ''}".`,
        );
      }),
    );
}
