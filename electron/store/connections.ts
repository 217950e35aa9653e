import { ConnectionSettingsSchema, NewConnectionSchema, StoredConnectionSettingsSchema, type Connection, type NewConnection } from '../../shared/connections';
import type { Vendor } from '../../shared/vendors';
import type { Db } from './db';
import { ORPHANED_KEYS_SETTING } from './orphaned-keys';
import { prepared } from './statements';

interface ConnectionRow {
  id: number;
  vendor: Vendor;
  label: string;
  settings_json: string;
  created_at_ms: number;
  updated_at_ms: number;
}

function rowToConnection(row: ConnectionRow): Connection {
  return {
    id: row.id,
    vendor: row.vendor,
    label: row.label,
    settings: StoredConnectionSettingsSchema.parse(JSON.parse(row.settings_json)),
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
  };
}

/** Thrown when a label is already taken: labels name connections in the CLI and the UI. */
export class DuplicateConnectionLabelError extends Error {
  override name = 'DuplicateConnectionLabelError';
  constructor(label: string) {
    super(`A connection named "${label}" already exists. Choose another name.`);
  }
}

export function addConnection(db: Db, input: NewConnection, nowMs = Date.now()): Connection {
  const { vendor, label, settings } = NewConnectionSchema.parse(input);
  if (findConnectionByLabel(db, label)) throw new DuplicateConnectionLabelError(label);
  // Keys are filed under the connection's id, and SQLite would hand a removed
  // connection's id to the next one: an id whose key is still waiting in the
  // keychain (removed while the keychain was down) is skipped, so that key can
  // later be deleted without touching this connection's. One statement: a CLI
  // adding at the same moment cannot take the same id.
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO connections (id, vendor, label, settings_json, created_at_ms, updated_at_ms)
     VALUES (1 + max(coalesce((SELECT max(id) FROM connections), 0),
                     coalesce((SELECT max(o.value) FROM app_settings s, json_each(s.value_json) o WHERE s.key = ?), 0)),
             ?, ?, ?, ?, ?)`,
  ).run(ORPHANED_KEYS_SETTING, vendor, label, JSON.stringify(settings), nowMs, nowMs);
  const connection = getConnection(db, Number(lastInsertRowid));
  if (!connection) throw new Error('The new connection could not be read back.');
  return connection;
}

export function listConnections(db: Db): Connection[] {
  return prepared<[], ConnectionRow>(db, `SELECT * FROM connections ORDER BY label`).all().map(rowToConnection);
}

export function getConnection(db: Db, id: number): Connection | null {
  const row = prepared<[number], ConnectionRow>(db, `SELECT * FROM connections WHERE id = ?`).get(id);
  return row ? rowToConnection(row) : null;
}

export function findConnectionByLabel(db: Db, label: string): Connection | null {
  const row = prepared<[string], ConnectionRow>(db, `SELECT * FROM connections WHERE label = ?`).get(label.trim());
  return row ? rowToConnection(row) : null;
}

/** Removes a connection and, through foreign keys, everything synced from it. */
export function removeConnection(db: Db, id: number): boolean {
  return prepared(db, `DELETE FROM connections WHERE id = ?`).run(id).changes > 0;
}

/** Thrown when a new label would be taken: checked before anything changes. */
export function checkLabelFree(db: Db, label: string, ownId?: number): void {
  const other = findConnectionByLabel(db, label);
  if (other && other.id !== ownId) throw new DuplicateConnectionLabelError(label.trim());
}

/**
 * Renames a connection or changes its settings; the vendor never changes. This
 * is the row only: a change of address must also replace the key
 * (`updateConnectionAndKey` in electron/connections/manage.ts).
 */
export function updateConnection(db: Db, id: number, changes: { label?: string; settings?: Connection['settings'] }, nowMs = Date.now()): Connection | null {
  const current = getConnection(db, id);
  if (!current) return null;
  const label = changes.label?.trim() ?? current.label;
  checkLabelFree(db, label, id);
  // New settings meet today's rules; unchanged ones stay as stored (a rename must not fail on an old address).
  const settings = changes.settings === undefined ? current.settings : ConnectionSettingsSchema.parse(changes.settings);
  prepared(db, `UPDATE connections SET label = ?, settings_json = ?, updated_at_ms = ? WHERE id = ?`).run(label, JSON.stringify(settings), nowMs, id);
  return getConnection(db, id);
}
