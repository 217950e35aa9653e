import type { Migration } from './migration';

/**
 * `sync_runs.calls_new`: how many of a run's written calls were new, so the
 * history can say "120 new, 35 updated" instead of one count of writes. Null
 * for runs recorded before this version: they counted writes only.
 */
export const newCalls: Migration = {
  version: 9,
  name: 'new-calls',
  up(db) {
    db.exec(`ALTER TABLE sync_runs ADD COLUMN calls_new INTEGER CHECK (calls_new >= 0);`);
  },
};
