/**
 * Table rebuilds (SQLite's 12 steps) and the copy made before a migration that
 * changes an existing table, proved with test-only migrations over a real
 * database holding calls, transcripts, activity and sync history.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CallListRequestSchema, type CallListRequest } from '../../shared/calls';
import { listCalls } from '../../electron/store/call-list';
import { planCallList } from '../../electron/store/call-list-plan';
import { upsertCalls } from '../../electron/store/calls';
import { addConnection } from '../../electron/store/connections';
import { upsertUserActivity } from '../../electron/store/activity';
import { DatabaseFileError, LATEST_SCHEMA_VERSION, openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { MIGRATIONS, MigrationError, rebuildTable, type TableRebuild } from '../../electron/store/migrations';
import type { Migration } from '../../electron/store/migrations/migration';
import { beginReconcilePass } from '../../electron/store/reconcile';
import { addSyncWarnings, advanceCheckpoint, finishSyncRun, startSyncRun } from '../../electron/store/sync-state';
import { saveTranscript } from '../../electron/store/transcripts';
import { makeActivity, makeCall, makeTranscript } from '../helpers/fixtures';
import { firstPage, queryPlanLine } from '../helpers/query-plan';
import { assertIndexesIntact, snapshot } from '../helpers/store';
import { tempDatabasePath } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

const NEXT = LATEST_SCHEMA_VERSION + 1;
const NOW = Date.UTC(2026, 10, 1);

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const folderOf = (file: string) => fs.readdirSync(path.dirname(file)).sort();
const backupOf = (file: string) => `${file}.before-v${NEXT}.bak`;

/**
 * A database at the latest schema with a row in every table that points at
 * calls or connections: what a cascading DROP TABLE would empty.
 */
function seededDatabase(): string {
  const file = tempDatabasePath();
  const db = openDatabase(file);
  const lynk = addConnection(db, { vendor: 'talentlynk', label: 'TalentLynk main' }, NOW);
  const pilot = addConnection(db, { vendor: 'talkpilot', label: 'TalkPilot agents' }, NOW);
  upsertCalls(
    db,
    lynk.id,
    Array.from({ length: 40 }, (_, n) => makeCall(n, { status: n % 4 ? 'answered' : 'missed' })),
    NOW,
  );
  upsertCalls(
    db,
    pilot.id,
    Array.from({ length: 20 }, (_, n) => makeCall(100 + n, { handlerKind: 'ai_agent', hasTranscript: true, deletedAtMs: n === 3 ? NOW : null })),
    NOW,
  );
  const ids = db.prepare(`SELECT id FROM calls ORDER BY id`).pluck().all() as number[];
  for (const id of ids.filter((_, i) => i % 3 === 0)) {
    saveTranscript(
      db,
      id,
      makeTranscript([
        ['A', `Tell me about the salary, candidate ${id}`],
        ['B', 'It is negotiable'],
      ]),
      NOW,
    );
  }
  upsertUserActivity(db, lynk.id, [makeActivity('user_1', '2026-10-15', 1), makeActivity('user_2', '2026-10-16', 2)], NOW);
  const run = startSyncRun(db, lynk.id, NOW);
  addSyncWarnings(db, run, [{ stream: 'calls', vendorRecordId: 'bad_1', message: 'A call without a start time', raw: { id: 'bad_1' } }], NOW);
  finishSyncRun(db, run, 'partial', 'One record was skipped.', NOW);
  advanceCheckpoint(db, lynk.id, 'calls', NOW - DAY_MS, NOW);
  beginReconcilePass(db, pilot.id, NOW - 30 * DAY_MS, NOW);
  db.close();
  return file;
}

