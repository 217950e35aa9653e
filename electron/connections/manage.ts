import { apiOrigin, hostOf } from '../../shared/base-url';
import { missingSettings, type Connection, type ConnectionSettings, type ConnectionSummary, type NewConnection } from '../../shared/connections';
import { COMMON_FIELD_TEXT, VENDOR_INFO, VENDOR_NAMES, type SettingName, type Vendor } from '../../shared/vendors';
import { cleanApiKey, KeychainUnavailableError, keychainAccount } from '../secrets/keychain';
import type { SecretStore } from '../secrets/secret-store';
import { getDatabaseId } from '../store/app-settings';
import { addConnection, checkLabelFree, getConnection, listConnections, removeConnection, updateConnection } from '../store/connections';
import type { Db } from '../store/db';
import { addOrphanedKey, forgetOrphanedKey, listOrphanedKeys } from '../store/orphaned-keys';
import { getCheckpoint, lastFinishedRun, lastGoodSyncMs } from '../store/sync-state';
import { countPendingTranscripts } from '../store/transcripts';

/**
 * Adds a connection and puts its key in the keychain. Without its key a
 * connection is useless, so if the keychain refuses, the connection is taken
 * back out and the keychain's error goes to the caller.
 */
export async function addConnectionWithKey(db: Db, secrets: SecretStore, input: NewConnection, apiKey: string): Promise<Connection> {
  const connection = addConnection(db, input);
  try {
    await secrets.set(connection.id, apiKey);
  } catch (error) {
    removeConnection(db, connection.id);
    throw error;
  }
  return connection;
}

/**
 * Removes the key first: a connection row without a key is harmless, a key
 * without its connection is an orphan secret. When the keychain cannot be
 * reached the connection is removed all the same (a keychain that is down must
 * not trap the user's data), and its id is noted so `removeOrphanedKeys`
 * deletes the key the next time the keychain answers.
 */
export async function removeConnectionAndKey(db: Db, secrets: SecretStore, connectionId: number): Promise<Removal> {
  let keyRemoved = true;
  try {
    await secrets.delete(connectionId);
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
    keyRemoved = false;
  }
  const removed = db.transaction(() => {
    const gone = removeConnection(db, connectionId);
    if (gone && !keyRemoved) addOrphanedKey(db, connectionId);
    return gone;
  })();
  return keyRemoved ? { removed, keyRemoved } : { removed, keyRemoved, keychainAccount: keychainAccount(getDatabaseId(db), connectionId) };
}

/** What `removeConnectionAndKey` did: whether the row was there, and whether its key is gone too (else its keychain account). */
export interface Removal {
  removed: boolean;
  keyRemoved: boolean;
  keychainAccount?: string;
}

/**
 * Deletes the keys of connections removed while the keychain was down. Stops at
 * the first keychain failure (it is still down; the rest wait for next time).
 * Returns how many keys are still waiting.
 */
export async function removeOrphanedKeys(db: Db, secrets: SecretStore): Promise<number> {
  const waiting = listOrphanedKeys(db);
  for (const [done, connectionId] of waiting.entries()) {
    try {
      await secrets.delete(connectionId);
    } catch (error) {
      if (error instanceof KeychainUnavailableError) return waiting.length - done;
      throw error;
    }
    forgetOrphanedKey(db, connectionId);
  }
  return 0;
}

/** A change of address without the key: the stored key belongs to the old address. */
export class NewAddressNeedsKeyError extends Error {
  override name = 'NewAddressNeedsKeyError';
  constructor(from: string | null, to: string | null) {
    super(
      `The address changes from ${hostOf(from)} to ${hostOf(to)}: enter the API key for the new address. ` +
        'The key stored for the old address is never sent to another one.',
    );
  }
}

/** A setting the vendor cannot work without was emptied. */
export class MissingSettingError extends Error {
  override name = 'MissingSettingError';
  constructor(
    vendor: Vendor,
    readonly setting: SettingName,
  ) {
    const label = (VENDOR_INFO[vendor].fieldText[setting] ?? COMMON_FIELD_TEXT[setting]).label;
    super(`${VENDOR_NAMES[vendor]} needs the ${label}: it cannot be left empty.`);
  }
}

/**
 * Renames a connection or changes its settings, and replaces its key when one
 * is given. Moving the connection to another address (scheme, host or port; an
 * empty base URL means the vendor's default address) needs the key for that
 * address, so the stored key is never sent where it was not meant to go.
 *
 * Such a move without a key is refused rather than carried out with the key
 * deleted: the form asks for the key beside the address, so the change and its
 * key are saved together, and a connection never turns keyless by surprise.
 * Every check runs before anything changes; then the old key is deleted before
 * the new address is saved, so no sync starting in between can pair the two.
 */
export async function updateConnectionAndKey(
  db: Db,
  secrets: SecretStore,
  connectionId: number,
  changes: { label?: string; settings?: ConnectionSettings },
  apiKey?: string,
): Promise<Connection | null> {
  const current = getConnection(db, connectionId);
  if (!current) return null;
  if (changes.label !== undefined) checkLabelFree(db, changes.label, connectionId);
  if (changes.settings) {
    const [missing] = missingSettings(current.vendor, changes.settings);
    if (missing) throw new MissingSettingError(current.vendor, missing);
  }
  const from = apiOrigin(current.vendor, current.settings.baseUrl);
  const to = changes.settings ? apiOrigin(current.vendor, changes.settings.baseUrl) : from;
  const moves = from !== to;
  if (moves && apiKey === undefined) throw new NewAddressNeedsKeyError(from, to);
  if (apiKey !== undefined) cleanApiKey(apiKey);

  if (moves) await secrets.delete(connectionId);
  const updated = updateConnection(db, connectionId, changes);
  // If the keychain fails here the connection shows "No key" at its new address: the old key is already gone.
  if (apiKey !== undefined) await secrets.set(connectionId, apiKey);
  return updated;
}

/** Whether the key is set; null when the keychain cannot say (down, locked, not answering). */
async function keyStatus(secrets: SecretStore, connectionId: number): Promise<boolean | null> {
  try {
    return await secrets.has(connectionId);
  } catch (error) {
    if (error instanceof KeychainUnavailableError) return null;
    throw error;
  }
}

export async function summarize(db: Db, secrets: SecretStore, connection: Connection): Promise<ConnectionSummary> {
  return {
    ...connection,
    keySet: await keyStatus(secrets, connection.id),
    syncedThroughMs: getCheckpoint(db, connection.id, 'calls')?.syncedThroughMs ?? null,
    transcriptsPending: countPendingTranscripts(db, connection.id),
    lastGoodSyncMs: lastGoodSyncMs(db, connection.id),
    lastRun: lastFinishedRun(db, connection.id),
  };
}

/**
 * Every connection, even when the keychain is down (their key status is then
 * unknown). A keychain that answered every question is up: keys left by
 * connections removed while it was down are deleted now.
 */
export async function listConnectionSummaries(db: Db, secrets: SecretStore): Promise<ConnectionSummary[]> {
  const summaries: ConnectionSummary[] = [];
  for (const connection of listConnections(db)) summaries.push(await summarize(db, secrets, connection));
  if (summaries.every((summary) => summary.keySet !== null)) await removeOrphanedKeys(db, secrets);
  return summaries;
}
