import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Vendor } from '../../shared/vendors';
import type { Simulator } from '../../electron/simulator/server';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { addSimConnection, syncFromSim } from './sync';

export interface SyncedStore {
  readonly db: Db;
  readonly file: string;
  readonly folder: string;
}

/**
 * For a test file: one database synced from the simulator for these vendors
 * before its tests, removed after them. It lives in a folder of its own, not a
 * tempDir() (those go after each test), because the core's worker opens the
 * file again in several tests.
 */
export function useSyncedStore(ctx: { readonly sim: Simulator }, vendors: readonly Vendor[], options: { name: string; backfillDays?: number }): SyncedStore {
  const store = {} as { db: Db; file: string; folder: string };
  beforeAll(async () => {
    store.folder = fs.mkdtempSync(path.join(os.tmpdir(), `talktally-${options.name}-`));
    store.file = path.join(store.folder, 'talktally.sqlite');
    store.db = openDatabase(store.file);
    for (const vendor of vendors) {
      await syncFromSim(store.db, ctx.sim, addSimConnection(store.db, ctx.sim, vendor), options.backfillDays ? { backfillDays: options.backfillDays } : {});
    }
  }, 180_000);
  afterAll(() => {
    store.db?.close();
    if (store.folder) fs.rmSync(store.folder, { recursive: true, force: true });
  });
  return {
    get db() {
      return store.db;
    },
    get file() {
      return store.file;
    },
    get folder() {
      return store.folder;
    },
  };
}
