import type { Db } from './database';
import { prepared } from './statements';

/** This database file's own id (see migration 5). */
export function getDatabaseId(db: Db): string {
  const row = prepared<[], { id: string }>(db, `SELECT value_json ->> '$' AS id FROM app_settings WHERE key = 'database_id'`).get();
  if (!row) throw new Error('This database has no id: it was not migrated.');
  return row.id;
}
