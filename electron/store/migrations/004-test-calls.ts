import type { Migration } from './migration';

/**
 * Test calls: Talkover's `is_testing` and HighLevel's trial calls are the
 * team's own checks of an agent, not work. They are kept, flagged, and left out
 * of the table and reports unless asked for, like soft-deleted calls.
 */
export const testCalls: Migration = {
  version: 4,
  name: 'test-calls',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN is_test INTEGER NOT NULL DEFAULT 0 CHECK (is_test IN (0, 1));
    `);
  },
};
