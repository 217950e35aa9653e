import { execFileSync } from 'node:child_process';

/** Runs SQL through Debian's `sqlite3` command-line shell: a reader we did not write. */
export function sqliteCli(file: string, sql: string): string {
  return execFileSync('sqlite3', ['-batch', file, sql], { encoding: 'utf8' }).trim();
}
