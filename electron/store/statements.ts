import type { Statement } from 'better-sqlite3';
import type { Db } from './db';

const cache = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, compiled once per database handle. */
export function prepared<P extends unknown[] | object = unknown[], R = unknown>(db: Db, sql: string): Statement<P, R> {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement as Statement<P, R>;
}

/**
 * `INSERT … ON CONFLICT DO UPDATE` that touches a row only when a value really
 * changed: re-syncing identical data writes nothing, fires no trigger and keeps
 * `changed_at_ms`. Parameters are named after the columns (`@column`) unless
 * `parameters` names them otherwise.
 */
export function upsertSql(options: {
  table: string;
  columns: readonly string[];
  conflictColumns: readonly string[];
  changedAtColumn: string;
  /** How some columns take the new value, e.g. keeping the stored one when the new one is missing. Default: `excluded.<column>`. */
  merge?: Readonly<Record<string, string>>;
  /** What a new row gets for some columns. Default: the column's parameter. */
  insert?: Readonly<Record<string, string>>;
  /** The parameter some columns are bound from. Default: `@<column>`. */
  parameters?: Readonly<Record<string, string>>;
}): string {
  const { table, columns, conflictColumns, changedAtColumn, merge = {}, insert = {}, parameters = {} } = options;
  const all = [...columns, changedAtColumn];
  const updatable = columns.filter((c) => !conflictColumns.includes(c));
  const next = (c: string) => merge[c] ?? `excluded.${c}`;
  return `
    INSERT INTO ${table} (${all.join(', ')})
    VALUES (${all.map((c) => insert[c] ?? `@${parameters[c] ?? c}`).join(', ')})
    ON CONFLICT (${conflictColumns.join(', ')}) DO UPDATE SET
      ${updatable.map((c) => `${c} = ${next(c)}`).join(',\n      ')},
      ${changedAtColumn} = excluded.${changedAtColumn}
    WHERE ${updatable.map((c) => `${table}.${c} IS NOT ${next(c)}`).join('\n       OR ')}`;
}

/** SQLite has no booleans: STRICT INTEGER columns hold 0 or 1. */
export const bit = (value: boolean): 0 | 1 => (value ? 1 : 0);