/** The table's current definition, as a real rebuild migration would copy it from sqlite_schema. */
function definitionOf(db: Db, table: string): string {
  return db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`).pluck().get(table) as string;
}

function changed(sql: string, from: string, to: string): string {
  if (!sql.includes(from)) throw new Error(`The test expected "${from}" in: ${sql}`);
  return sql.replace(from, to);
}

/** A test-only migration that rebuilds `table` with `edit` applied to its definition. */
function rebuildMigration(table: string, edit: (sql: string) => string, options: Omit<TableRebuild, 'create'> & { declare?: boolean } = {}): Migration {
  const { declare = true, ...rest } = options;
  return {
    version: NEXT,
    name: `rebuild-${table}`,
    ...(declare ? { rebuilds: [table] } : {}),
    up(db) {
      rebuildTable(db, table, { create: edit(definitionOf(db, table)), ...rest });
    },
  };
}

/** The calls table gains a status, the kind of change that needs a rebuild. */
const newCallStatus = (sql: string) => changed(sql, `'in_progress', 'unknown')`, `'in_progress', 'transferred', 'unknown')`);
/** A new vendor, the one place ARCHITECTURE.md says still needs a rebuild. */
const newVendor = (sql: string) => changed(sql, `'highlevel', 'talknex')`, `'highlevel', 'talknex', 'talkwave')`);

const PLANNED: CallListRequest[] = [
  {},
  { filters: { connectionIds: [1] } },
  { filters: { userIds: ['user_1'], fromMs: 1, toMs: NOW } },
  { filters: { statuses: ['missed'] } },
  { filters: { directions: ['inbound'] } },
  { filters: { contactTypes: ['candidate'] } },
  { filters: { hasTranscript: true } },
  { sort: { column: 'talkSeconds', direction: 'desc' } },
  { sort: { column: 'contactName', direction: 'asc' } },
  { sort: { column: 'userName', direction: 'asc' } },
  { sort: { column: 'connection', direction: 'asc' } },
  { search: 'salary' },
  { search: '7890123' },
];

/** EXPLAIN QUERY PLAN of the SQL the calls table runs, for each request above. */
function plansOf(db: Db): string[] {
  return PLANNED.map((request) => queryPlanLine(db, firstPage(planCallList(CallListRequestSchema.parse(request)))));
}

type SchemaRow = { type: string; name: string; sql: string | null };
const schemaOf = (db: Db) => db.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY type, name`).all() as SchemaRow[];

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected an error.');
}

const found = (db: Db, search: string) =>
  listCalls(db, CallListRequestSchema.parse({ search, filters: { includeDeleted: true } })).rows.map((r) => r.vendorCallId);

