import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME, rememberDatabasePath } from '../store/location';
import { describeStartupFailure, type StartupChoice, type StartupFailure } from './failure';

/** The file and its WAL companions: set aside together, or SQLite would replay an old WAL into the new file. */
const COMPANIONS = ['', '-wal', '-shm'];

/**
 * Sets the database aside so a new one can start in its place: renamed, never
 * deleted (`talktally.sqlite.damaged-2026-12-01T10-31-05`). Returns the new name.
 */
export function setDatabaseAside(databasePath: string, nowMs = Date.now()): string {
  const stamp = new Date(nowMs).toISOString().slice(0, 19).replace(/:/g, '-');
  const aside = `${databasePath}.damaged-${stamp}`;
  for (const suffix of COMPANIONS) if (fs.existsSync(databasePath + suffix)) fs.renameSync(databasePath + suffix, aside + suffix);
  return aside;
}

export interface RecoveryParts<T> {
  /** Where the database is (may throw DataLocationError), and opening it (may throw DatabaseFileError). */
  resolvePath(): string;
  open(databasePath: string): T;
  /** Shows the failure and answers with the choice made. */
  ask(failure: StartupFailure): Promise<StartupChoice>;
  /** A folder the user picks, or null. */
  chooseFolder(): Promise<string | null>;
  openFolder(folder: string): Promise<void>;
  dataFolder: string;
  env: NodeJS.ProcessEnv;
  /** Unexpected failures, with their stack, for the log file. */
  logError(error: unknown): void;
}

/**
 * Opens the app's database, and when it cannot, asks the user what to do
 * until it opens or they quit: never a process without a window, never a
 * silent new database at a remembered place. Resolves to null on Quit.
 */
export async function openWithRecovery<T>(parts: RecoveryParts<T>): Promise<T | null> {
  for (;;) {
    let databasePath: string | null = null;
    try {
      databasePath = parts.resolvePath();
      return parts.open(databasePath);
    } catch (error) {
      const failure = describeStartupFailure(error, databasePath);
      if (failure.unexpected) parts.logError(error);
      const choice = await parts.ask(failure);
      if (choice === 'quit') return null;
      if (choice === 'open-data-folder') await parts.openFolder(databasePath ? path.dirname(databasePath) : parts.dataFolder);
      if (choice === 'new-database' && databasePath) setDatabaseAside(databasePath);
      if (choice === 'locate-folder') {
        const folder = await parts.chooseFolder();
        const candidate = folder && path.join(folder, DATABASE_FILE_NAME);
        // Only a folder that holds a database is remembered; otherwise ask again.
        if (candidate && fs.existsSync(candidate)) rememberDatabasePath(candidate, parts.env);
      }
      // 'retry' and every other choice: try again with what changed.
    }
  }
}
