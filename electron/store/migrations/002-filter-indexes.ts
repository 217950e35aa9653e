import type { Migration } from './migration';

/**
 * An index for each filter the calls screen offers. Each pairs its filter with
 * the start time so "filtered, newest first" reads the index in order and stops
 * at the page. Soft-deleted calls are hidden by default, so the plain
 * by-start-time index covers only visible calls.
 */
export const filterIndexes: Migration = {
  version: 2,
  name: 'filter-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX calls_visible_by_start ON calls (started_at_ms) WHERE deleted_at_ms IS NULL;
      CREATE INDEX calls_by_start ON calls (started_at_ms);
      CREATE INDEX calls_by_connection ON calls (connection_id, started_at_ms);
      CREATE INDEX calls_by_user ON calls (user_id, started_at_ms);
      CREATE INDEX calls_by_status ON calls (status, started_at_ms);
      CREATE INDEX calls_by_direction ON calls (direction, started_at_ms);
      CREATE INDEX calls_by_contact_type ON calls (contact_type, started_at_ms);
      CREATE INDEX calls_with_transcript ON calls (started_at_ms) WHERE has_transcript = 1;
      CREATE INDEX calls_by_talk_time ON calls (talk_seconds);
      CREATE INDEX calls_by_contact_name ON calls (contact_name COLLATE NOCASE);
      CREATE INDEX user_activity_by_day ON user_activity (day, connection_id);
      CREATE INDEX sync_runs_by_connection ON sync_runs (connection_id, started_at_ms);
      CREATE INDEX sync_warnings_by_run ON sync_warnings (run_id);
    `);
  },
};
