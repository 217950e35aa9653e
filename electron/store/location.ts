import os from 'node:os';
import path from 'node:path';

export const DATABASE_FILE_NAME = 'talktally.sqlite';

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

/** `TALKTALLY_DB` overrides the location (tests, a second profile); otherwise the data folder's file. */
export function resolveDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.TALKTALLY_DB ? path.resolve(env.TALKTALLY_DB) : path.join(dataDirectory(env), DATABASE_FILE_NAME);
}
