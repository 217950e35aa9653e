/**
 * Files stay small enough to read in one sitting: at most 400 lines, split by job when they
 * grow (CONTRIBUTING.md). The format itself is checked by `npm run format:check` in .ci/run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAX_LINES = 400;

/** The repository's own files (tracked or new, not ignored), as git sees them. */
function ownFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter((file) => file !== '' && fs.existsSync(path.join(ROOT, file)));
}

const linesOf = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').length - 1;

describe('the source tree', () => {
  it(`has no TypeScript or script file over ${MAX_LINES} lines`, () => {
    const code = ownFiles().filter((file) => /\.(ts|tsx|js|mjs|cjs)$/.test(file));
    expect(code.length).toBeGreaterThan(300);
    expect(
      code.map((file) => ({ file, lines: linesOf(file) })).filter(({ lines }) => lines > MAX_LINES),
      'split these by job',
    ).toEqual([]);
  });
});