describe('a table rebuild over a database with calls', () => {
  const cases = [
    {
      table: 'calls',
      edit: newCallStatus,
      accepts: (db: Db) => db.prepare(`UPDATE calls SET status = 'transferred' WHERE id = 1`).run(),
    },
    {
      table: 'connections',
      edit: newVendor,
      accepts: (db: Db) =>
        db.prepare(`INSERT INTO connections (vendor, label, settings_json, created_at_ms, updated_at_ms) VALUES ('talkwave', 'Talkwave', '{}', 1, 1)`).run(),
    },
  ];

  for (const { table, edit, accepts } of cases) {
    it(`rebuilds "${table}" with a new value in its CHECK list, keeping every row, index, trigger, view and query plan`, () => {
      const file = seededDatabase();
      const old = openDatabase(file);
      const before = snapshot(old);
      const schemaBefore = schemaOf(old);
      const plansBefore = plansOf(old);
      expect(() => accepts(old)).toThrow(/CHECK constraint failed/);
      expect((before.calls ?? []).length).toBe(60);
      expect((before.utterances ?? []).length).toBeGreaterThan(0);
      old.close();

      const db = openDatabase(file, { migrations: [...MIGRATIONS, rebuildMigration(table, edit)] });
      expect(db.pragma('user_version', { simple: true })).toBe(NEXT);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      // Every row of every table, the FTS indexes' own shadow tables included.
      expect(snapshot(db)).toEqual(before);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      assertIndexesIntact(db);
      expect(plansOf(db)).toEqual(plansBefore);

      // The same indexes, triggers and views; only the rebuilt table's definition differs.
      const schemaAfter = schemaOf(db);
      expect(schemaAfter.map(({ type, name }) => [type, name])).toEqual(schemaBefore.map(({ type, name }) => [type, name]));
      expect(schemaAfter.filter((o) => o.name !== table)).toEqual(schemaBefore.filter((o) => o.name !== table));
      expect(definitionOf(db, table)).toContain(table === 'calls' ? `'transferred'` : `'talkwave'`);
      accepts(db);

      // The triggers fire on the new table: a new call is found by a word and by its digits.
      upsertCalls(db, 2, [makeCall(500, { summary: 'Rebuilt table interview', contactNumber: '+44 7000 555 123' })], NOW);
      expect(found(db, 'interview')).toEqual(['call_500']);
      expect(found(db, '555123')).toEqual(['call_500']);
      // Its foreign keys act again: removing a connection removes its calls, transcripts and utterances.
      db.prepare(`DELETE FROM connections WHERE id = 2`).run();
      expect(db.prepare(`SELECT count(*) FROM calls WHERE connection_id = 2`).pluck().get()).toBe(0);
      expect(db.prepare(`SELECT count(*) FROM transcripts WHERE call_id NOT IN (SELECT id FROM calls)`).pluck().get()).toBe(0);
      expect(db.prepare(`SELECT count(*) FROM calls`).pluck().get()).toBe(40);
      assertIndexesIntact(db);
      db.close();

      // The copy made first opens on its own and holds the data as it was.
      const copy = new Database(backupOf(file), { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(snapshot(copy)).toEqual(before);
      copy.close();
    });
  }

  it('rolls back a rebuild that leaves rows pointing nowhere, with a plain error naming the table; the file stays byte-for-byte', () => {
    const file = seededDatabase();
    const hash = sha256(file);
    // New ids for every call: the transcripts would point at calls that no longer exist.
    const broken = rebuildMigration('calls', newCallStatus, { fill: { id: 'id + 1000000' } });

    const error = errorOf(() => openDatabase(file, { migrations: [...MIGRATIONS, broken] }));
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect(error.message).toMatch(/rows of "transcripts" pointing at rows of "calls" that do not exist/);
    expect(error.message).toContain(`It was left as it was, at schema ${LATEST_SCHEMA_VERSION}; a copy made before the upgrade is at ${backupOf(file)}.`);
    expect(sha256(file)).toBe(hash);
    expect(folderOf(file)).toEqual(['talktally.sqlite', path.basename(backupOf(file))]);

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM calls`).pluck().get()).toBe(60);
    db.close();
  });

  it('refuses to rebuild with foreign keys on (a migration that does not declare it), before any row is touched', () => {
    const file = seededDatabase();
    const hash = sha256(file);
    const undeclared = rebuildMigration('connections', newVendor, { declare: false });

    const error = errorOf(() => openDatabase(file, { migrations: [...MIGRATIONS, undeclared] }));
    expect(error.message).toMatch(/dropping the old table deletes every row that points at it\. Declare rebuilds: \['connections'\]/);
    expect(sha256(file)).toBe(hash);
  });

  it('refuses to drop a column silently; dropColumns says it is meant', () => {
    const withoutSentiment = (sql: string) => changed(sql, 'sentiment           TEXT,', '');
    const file = seededDatabase();
    const hash = sha256(file);
    const error = errorOf(() => openDatabase(file, { migrations: [...MIGRATIONS, rebuildMigration('calls', withoutSentiment)] }));
    expect(error.message).toMatch(/would drop its column "sentiment": list it in dropColumns/);
    expect(sha256(file)).toBe(hash);

    const db = openDatabase(file, { migrations: [...MIGRATIONS, rebuildMigration('calls', withoutSentiment, { dropColumns: ['sentiment'] })] });
    expect(db.prepare(`SELECT count(*) FROM pragma_table_info('calls') WHERE name = 'sentiment'`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM calls`).pluck().get()).toBe(60);
    assertIndexesIntact(db);
    db.close();
  });
});

