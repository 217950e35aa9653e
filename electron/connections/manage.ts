import type { Connection, ConnectionSummary, NewConnection } from '../../shared/connections';
import type { SecretStore } from '../secrets/secret-store';
import { addConnection, listConnections, removeConnection } from '../store/connections';
import type { Db } from '../store/database';
import { getCheckpoint } from '../store/sync-state';
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

/** Removes the key first: a connection row without a key is harmless, a key without its connection is an orphan secret. */
export async function removeConnectionAndKey(db: Db, secrets: SecretStore, connectionId: number): Promise<boolean> {
  await secrets.delete(connectionId);
  return removeConnection(db, connectionId);
}

export async function summarize(db: Db, secrets: SecretStore, connection: Connection): Promise<ConnectionSummary> {
  return {
    ...connection,
    keySet: await secrets.has(connection.id),
    syncedThroughMs: getCheckpoint(db, connection.id, 'calls')?.syncedThroughMs ?? null,
    transcriptsPending: countPendingTranscripts(db, connection.id),
  };
}

export async function listConnectionSummaries(db: Db, secrets: SecretStore): Promise<ConnectionSummary[]> {
  return Promise.all(listConnections(db).map((c) => summarize(db, secrets, c)));
}
