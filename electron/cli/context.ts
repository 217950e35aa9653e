import { savedAddressProblem } from '../../shared/base-url';
import type { Connection } from '../../shared/connections';
import { getDatabaseId } from '../store/app-settings';
import { findConnectionByLabel } from '../store/connections';
import { openDatabase } from '../store/database';
import type { Db } from '../store/db';
import { resolveDatabasePath } from '../store/location';
import { createKeychainSecretStore } from '../secrets/keychain';
import type { SecretStore } from '../secrets/secret-store';
import { CONNECTORS } from '../vendors';
import type { Connector } from '../vendors/connector';
import { CliFailure } from './errors';

/** What every command works with: one database, its keychain entries, the terminal. */
export interface CliContext {
  db: Db;
  databasePath: string;
  secrets: SecretStore;
  out(line: string): void;
  /** Progress and notes: stderr, so stdout stays clean for --json. */
  note(line: string): void;
  /** Whether stderr is a terminal (progress lines are drawn only there). */
  interactive: boolean;
}

export function openCliContext(dbOption: string | undefined, env: NodeJS.ProcessEnv): CliContext {
  const databasePath = resolveDatabasePath(dbOption ? { ...env, TALKTALLY_DB: dbOption } : env);
  const db = openDatabase(databasePath);
  return {
    db,
    databasePath,
    secrets: createKeychainSecretStore(getDatabaseId(db)),
    out: (line) => process.stdout.write(`${line}\n`),
    note: (line) => process.stderr.write(`${line}\n`),
    interactive: process.stderr.isTTY === true,
  };
}

export function connectionNamed(context: CliContext, name: string): Connection {
  const connection = findConnectionByLabel(context.db, name);
  if (!connection) throw new CliFailure(`There is no connection named "${name}". See: talktally connections list`);
  return connection;
}

/** The connection's key from the keychain, for its own host only; it stays in this process's memory. */
export async function apiKeyFor(context: CliContext, connection: Connection): Promise<string> {
  // Saved before https was required: its key is not sent over plain http to another host.
  const unsafe = savedAddressProblem(connection.settings.baseUrl);
  if (unsafe) throw new CliFailure(`"${connection.label}": ${unsafe}`);
  const apiKey = await context.secrets.get(connection.id);
  if (!apiKey) throw new CliFailure(`The connection "${connection.label}" has no API key in the keychain. Add it again with: talktally connections add`);
  return apiKey;
}

/** A connector with the key from the keychain (`apiKeyFor`). */
export async function connectorFor(context: CliContext, connection: Connection, signal?: AbortSignal): Promise<Connector> {
  const apiKey = await apiKeyFor(context, connection);
  return CONNECTORS[connection.vendor]({ settings: connection.settings, apiKey, http: signal ? { signal } : {} });
}
