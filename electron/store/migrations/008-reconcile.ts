import type { Migration } from './migration';

/**
 * Reconciliation (re-reading a connection's whole synced range to catch what
 * vendors change long after a call: purges, trash, restores, deletion for good):
 * - `calls.gone_at_ms`: when a re-read found the vendor no longer has the call.
 *   Its facts (when, how long, who on our side) stay so activity still counts
 *   it; its personal data is removed at that moment.
 * - `reconcile_passes`: one row per connection, how far the current pass has
 *   come, so a pass stopped anywhere resumes where it stopped.
 * - `sync_runs.reconcile` / `calls_gone`: the history says which runs re-read
 *   everything and how many calls they found gone.
 * All additive: no table is rebuilt.
 */
export const reconcile: Migration = {
  version: 8,
  name: 'reconcile',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN gone_at_ms INTEGER;

      CREATE TABLE reconcile_passes (
        connection_id   INTEGER PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
        from_ms         INTEGER NOT NULL,
        through_ms      INTEGER NOT NULL,
        started_at_ms   INTEGER NOT NULL,
        completed_at_ms INTEGER
      ) STRICT;

      ALTER TABLE sync_runs ADD COLUMN reconcile INTEGER NOT NULL DEFAULT 0 CHECK (reconcile IN (0, 1));
      ALTER TABLE sync_runs ADD COLUMN calls_gone INTEGER NOT NULL DEFAULT 0 CHECK (calls_gone >= 0);
    `);
  },
};
