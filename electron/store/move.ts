import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db';
import { openDatabase } from './database';
import { DATABASE_FILE_NAME } from './location';

export class MoveDatabaseError extends Error {
  override name = 'MoveDatabaseError';
}

/**
 * Copies the open database into another folder with SQLite's online backup
 * (consistent even while syncs write), then opens the copy to check it. The
 * original stays where it was: nothing is lost if anything goes wrong.
 */
export async function copyDatabaseTo(db: Db, folder: string): Promise<string> {
  if (!path.isAbsolute(folder) || !fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new MoveDatabaseError(`The folder ${folder} does not exist.`);
  }
  const target = path.join(folder, DATABASE_FILE_NAME);
  if (path.resolve(target) === path.resolve(db.name)) throw new MoveDatabaseError('The data is already in that folder.');
  if (fs.existsSync(target)) throw new MoveDatabaseError(`${folder} already holds a Talktally database (${DATABASE_FILE_NAME}). Choose an empty folder.`);
  try {
    await db.backup(target);
    openDatabase(target).close();
  } catch (error) {
    fs.rmSync(target, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new MoveDatabaseError(`Could not copy the data to ${folder}: ${reason}`);
  }
  return target;
}
