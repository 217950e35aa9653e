import fs from 'node:fs';
import Database from 'better-sqlite3';
import { count, mib } from './stats';
import type { BenchResult } from './table';

/**
 * Database bytes per 100,000 calls, as the app leaves the file: closed, so
 * SQLite has checkpointed the WAL into it and removed it; never VACUUMed.
 */
export function benchSize(file: string, label: string, note: string): BenchResult {
  const db = new Database(file, { readonly: true });
  const calls = db.prepare(`SELECT count(*) FROM calls`).pluck().get() as number;
  const transcripts = db.prepare(`SELECT count(*) FROM transcripts`).pluck().get() as number;
  const freePages = db.pragma('freelist_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const wal = `${file}-wal`;
  const bytes = fs.statSync(file).size + (fs.existsSync(wal) ? fs.statSync(wal).size : 0);
  return {
    area: 'Size',
    measure: `database bytes per 100,000 calls (${label}: ${count(calls)} calls, ${count(transcripts)} transcripts)`,
    result: `${mib((bytes * 100_000) / calls)} (file ${mib(bytes)})`,
    target: '',
    met: null,
    note: `${note} The file as the app leaves it when it closes (WAL checkpointed, not VACUUMed; ${count(freePages)} free pages of ${pageSize} bytes).`,
  };
}
