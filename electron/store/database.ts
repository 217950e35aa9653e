import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './db';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, MigrationError, migrate } from './migrations';
import type { Migration } from './migrations/migration';

/** What kind of problem a database file has, so start-up can offer the choices that fit. */
export type DatabaseProblem = 'damaged' | 'newer' | 'locked' | 'unavailable' | 'disk-full' | 'upgrade-failed';

/** A problem with the database file itself, worded for the person who owns it. */
export class DatabaseFileError extends Error {
  override name = 'DatabaseFileError';
  constructor(
    message: string,
    readonly problem: DatabaseProblem = 'unavailable',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** SQLite's result codes, in the words start-up uses. */
function problemOf(code: string | undefined): DatabaseProblem | null {
  if (code === undefined) return null;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_FULL')) return 'disk-full';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_IOERR'))
    return 'unavailable';
  return null;
}

const PROBLEM_WORDS: Record<DatabaseProblem, string> = {
  damaged: 'it is damaged, or it is not a Talktally database',
  newer: 'it was written by a newer version of Talktally',
  locked: 'another program is using it right now',
  unavailable: 'it cannot be read or written here (a read-only disk, or missing permission?)',
  'disk-full': 'the disk is full',
  'upgrade-failed': 'it could not be upgraded',
};

export interface OpenOptions {
  /** Apply only these migrations (tests use this to build older schema versions). */
  migrations?: readonly Migration[];
  /** False: the file must already exist (the core's worker joins the database main opened; it never starts a new one). */
  create?: boolean;
}

/**
 * Opens (creating if needed) the Talktally database at `file` and brings its
 * schema up to date. A file written by a newer Talktally is refused before
 * anything is written to it, so a downgrade never damages the user's data.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const known = migrations.at(-1)?.version ?? 0;
  if (fs.existsSync(file)) refuseNewerOrForeign(file, known);
  else if (options.create === false)
    throw new DatabaseFileError(`The database "${file}" is no longer there (was its folder moved or deleted while Talktally ran?).`, 'unavailable');
  else fs.mkdirSync(path.dirname(file), { recursive: true });

  const db = openWithMessage(file, {});
  try {
    // The header may lag a WAL that was never checkpointed: check again, through SQLite, before any write.
    refuseNewer(file, db.pragma('user_version', { simple: true }) as number, known);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Another process (the CLI beside the app) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    // Already in plain words (what failed, the schema the file is still at, where the copy is).
    if (error instanceof MigrationError) throw new DatabaseFileError(error.message, 'upgrade-failed', { cause: error });
    if (error instanceof DatabaseFileError) throw error;
    const problem = problemOf((error as { code?: string }).code);
    if (problem)
      throw new DatabaseFileError(`Cannot open the database "${file}": ${PROBLEM_WORDS[problem]} (${(error as Error).message}).`, problem, { cause: error });
    throw error;
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Reads the schema version from the file header (bytes 60-63, `user_version`)
 * without opening the file with SQLite, which could create `-wal`/`-shm` files
 * beside it. A refused file is left exactly as it was, and so is its folder.
 */
function refuseNewerOrForeign(file: string, known: number): void {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let length: number;
  try {
    length = fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (length === 0) return; // An empty file is an empty database to SQLite.
  if (length < header.length || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new DatabaseFileError(`"${file}" is not a Talktally database, or it is damaged (no SQLite header).`, 'damaged');
  }
  refuseNewer(file, header.readUInt32BE(60), known);
}

export function refuseNewer(file: string, version: number, known: number): void {
  if (version > known) {
    throw new DatabaseFileError(
      `The database "${file}" was written by a newer version of Talktally (schema ${version}; ` +
        `this version knows up to ${known}). Update Talktally to open it; the file was not changed.`,
      'newer',
    );
  }
}

function openWithMessage(file: string, options: Database.Options): Db {
  try {
    return new Database(file, options);
  } catch (error) {
    const problem = problemOf((error as { code?: string }).code) ?? 'unavailable';
    throw new DatabaseFileError(`Cannot open the database "${file}": ${PROBLEM_WORDS[problem]} (${(error as Error).message}).`, problem, { cause: error });
  }
}

export { LATEST_SCHEMA_VERSION };
