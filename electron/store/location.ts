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

/** The folder the user moved the database to (Settings), or null; a damaged note is ignored rather than blocking start-up. */
function movedDatabasePath(env: NodeJS.ProcessEnv): string | null {
  try {
    const note = JSON.parse(fs.readFileSync(path.join(dataDirectory(env), LOCATION_FILE_NAME), 'utf8')) as { databasePath?: unknown };
    return typeof note.databasePath === 'string' && path.isAbsolute(note.databasePath) ? note.databasePath : null;
  } catch {
    return null;
  }
}

/**
 * `TALKTALLY_DB` overrides the location (tests, a second profile); then the
 * folder the user moved the data to; otherwise the data folder's file.
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
