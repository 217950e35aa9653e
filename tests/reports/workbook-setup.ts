import fs from 'node:fs';

/* What the workbook tests (tests/reports/workbook-*.test.ts) share. */

export const ZONE = 'Europe/London';

/** The folder's entries: proves nothing (no report, no temporary file) was left. */
export function entries(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}
