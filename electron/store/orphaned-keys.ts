import type { Db } from './db';
import { prepared } from './statements';

/**
 * Connections removed while the keychain could not be reached: their keys are
 * still in the keychain, filed under the removed connection's id, until
 * `removeOrphanedKeys` (electron/connections/orphaned-keys.ts) deletes them.
 * A new connection never takes one of these ids (`addConnection`), so deleting
 * such a key can never delete a live connection's key.
 */
export const ORPHANED_KEYS_SETTING = 'keychain.orphaned_connection_ids';

export function listOrphanedKeys(db: Db): number[] {
  const row = prepared<[string], { value_json: string }>(db, `SELECT value_json FROM app_settings WHERE key = ?`).get(ORPHANED_KEYS_SETTING);
  if (!row) return [];
  const ids: unknown = JSON.parse(row.value_json);
  return Array.isArray(ids) ? ids.filter((id): id is number => Number.isSafeInteger(id) && id > 0) : [];
}

function save(db: Db, ids: readonly number[]): void {
  if (ids.length === 0) prepared(db, `DELETE FROM app_settings WHERE key = ?`).run(ORPHANED_KEYS_SETTING);
  else {
    prepared(db, `INSERT INTO app_settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`).run(
      ORPHANED_KEYS_SETTING,
      JSON.stringify([...ids].sort((a, b) => a - b)),
    );
  }
}

export function addOrphanedKey(db: Db, connectionId: number): void {
  db.transaction(() => save(db, [...new Set([...listOrphanedKeys(db), connectionId])]))();
}

export function forgetOrphanedKey(db: Db, connectionId: number): void {
  db.transaction(() =>
    save(
      db,
      listOrphanedKeys(db).filter((id) => id !== connectionId),
    ),
  )();
}
