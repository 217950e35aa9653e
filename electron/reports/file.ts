import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { WriteStream } from 'node:fs';
import path from 'node:path';

/** What kept a report from being saved, for the UI to act on. */
export type ReportFileProblem =
  'folder_missing' | 'not_a_folder' | 'is_a_folder' | 'permission_denied' | 'file_in_use' | 'disk_full' | 'read_only' | 'name_too_long' | 'io_error';

/** A report could not be saved; `message` says why in words a user can act on. */
export class ReportFileError extends Error {
  override readonly name = 'ReportFileError';

  constructor(
    readonly problem: ReportFileProblem,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Where in saving an error happened, which decides what it means. */
type Stage = 'create' | 'write' | 'replace';

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Turns a Node file error into a ReportFileError; anything else is returned as it is. */
export function describeFileError(error: unknown, target: string, stage: Stage): unknown {
  if (error instanceof ReportFileError) return error;
  const code = errnoCode(error);
  if (code === undefined) return error;
  const folder = path.dirname(target);
  const fail = (problem: ReportFileProblem, message: string): ReportFileError =>
    new ReportFileError(problem, `Cannot save the report: ${message}`, { cause: error });
  switch (code) {
    case 'ENOENT':
      return fail('folder_missing', `the folder "${folder}" does not exist.`);
    case 'ENOTDIR':
      return fail('not_a_folder', `"${folder}" is not a folder.`);
    case 'EISDIR':
      return fail('is_a_folder', `"${target}" is a folder. Choose a file name.`);
    case 'EACCES':
    case 'EPERM':
    case 'EBUSY':
      // Replacing a file that Excel has open fails with EPERM/EBUSY on Windows
      // (EACCES elsewhere); before that, the folder itself is not writable.
      return stage === 'replace' || code === 'EBUSY'
        ? fail('file_in_use', `"${target}" is open in another program or cannot be replaced. Close it and try again, or choose another name.`)
        : fail('permission_denied', `you do not have permission to save in the folder "${folder}".`);
    case 'ENOSPC':
    case 'EDQUOT':
      return fail('disk_full', `the disk is full (while writing "${target}"). Free some space and try again.`);
    case 'EROFS':
      return fail('read_only', `the folder "${folder}" is on a read-only disk.`);
    case 'ENAMETOOLONG':
      return fail('name_too_long', `the file name "${target}" is too long.`);
    default:
      return fail('io_error', `writing "${target}" failed (${code}).`);
  }
}

/** The temporary file a report is written to before it takes its real name. */
export interface TempFile {
  readonly target: string;
  readonly tempPath: string;
  readonly handle: FileHandle;
}

/**
 * Checks the folder and the chosen name, then creates a new temporary file next
 * to it (same folder, so the final rename is atomic and never copies). Checking
 * first means a report that cannot be saved fails before its queries run.
 */
export async function createTempFile(file: string): Promise<TempFile> {
  const target = path.resolve(file);
  const folder = path.dirname(target);
  try {
    const stat = await fs.stat(folder);
    if (!stat.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (error) {
    throw describeFileError(error, target, 'create');
  }
  await checkReplaceable(target);
  // Hidden where dots hide, short enough for NAME_MAX, unique: never an existing file.
  const base = path.basename(target).slice(0, 100);
  const tempPath = path.join(folder, `.${base}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(tempPath, 'wx');
    return { target, tempPath, handle };
  } catch (error) {
    throw describeFileError(error, target, 'create');
  }
}

/**
 * A chosen name that is a folder, or a file another program holds open, would
 * only fail at the final rename: find out now, before the report is written.
 */
async function checkReplaceable(target: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await fs.lstat(target)).isDirectory();
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw describeFileError(error, target, 'create');
  }
  if (isFolder) throw describeFileError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), target, 'create');
  try {
    // Opening for writing changes nothing, and fails where a program (Excel on
    // Windows) holds the file open without sharing.
    await (await fs.open(target, 'r+')).close();
  } catch (error) {
    throw describeFileError(error, target, 'replace');
  }
}

/**
 * Opens the stream the workbook is written through. `flush` fsyncs before the
 * stream closes the file, so a crash right after the rename cannot leave an
 * empty file under the chosen name. (The stream closes the handle itself:
 * a FileHandle with a stream on it waits for the stream before it can close.)
 */
export function openTempStream(temp: TempFile): WriteStream {
  return temp.handle.createWriteStream({ flush: true });
}

/** Gives the complete, closed temporary file the chosen name. */
export async function renameTempFile(temp: TempFile): Promise<void> {
  try {
    await fs.rename(temp.tempPath, temp.target);
  } catch (error) {
    await discardTempFile(temp);
    throw describeFileError(error, temp.target, 'replace');
  }
}

/** Closes and removes the temporary file; never throws (it runs while failing). */
export async function discardTempFile(temp: TempFile): Promise<void> {
  // Closed first: Windows cannot delete a file that is still open. A second
  // close while the stream closes it returns that same close.
  await temp.handle.close().catch(() => undefined);
  await fs.rm(temp.tempPath, { force: true }).catch(() => undefined);
}
