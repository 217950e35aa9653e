import { CALL_ENTITY, type CallField, type CallFields } from '../../shared/call-entity';
import type { CallRow } from '../../shared/calls';
import { bit } from './statements';

/**
 * The store's side of the calls entity table (shared/call-entity.ts): the
 * upsert's columns, the select list, the row type and both converters, all
 * derived from it. A new field is its line there and a migration.
 */

type SqlValue = string | number | null;

/** Stored another way than given (`stored` in the table): each way's converters. */
const CONVERTERS = {
  // A yes/no as 0 or 1; null (a record that does not say) or absent stays null.
  flag: {
    toSql: (value: unknown): SqlValue => (value === undefined || value === null ? null : bit(value === true)),
    fromSql: (stored: unknown): boolean | null => (stored === null ? null : stored === 1),
  },
  // The raw record: main reads it back itself (call-raw.ts), so never converted on read.
  json: { toSql: (value: unknown): SqlValue => JSON.stringify(value ?? null), fromSql: undefined },
} as const;

type Entity = typeof CALL_ENTITY;
type ReadKey = { [K in keyof Entity]: Entity[K]['origin'] extends 'record-only' ? never : K }[keyof Entity];
/** A flag comes back from SQLite as 0 or 1 (null where a record may leave it unsaid). */
type StoredOf<K extends ReadKey> = Entity[K] extends { stored: 'flag' } ? (null extends CallRow[K] ? 0 | 1 | null : 0 | 1) : CallRow[K];

/** A call as the select below reads it: every field the UI gets, typed as SQLite returns it. */
export type CallRowRecord = { -readonly [K in ReadKey]: StoredOf<K> };

/** The table as plain data, for the loops below. */
interface Field extends CallField {
  readonly key: string;
}
const FIELDS: readonly Field[] = Object.entries(CALL_ENTITY).map(([key, field]) => ({ key, ...(field as CallField) }));
const WRITTEN = FIELDS.filter((f) => f.origin !== 'database');

/*
 * Rows and parameters use the fields' own names (`c.user_name AS userName`,
 * `@userName`), so SQLite builds a row and binds a call as they are, and only
 * the few fields stored another way are converted. A loop copying every field
 * into a new object costs 2-3 µs a call in V8 (each copy a lookup by a varying
 * key), about 3 s more for an export of a million calls; the hand-written
 * converters it replaces took 0.13 µs.
 */
const CONVERTED_ON_WRITE = FIELDS.flatMap((f) => (f.stored ? [{ key: f.key, toSql: CONVERTERS[f.stored].toSql }] : []));
const CONVERTED_ON_READ = FIELDS.flatMap((f) => {
  const fromSql = f.stored && f.origin !== 'record-only' ? CONVERTERS[f.stored].fromSql : undefined;
  return fromSql ? [{ key: f.key, fromSql }] : [];
});

/** The columns an upsert writes, in table order: the connection, then what a connector's record gives. */
export const CALL_WRITE_COLUMNS: readonly string[] = WRITTEN.map((f) => f.column);
export const CALL_CONFLICT_COLUMNS: readonly string[] = FIELDS.filter((f) => f.conflictKey).map((f) => f.column);
/** The parameter each written column is bound from: its field's name. */
export const CALL_PARAMETERS: Readonly<Record<string, string>> = Object.fromEntries(WRITTEN.map((f) => [f.column, f.key]));

/** The fields the UI needs, without the raw vendor JSON, each under its own name. Used by every call read (calls `c`, connections `k`). */
export const CALL_ROW_SELECT = FIELDS.filter((f) => f.origin !== 'record-only')
  .map((f) => `${f.select ?? `c.${f.column}`} AS ${f.key}`)
  .join(', ');

const keepStored = (column: string) => `COALESCE(excluded.${column}, calls.${column})`;
const PURGED = `excluded.${CALL_ENTITY.isPurged.column} = 1`;

/** How the upsert's update takes each column that does not simply take the record's value (statements.ts `upsertSql`). */
export function callMerge(options: { fromDetail: boolean }): Record<string, string> {
  const merge: Record<string, string> = {};
  for (const f of FIELDS) {
    if (options.fromDetail && f.keptOnDetailRead) merge[f.column] = `calls.${f.column}`;
    else if (f.update === 'keep-when-missing') merge[f.column] = f.newRowDefault ? `COALESCE(@${f.key}, calls.${f.column})` : keepStored(f.column);
    else if (f.update === 'purge-clears') merge[f.column] = `CASE WHEN ${PURGED} THEN NULL ELSE ${keepStored(f.column)} END`;
  }
  return merge;
}

/** What a new call gets for columns its record may leave unsaid. */
export const CALL_INSERT: Readonly<Record<string, string>> = Object.fromEntries(
  FIELDS.filter((f) => f.newRowDefault !== undefined).map((f) => [f.column, `COALESCE(@${f.key}, ${f.newRowDefault})`]),
);

/** The upsert's parameters for one call (see CALL_PARAMETERS): the call's own fields, those stored another way converted. */
export function callToParams(connectionId: number, call: CallFields): Record<string, unknown> {
  const params: Record<string, unknown> = { ...call, connectionId };
  for (const f of CONVERTED_ON_WRITE) params[f.key] = f.toSql(params[f.key]);
  return params;
}

/** A selected row as the UI lists it, its keys in table order. Converted in place: each row comes fresh from SQLite and is read once. */
export function rowToCall(row: CallRowRecord): CallRow {
  const values = row as unknown as Record<string, unknown>;
  for (const f of CONVERTED_ON_READ) values[f.key] = f.fromSql(values[f.key]);
  return values as unknown as CallRow;
}
