import { randomBytes } from 'node:crypto';

/* What the keychain tests (tests/secrets/keychain-*.test.ts) share. */

/** The account every key must sit under, written out here so a wrong format in the code fails. */
export const account = (databaseId: string, connectionId: number) => `${databaseId}:connection:${connectionId}`;
export const newKey = () => `sk-live-${randomBytes(12).toString('hex')}`;

/** The wording the brief asks for, spelled out in full so any drift fails a test. */
export const unavailable = (action: string, details: string) =>
  'Talktally cannot reach the system keychain (GNOME Keyring / KWallet on Linux, Keychain on macOS, Credential Manager on Windows), ' +
  `so it cannot ${action} API keys. Keys are never saved anywhere else. (details: ${details})`;

// Every test uses fresh database ids, so nothing it stores can meet another test's
// or a real user's keys; a file with a real keyring removes whatever was left under
// them after each test (takeUsedDatabaseIds).
const usedDatabaseIds: string[] = [];
export const newDatabaseId = () => {
  const id = randomBytes(16).toString('hex');
  usedDatabaseIds.push(id);
  return id;
};
/** The ids handed out since the last call, forgotten from then on. */
export const takeUsedDatabaseIds = () => usedDatabaseIds.splice(0);
