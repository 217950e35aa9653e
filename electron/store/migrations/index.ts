/**
 * The schema migrations and the runner that applies them.
 *
 * Writing a migration
 * -------------------
 * One file per version (`NNN-name.ts`), appended to MIGRATIONS; a shipped
 * migration never changes. `up` runs inside a transaction with the
 * `user_version` bump, so a failure leaves the file at the last complete version.
 *
 * - New tables, indexes, views, triggers: plain SQL in `up`.
 * - Changing an existing table in place (`ALTER TABLE … ADD COLUMN`, a data
 *   fix-up, dropping an index): declare `alters: ['calls']`. The runner then
 *   copies the file first (`talktally.sqlite.before-v9.bak` beside it) and
 *   names the copy if the migration fails.
 * - Changing what ALTER TABLE cannot (a CHECK list such as a new vendor or call
 *   status, a column's type or constraint): rebuild the table with
 *   `rebuildTable` (rebuild-table.ts) and declare `rebuilds: ['connections']`:
 *
 *   ```ts
 *   export const newVendor: Migration = {
 *     version: 9,
 *     name: 'new-vendor',
 *     rebuilds: ['connections'],
 *     up(db) {
 *       rebuildTable(db, 'connections', {
 *         // The whole new definition, under the table's own name: copy the current
 *         // one (`SELECT sql FROM sqlite_schema WHERE name = 'connections'`, which
 *         // includes columns added since migration 1) and change what must change.
 *         create: `CREATE TABLE connections (… CHECK (vendor IN (…, 'newvendor')) …) STRICT`,
 *       });
 *     },
 *   };
 *   ```
 *
 *   Why the declaration: with foreign keys ON, dropping the old table deletes
 *   every row pointing at it through ON DELETE CASCADE (every call of every
 *   connection, their transcripts…), and the pragma does nothing inside a
 *   transaction. So for a rebuild the runner follows SQLite's 12 steps
 *   (https://www.sqlite.org/lang_altertable.html#otheralter): foreign keys OFF
 *   before the transaction, the migration, `PRAGMA foreign_key_check` before
 *   commit (a violation rolls everything back and names the table), foreign
 *   keys back ON after. `rebuildTable` does the steps in between: it keeps the
 *   table's indexes and triggers and every view and trigger (the FTS triggers of
 *   003, the view `call_search_source`) and re-creates them as they were, copies
 *   the columns both definitions share, and refuses to drop a column that is not
 *   listed in `dropColumns`. Re-created indexes give the same query plans.
 * - Test it over a database with data, as tests/store/rebuild-migration.test.ts
 *   does with a test-only migration list: every row kept, `assertIndexesIntact`,
 *   the same query plans.
 */
import fs from 'node:fs';
import type { Db } from '../db';
import type { Migration } from './migration';
import { coreTables } from './001-core-tables';
import { filterIndexes } from './002-filter-indexes';
import { fullTextSearch } from './003-full-text-search';
import { testCalls } from './004-test-calls';
import { databaseId } from './005-database-id';
import { searchAndSortIndexes } from './006-search-and-sort-indexes';
import { processed } from './007-processed';
import { reconcile } from './008-reconcile';
import { newCalls } from './009-new-calls';
import { trackers } from './010-trackers';
import { conversation } from './011-conversation';
import { reportSchedule } from './012-report-schedule';
import { teams } from './013-teams';
import { dayTotals } from './014-day-totals';
import { weekTotals } from './015-week-totals';

export { rebuildTable, type TableRebuild } from './rebuild-table';

