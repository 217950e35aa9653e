import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { ReportKind } from '../../shared/reports';

/**
 * "Talktally calls 2026-11-22 09.35.xlsx" in the folder, with " (2)" and so on
 * when that name is taken on disk or by another export still being written.
 */
export function reportFilePath(folder: string, kind: ReportKind, timeZone: string, taken: ReadonlySet<string>, nowMs = Date.now()): string {
  const stamp = DateTime.fromMillis(nowMs, { zone: timeZone }).toFormat('yyyy-MM-dd HH.mm');
  const base = `Talktally ${kind} ${stamp}`;
  for (let n = 1; ; n++) {
    const file = path.join(folder, `${base}${n === 1 ? '' : ` (${n})`}.xlsx`);
    if (!taken.has(file) && !fs.existsSync(file)) return file;
  }
}
