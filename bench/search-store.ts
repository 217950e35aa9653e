import fs from 'node:fs';
import path from 'node:path';
import { VENDORS, VENDOR_NAMES } from '../shared/vendors';
import { findCallId, upsertCalls } from '../electron/store/calls';
import { addConnection } from '../electron/store/connections';
import { LATEST_SCHEMA_VERSION, openDatabase } from '../electron/store/database';
import { refreshActivityDays } from '../electron/store/day-totals';
import { saveTranscript } from '../electron/store/transcripts';
import { generateCalls, type GenerateOptions } from './store-data';

/** Bump when the generated data changes, so cached stores are built again. */
const DATA_VERSION = 1;
const BATCH = 5_000;

export const CACHE_DIR = path.resolve('bench/.cache');

/** The store's fixed "now", so the data (and so the query set) is the same in every run. */
export const STORE_NOW_MS = Date.UTC(2026, 10, 20, 12);

export interface StoreSize {
  calls: number;
  transcripts: number;
}

/**
 * A store of generated calls and transcripts, written through the store's own
 * upsert functions (triggers and search indexes included), cached by size,
 * schema version and data version: the first run builds it, later runs reuse it.
 */
export function cachedStore(size: StoreSize, log: (line: string) => void): { file: string; builtInMs: number | null } {
  const file = path.join(CACHE_DIR, `store-${size.calls}-${size.transcripts}-schema${LATEST_SCHEMA_VERSION}-data${DATA_VERSION}.sqlite`);
  if (fs.existsSync(file)) return { file, builtInMs: null };
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
  log(
    `building a store of ${size.calls.toLocaleString('en')} calls and ${size.transcripts.toLocaleString('en')} transcripts (cached in ${path.relative(process.cwd(), CACHE_DIR)})…`,
  );
  const started = performance.now();
  buildStore(partial, { calls: size.calls, transcripts: size.transcripts, nowMs: STORE_NOW_MS, days: 365 });
  fs.renameSync(partial, file);
  return { file, builtInMs: performance.now() - started };
}

export function buildStore(file: string, options: GenerateOptions): void {
  const db = openDatabase(file);
  const connections = VENDORS.map((vendor) => addConnection(db, { vendor, label: `${VENDOR_NAMES[vendor]} main` }, options.nowMs));
  let batch: ReturnType<typeof generateCalls> extends Generator<infer T> ? T[] : never = [];
  const flush = db.transaction(() => {
    for (const [index, connection] of connections.entries()) {
      const mine = batch.filter((b) => b.connection === index);
      upsertCalls(
        db,
        connection.id,
        mine.map((b) => b.call),
        options.nowMs,
      );
      for (const { call, transcript } of mine) {
        if (!transcript) continue;
        const id = findCallId(db, connection.id, call.vendorCallId);
        if (id !== null) saveTranscript(db, id, transcript, options.nowMs);
      }
    }
    batch = [];
  });
  for (const generated of generateCalls(options)) {
    batch.push(generated);
    if (batch.length >= BATCH) flush();
  }
  if (batch.length) flush();
  // As a sync does at its end: the days written, summed for Activity.
  refreshActivityDays(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
