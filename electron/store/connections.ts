import {
  ConnectionSettingsSchema,
  NewConnectionSchema,
  type Connection,
  type NewConnection,
} from '../../shared/connections';
import type { Vendor } from '../../shared/vendors';
import type { Db } from './database';
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
    settings: ConnectionSettingsSchema.parse(JSON.parse(row.settings_json)),
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
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO connections (vendor, label, settings_json, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?)`,
  ).run(vendor, label, JSON.stringify(settings), nowMs, nowMs);
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

/** Renames a connection or changes its settings; the vendor never changes. */
export function updateConnection(db: Db, id: number, changes: { label?: string; settings?: Connection['settings'] }, nowMs = Date.now()): Connection | null {
  const current = getConnection(db, id);
  if (!current) return null;
  const label = changes.label?.trim() ?? current.label;
  const other = findConnectionByLabel(db, label);
  if (other && other.id !== id) throw new DuplicateConnectionLabelError(label);
  const settings = ConnectionSettingsSchema.parse(changes.settings ?? current.settings);
  prepared(db, `UPDATE connections SET label = ?, settings_json = ?, updated_at_ms = ? WHERE id = ?`).run(label, JSON.stringify(settings), nowMs, id);
  return getConnection(db, id);
}
