import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A small tmpfs, for the failures root cannot be made to hit otherwise (a full
 * disk, a read-only disk). Needs root and mount rights: probed once
 * (`canMountTmpfs`), and the tests that need it are skipped where it cannot be had.
 */
export function mountTmpfs(options: string): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talktally-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    fs.rmdirSync(dir);
    return null;
  }
}

export function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'ignore' });
  fs.rmdirSync(dir);
}

/** Makes a read-only disk of a mounted tmpfs. */
export function remountReadOnly(dir: string): void {
  execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' });
}

export const canMountTmpfs = ((): boolean => {
  const dir = mountTmpfs('size=64k');
  if (dir) unmount(dir);
  return dir !== null;
})();
