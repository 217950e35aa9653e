import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talktally-test-'));
  made.push(dir);
  return dir;
}

/** A path for a database file that does not exist yet. */
export function tempDatabasePath(): string {
  return path.join(tempDir(), 'talktally.sqlite');
}