/** Every schema version in order. Append only: a shipped migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  coreTables,
  filterIndexes,
  fullTextSearch,
  testCalls,
  databaseId,
  searchAndSortIndexes,
  processed,
  reconcile,
  newCalls,
  trackers,
  conversation,
  reportSchedule,
  teams,
  dayTotals,
  weekTotals,
];
/** Versions run 1..n without gaps (checked in `migrate`), so the latest is the count. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** A migration that could not be applied, worded for the person who owns the file. */
export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    message: string,
    /** The copy made before the upgrade, if one was made. */
    readonly backupPath: string | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Applies each migration newer than the file's `user_version`, each inside its
 * own transaction together with the version bump, so a failure leaves the file
 * at the last complete version. Before the first one that changes an existing
 * table the file is copied beside itself (see the top of this file).
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" is out of order: expected version ${i + 1}.`);
  });
  const start = schemaVersion(db);
  let backupPath: string | null = null;
  for (const migration of migrations) {
    if (migration.version <= start) continue;
    const changesTables = Boolean(migration.alters?.length || migration.rebuilds?.length);
    // A new, empty database has nothing to lose.
    if (changesTables && backupPath === null && start > 0) backupPath = backUp(db, migration.version);
    const before = schemaVersion(db);
    try {
      if (migration.rebuilds?.length) runRebuild(db, migration);
      else runInTransaction(db, migration);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const copy = backupPath ? `; a copy made before the upgrade is at ${backupPath}` : '';
      throw new MigrationError(
        `The database "${db.name}" could not be upgraded to schema ${migration.version} ("${migration.name}"): ` +
          `${withoutFinalStop(reason)}. It was left as it was, at schema ${before}${copy}.`,
        backupPath,
        { cause: error },
      );
    }
  }
  return schemaVersion(db);
}

function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function runInTransaction(db: Db, migration: Migration): void {
  // IMMEDIATE takes the write lock at once (waiting on busy_timeout for a CLI
  // beside the app) instead of failing when a read turns into a write.
  db.transaction(() => {
    migration.up(db);
    db.pragma(`user_version = ${migration.version}`);
  }).immediate();
}

/** Steps 1, 2, 10, 11 and 12 of SQLite's table rebuild; `rebuildTable` does 3 to 9. */
function runRebuild(db: Db, migration: Migration): void {
  if (db.inTransaction) throw new Error('a table rebuild cannot run inside an open transaction (foreign keys cannot be turned off there)');
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      migration.up(db);
      refuseForeignKeyViolations(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

interface ForeignKeyViolation {
  table: string;
  parent: string;
}

/** Step 10: a rebuild must leave every row pointing at a row that exists. */
function refuseForeignKeyViolations(db: Db): void {
  const violations = db.pragma('foreign_key_check') as ForeignKeyViolation[];
  if (violations.length === 0) return;
  const counts = new Map<string, { table: string; parent: string; rows: number }>();
  for (const { table, parent } of violations) {
    const key = JSON.stringify([table, parent]);
    const seen = counts.get(key) ?? { table, parent, rows: 0 };
    seen.rows += 1;
    counts.set(key, seen);
  }
  const where = [...counts.values()].map(
    ({ table, parent, rows }) => `${rows} row${rows === 1 ? '' : 's'} of "${table}" pointing at rows of "${parent}" that do not exist`,
  );
  throw new Error(`it would leave ${where.join(', and ')} (PRAGMA foreign_key_check)`);
}

/**
 * Copies the open database beside itself, as `<file>.before-v<version>.bak`.
 * `VACUUM INTO` is SQLite's synchronous online backup: a consistent snapshot of
 * a live database in one self-contained file. (better-sqlite3's `db.backup()`
 * is asynchronous, and opening a database is not: the app, the CLI and the
 * tests open it synchronously.) A copy left by an earlier attempt is no newer
 * than the file, and is replaced only once the new copy is complete; a copy per
 * attempt would fill the disk while an upgrade keeps failing.
 */
function backUp(db: Db, version: number): string | null {
  if (db.memory) return null;
  const target = `${db.name}.before-v${version}.bak`;
  const partial = `${target}.partial`;
  try {
    fs.rmSync(partial, { force: true });
    db.prepare('VACUUM INTO ?').run(partial);
    fs.renameSync(partial, target);
  } catch (error) {
    removeQuietly(partial);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `Talktally copies the database "${db.name}" before upgrading it to schema ${version}, and could not write the copy ` +
        `${target}: ${withoutFinalStop(reason)}. The database was not changed.`,
      null,
      { cause: error },
    );
  }
  return target;
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Only a half-written copy; the error the caller throws matters more.
  }
}

function withoutFinalStop(text: string): string {
  return text.replace(/\.+$/, '');
}
