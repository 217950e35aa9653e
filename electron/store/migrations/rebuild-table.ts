import type { Db } from '../db';

/** How to rebuild one table (see the top of index.ts for when and why). */
export interface TableRebuild {
  /** The table's whole new `CREATE TABLE` statement, under the table's own name. */
  readonly create: string;
  /**
   * Values for new columns that are not simply the old column of the same
   * name, as SQL over the old row: `{ vendor: "lower(vendor)" }`.
   */
  readonly fill?: Readonly<Record<string, string>>;
  /** Old columns the new definition leaves out on purpose; any other missing column is refused. */
  readonly dropColumns?: readonly string[];
}

interface SchemaObject {
  type: 'index' | 'trigger' | 'view';
  name: string;
  tbl_name: string;
  sql: string;
}

const CREATE_TABLE = /^\s*CREATE\s+TABLE\s+(?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))\s*\(/i;

/**
 * Steps 3 to 9 of SQLite's table rebuild
 * (https://www.sqlite.org/lang_altertable.html#otheralter), inside a migration
 * that declares `rebuilds` (the runner does the foreign-key steps around it).
 * An INTEGER PRIMARY KEY is a stored column, so ids are copied as they are:
 * the external-content FTS indexes and the rows of other tables that point at
 * them stay exactly as they were.
 */
export function rebuildTable(db: Db, table: string, rebuild: TableRebuild): void {
  if (!db.inTransaction || db.pragma('foreign_keys', { simple: true }) !== 0) {
    throw new Error(
      `Rebuilding "${table}" needs foreign keys off inside the migration's transaction: with them on, dropping the old ` +
        `table deletes every row that points at it. Declare rebuilds: ['${table}'] on the migration.`,
    );
  }
  if (!tableExists(db, table)) throw new Error(`Cannot rebuild "${table}": there is no such table.`);
  const temporary = `new_${table}`;
  const create = renamedCreate(rebuild.create, table, temporary);

  // 3. What must be re-created. The table's own indexes and triggers go with it;
  //    views and other tables' triggers are dropped too, because the rename in
  //    step 7 checks the whole schema and fails on anything naming the table
  //    while it is gone ("error in view call_search_source: no such table").
  //    Dropping and re-creating all of them, in their original order, is
  //    simpler and safer than finding which ones name it.
  const dependents = db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_schema
       WHERE sql IS NOT NULL AND (type IN ('view', 'trigger') OR (type = 'index' AND tbl_name = ?))
       ORDER BY rowid`,
    )
    .all(table) as SchemaObject[];
  for (const object of dependents) {
    if (object.type !== 'index' && object.tbl_name !== table) {
      // IF EXISTS: dropping a view has already dropped its own triggers.
      db.exec(`DROP ${object.type.toUpperCase()} IF EXISTS ${quoteName(object.name)}`);
    }
  }

  // 4. The new table.
  db.exec(create);

  // 5. Its rows: every stored column both share, plus what `fill` computes.
  const oldColumns = storedColumns(db, table);
  const newColumns = storedColumns(db, temporary);
  const fill = rebuild.fill ?? {};
  for (const column of Object.keys(fill)) {
    if (!newColumns.includes(column)) throw new Error(`Cannot rebuild "${table}": fill names "${column}", which the new table does not have.`);
  }
  const lost = oldColumns.filter((c) => !newColumns.includes(c) && !(rebuild.dropColumns ?? []).includes(c));
  if (lost.length) {
    throw new Error(
      `Rebuilding "${table}" would drop its column${lost.length === 1 ? '' : 's'} ${lost.map((c) => `"${c}"`).join(', ')}: list ${lost.length === 1 ? 'it' : 'them'} in dropColumns if that is meant.`,
    );
  }
  const filled = (column: string) => (Object.hasOwn(fill, column) ? fill[column] : undefined);
  const targets = newColumns.filter((c) => filled(c) !== undefined || oldColumns.includes(c));
  db.exec(
    `INSERT INTO ${quoteName(temporary)} (${targets.map(quoteName).join(', ')})
     SELECT ${targets.map((c) => filled(c) ?? quoteName(c)).join(', ')} FROM ${quoteName(table)}`,
  );

  // 6, 7. With foreign keys off, dropping deletes no row elsewhere and fires no trigger.
  db.exec(`DROP TABLE ${quoteName(table)}`);
  db.exec(`ALTER TABLE ${quoteName(temporary)} RENAME TO ${quoteName(table)}`);

  // 8, 9. Indexes, triggers and views as they were.
  for (const object of dependents) db.exec(object.sql);
}

function renamedCreate(sql: string, table: string, temporary: string): string {
  const match = CREATE_TABLE.exec(sql);
  const named = match?.[1] ?? match?.[2];
  if (!match || named?.toLowerCase() !== table.toLowerCase()) {
    throw new Error(`Cannot rebuild "${table}": its new definition must start with CREATE TABLE ${table} (…).`);
  }
  return `CREATE TABLE ${quoteName(temporary)} (${sql.slice(match[0].length)}`;
}

function tableExists(db: Db, table: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(table) !== undefined;
}

/** Columns with stored values (`hidden` 0): generated columns are computed, not copied. */
function storedColumns(db: Db, table: string): string[] {
  return db.prepare(`SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid`).pluck().all(table) as string[];
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
