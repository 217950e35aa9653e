import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { addConnection } from '../../electron/store/connections';
import type { Vendor } from '../../shared/vendors';
import { tempDatabasePath } from './temp';

/** A real database file, migrated to the latest version, with one connection. */
export function storeWithConnection(vendor: Vendor = 'talentlynk') {
  const file = tempDatabasePath();
  const db = openDatabase(file);
  const connection = addConnection(db, { vendor, label: `${vendor} main` });
  return { file, db, connectionId: connection.id };
}

/** Every row of every table (FTS shadow tables included), for "nothing changed" checks. */
export function snapshot(db: Db): Record<string, unknown[]> {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
}

/**
 * FTS5's integrity-check with rank = 1 also compares each index with its
 * external content, row by row; without it only the index's own structure is checked.
 */
export function assertIndexesIntact(db: Db): void {
  db.exec(`INSERT INTO calls_fts (calls_fts, rank) VALUES ('integrity-check', 1)`);
  db.exec(`INSERT INTO call_numbers_fts (call_numbers_fts, rank) VALUES ('integrity-check', 1)`);
}
