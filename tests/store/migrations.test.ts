import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DatabaseFileError, LATEST_SCHEMA_VERSION, openDatabase } from '../../electron/store/database';
import { MIGRATIONS, migrate } from '../../electron/store/migrations';
import type { Migration } from '../../electron/store/migrations/migration';
import { listCalls } from '../../electron/store/call-list';
import { CallListRequestSchema } from '../../shared/calls';
import { assertIndexesIntact } from '../helpers/store';
import { tempDatabasePath } from '../helpers/temp';

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const schemaOf = (db: Database.Database) => db.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY type, name`).all();

describe('opening a new database', () => {
  it('creates every table at the latest version, STRICT, with WAL, foreign keys and a busy timeout', () => {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);

    const tables = db
      .prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'`)
      .all() as { name: string; strict: number }[];
    expect(tables.map((t) => t.name).sort()).toEqual(
      [
        'activity_days_dirty',
        'app_settings',
        'call_conversation',
        'call_days',
        'call_days_people',
        'call_tracker_hits',
        'call_weeks',
        'calls',
        'connections',
        'conversation_days',
        'conversation_days_people',
        'conversation_weeks',
        'reconcile_passes',
        'scheduled_reports',
        'sync_checkpoints',
        'sync_runs',
        'sync_warnings',
        'team_members',
        'teams',
        'tracker_days',
        'tracker_days_people',
        'tracker_weeks',
        'trackers',
        'transcripts',
        'user_activity',
        'utterances',
        'vendor_agent_lists',
        'vendor_agents',
      ].sort(),
    );
    for (const table of tables) expect({ table: table.name, strict: table.strict }).toEqual({ table: table.name, strict: 1 });
    db.close();
  });

  it('reopens an up-to-date database without changing it', () => {
    const file = tempDatabasePath();
    openDatabase(file).close();
    const before = sha256(file);
    openDatabase(file).close();
    expect(sha256(file)).toBe(before);
  });
});

describe('upgrading from each earlier schema version', () => {
  for (let version = 0; version < LATEST_SCHEMA_VERSION; version++) {
    it(`upgrades a database at version ${version} with data in it, keeping the data and ending at the latest schema`, () => {
      const file = tempDatabasePath();
      const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, version) });
      expect(old.pragma('user_version', { simple: true })).toBe(version);
      if (version >= 1) {
        // Written with plain SQL, as the app of that version would have.
        old.prepare(`INSERT INTO connections (vendor, label, settings_json, created_at_ms, updated_at_ms) VALUES ('talentlynk', 'Old', '{}', 1, 1)`).run();
        old
          .prepare(
            `INSERT INTO calls (connection_id, vendor_call_id, direction, status, started_at_ms, handler_kind, contact_name, contact_number, summary, raw_json, changed_at_ms)
           VALUES (1, 'old_1', 'outbound', 'answered', 1760000000000, 'recruiter', 'Priya Raman', '+447890123456', 'Discussed the nursing role', '{}', 1)`,
          )
          .run();
        old
          .prepare(
            `INSERT INTO transcripts (call_id, status, full_text, raw_json, fetched_at_ms) VALUES (1, 'completed', 'A: tell me about the salary', '{}', 1)`,
          )
          .run();
      }
      old.close();

      const db = openDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      const fresh = openDatabase(tempDatabasePath());
      expect(schemaOf(db)).toEqual(schemaOf(fresh));
      fresh.close();

      if (version >= 1) {
        const find = (search: string) => listCalls(db, CallListRequestSchema.parse({ search })).rows.map((r) => r.vendorCallId);
        expect(find('')).toEqual(['old_1']);
        // Rows stored before search existed are indexed by the upgrade.
        expect(find('nursing')).toEqual(['old_1']);
        expect(find('salary')).toEqual(['old_1']);
        expect(find('7890123')).toEqual(['old_1']);
      }
      assertIndexesIntact(db);
      db.close();
    });
  }
});

describe('refusing what it cannot safely open', () => {
  it('refuses a database from a newer Talktally and leaves it byte-for-byte unchanged', () => {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close(); // checkpoints the WAL into the file
    const before = sha256(file);
    const filesBefore = fs.readdirSync(path.dirname(file)).sort();

    expect(() => openDatabase(file)).toThrow(DatabaseFileError);
    expect(() => openDatabase(file)).toThrow(/newer version of Talktally \(schema \d+; this version knows up to \d+\)/);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(filesBefore);
  });

  it('refuses a file that is not a database, naming it, and leaves it alone', () => {
    const file = tempDatabasePath();
    fs.writeFileSync(file, 'this is a spreadsheet, not a database '.repeat(200));
    const before = sha256(file);
    expect(() => openDatabase(file)).toThrow(DatabaseFileError);
    expect(() => openDatabase(file)).toThrow(file);
    expect(sha256(file)).toBe(before);
  });

  it('rolls back a migration that fails halfway, leaving the previous version intact', () => {
    const file = tempDatabasePath();
    openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) }).close();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(db) {
        db.exec(`CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT`);
        throw new Error('disk on fire');
      },
    };
    expect(() => openDatabase(file, { migrations: [MIGRATIONS[0]!, broken] })).toThrow('disk on fire');
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'`).pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a migration list with a gap', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [MIGRATIONS[0]!, MIGRATIONS[2]!])).toThrow(/out of order/);
    db.close();
  });
});

describe('the database id', () => {
  it('is made once per file, kept across reopening, and differs between files', async () => {
    const { getDatabaseId } = await import('../../electron/store/app-settings');
    const file = tempDatabasePath();
    const first = openDatabase(file);
    const id = getDatabaseId(first);
    first.close();
    const again = openDatabase(file);
    expect(getDatabaseId(again)).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const other = openDatabase(tempDatabasePath());
    expect(getDatabaseId(other)).not.toBe(id);
    again.close();
    other.close();
  });
});
