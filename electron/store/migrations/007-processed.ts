import type { Migration } from './migration';

/**
 * "Processed": staff's tick on a call in the vendor's back office (TalkPilot's
 * `done`), kept as its own fact beside the outcome so the table can filter on
 * it. Null for vendors that have no such tick. Its index pairs it with the
 * start time, like every filter's (002), so "not processed, newest first"
 * reads in order and stops at the page.
 */
export const processed: Migration = {
  version: 7,
  name: 'processed',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN is_processed INTEGER CHECK (is_processed IN (0, 1));
      CREATE INDEX calls_by_processed ON calls (is_processed, started_at_ms);
    `);
  },
};
