import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DATABASE_FILE_NAME = 'talktally.sqlite';
/** In the data folder: where the user moved the database to, when they did. */
const LOCATION_FILE_NAME = 'database-location.json';

/**
 * Talktally's data folder, the same one Electron's `userData` names for an app
 * called "Talktally", so the app and the headless CLI share one database.
 */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Talktally');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Talktally');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Talktally');
}

/** Why the database the user moved cannot be found where the note says. */
export class DataLocationError extends Error {
  override name = 'DataLocationError';
  constructor(
    readonly problem: 'moved-database-missing' | 'note-damaged',
    message: string,
    /** The folder the note names, when it names one. */
    readonly folder: string | null,
  ) {
    super(message);
  }
}

export const locationNotePath = (env: NodeJS.ProcessEnv): string => path.join(dataDirectory(env), LOCATION_FILE_NAME);

/**
 * The database the user moved (Settings), or null when they never did. Never
 * a silent fallback: an empty database at the remembered place would look like
 * lost data (and orphan the keys filed under the old database's id), and the
 * original place may hold an old copy. So a note that names a file that is not
 * there (an unplugged drive, a renamed folder) or cannot be read is an error
 * that start-up asks the user about.
 */
function movedDatabasePath(env: NodeJS.ProcessEnv): string | null {
  const notePath = locationNotePath(env);
  let text: string;
  try {
    text = fs.readFileSync(notePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DataLocationError(
      'note-damaged',
      `Talktally cannot read ${notePath}, which says where its database was moved to: ${(error as Error).message}.`,
      null,
    );
  }
  let databasePath: unknown;
  try {
    databasePath = (JSON.parse(text) as { databasePath?: unknown }).databasePath;
  } catch {
    databasePath = undefined;
  }
  if (typeof databasePath !== 'string' || !path.isAbsolute(databasePath)) {
    throw new DataLocationError('note-damaged', `${notePath}, which says where Talktally's database was moved to, is damaged.`, null);
  }
  if (!fs.existsSync(databasePath)) {
    const folder = path.dirname(databasePath);
    throw new DataLocationError(
      'moved-database-missing',
      fs.existsSync(folder)
        ? `Talktally's database was moved to ${folder}, but ${path.basename(databasePath)} is no longer there.`
        : `Talktally's database was moved to ${folder}, which cannot be found (an unplugged drive, or a renamed folder?).`,
      folder,
    );
  }
  return databasePath;
}

/**
 * `TALKTALLY_DB` overrides the location (tests, a second profile); then the
 * folder the user moved the data to; otherwise the data folder's file. Throws
 * DataLocationError when the moved database cannot be found.
 */
export function resolveDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TALKTALLY_DB) return path.resolve(env.TALKTALLY_DB);
  return movedDatabasePath(env) ?? path.join(dataDirectory(env), DATABASE_FILE_NAME);
}

/** Remembers where the database now lives, for the next start of the app and the CLI. */
export function rememberDatabasePath(databasePath: string, env: NodeJS.ProcessEnv = process.env): void {
  const folder = dataDirectory(env);
  fs.mkdirSync(folder, { recursive: true });
  const note = path.join(folder, LOCATION_FILE_NAME);
  // Written aside and renamed, so a crash never leaves half a note.
  fs.writeFileSync(`${note}.tmp`, `${JSON.stringify({ databasePath }, null, 2)}\n`);
  fs.renameSync(`${note}.tmp`, note);
}