describe('the copy made before a migration that changes an existing table', () => {
  const failing: Migration = {
    version: NEXT,
    name: 'half-done',
    alters: ['calls'],
    up(db) {
      db.exec(`ALTER TABLE calls ADD COLUMN half_done INTEGER; UPDATE calls SET summary = NULL;`);
      throw new Error('disk on fire');
    },
  };

  it('a failed migration leaves the file byte-for-byte as it was, and the error says where the copy is; the copy opens and holds the data', () => {
    const file = seededDatabase();
    const hash = sha256(file);
    const old = openDatabase(file);
    const before = snapshot(old);
    old.close();

    const error = errorOf(() => openDatabase(file, { migrations: [...MIGRATIONS, failing] }));
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect(error.message).toBe(
      `The database "${file}" could not be upgraded to schema ${NEXT} ("half-done"): disk on fire. ` +
        `It was left as it was, at schema ${LATEST_SCHEMA_VERSION}; a copy made before the upgrade is at ${backupOf(file)}.`,
    );
    expect(error.cause).toBeInstanceOf(MigrationError);
    expect((error.cause as MigrationError).backupPath).toBe(backupOf(file));
    expect(sha256(file)).toBe(hash);

    const copy = new Database(backupOf(file), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(snapshot(copy)).toEqual(before);
    copy.close();
    // Opened as a database in its own right (the way a user would restore it), it is complete.
    const restored = tempDatabasePath();
    fs.copyFileSync(backupOf(file), restored);
    const db = openDatabase(restored);
    expect(snapshot(db)).toEqual(before);
    assertIndexesIntact(db);
    db.close();
  });

  it('replaces a copy left by an earlier attempt with a complete one', () => {
    const file = seededDatabase();
    fs.writeFileSync(backupOf(file), 'an older, unfinished copy');
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, failing] })).toThrow('disk on fire');
    const copy = new Database(backupOf(file), { readonly: true });
    expect(copy.prepare(`SELECT count(*) FROM calls`).pluck().get()).toBe(60);
    copy.close();
    expect(folderOf(file)).toEqual(['talktally.sqlite', path.basename(backupOf(file))]);
  });

  it('stops before any change when the copy cannot be written, and says so', () => {
    const file = seededDatabase();
    const hash = sha256(file);
    // A folder where the copy should go: the finished copy cannot take its name.
    fs.mkdirSync(backupOf(file));
    fs.writeFileSync(path.join(backupOf(file), 'keep.txt'), 'not ours');

    const error = errorOf(() => openDatabase(file, { migrations: [...MIGRATIONS, rebuildMigration('calls', newCallStatus)] }));
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect(error.message).toMatch(
      new RegExp(
        `^Talktally copies the database ".*" before upgrading it to schema ${NEXT}, and could not write the copy .*before-v${NEXT}\\.bak: .*\\. The database was not changed\\.$`,
      ),
    );
    expect(sha256(file)).toBe(hash);
    expect(folderOf(file)).toEqual(['talktally.sqlite', path.basename(backupOf(file))]);
    expect(fs.readdirSync(backupOf(file))).toEqual(['keep.txt']);
  });

  it('is not made for a new database, nor for a migration that changes no existing table', () => {
    const fresh = tempDatabasePath();
    openDatabase(fresh, { migrations: [...MIGRATIONS, rebuildMigration('calls', newCallStatus)] }).close();
    expect(folderOf(fresh)).toEqual(['talktally.sqlite']);

    const file = seededDatabase();
    const additive: Migration = { version: NEXT, name: 'new-table', up: (db) => db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT`) };
    openDatabase(file, { migrations: [...MIGRATIONS, additive] }).close();
    expect(folderOf(file)).toEqual(['talktally.sqlite']);
  });
});
