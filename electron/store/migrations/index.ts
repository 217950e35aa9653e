import type { Db } from '../database';
import { coreTables } from './001-core-tables';
import { filterIndexes } from './002-filter-indexes';
import { fullTextSearch } from './003-full-text-search';
import { testCalls } from './004-test-calls';
import { databaseId } from './005-database-id';
import { searchAndSortIndexes } from './006-search-and-sort-indexes';
import { processed } from './007-processed';
import { reconcile } from './008-reconcile';

/** One schema version: `up` moves a database from `version - 1` to `version`. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/** Every schema version in order. Append only: a shipped migration never changes. */
export const MIGRATIONS: readonly Migration[] = [coreTables, filterIndexes, fullTextSearch, testCalls, databaseId, searchAndSortIndexes, processed, reconcile];
/** Versions run 1..n without gaps (checked in `migrate`), so the latest is the count. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Applies each migration newer than the file's `user_version`, each inside its
 * own transaction together with the version bump, so a failure leaves the file
 * at the last complete version.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" is out of order: expected version ${i + 1}.`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
