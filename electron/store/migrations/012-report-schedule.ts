import type { Migration } from './migration';

/**
 * Scheduled reports (issue #14): one row per workbook per period, so a week or
 * month is written once, whatever restarts or second processes happen.
 * UNIQUE (period_key, report) is the guard: a run claims its row before it
 * writes, and a claim only succeeds on no row, a failed one (a retry), or a
 * `running` one whose process is gone. A new table: nothing is altered.
 */
export const reportSchedule: Migration = {
  version: 12,
  name: 'report-schedule',
  up(db) {
    db.exec(`
      CREATE TABLE scheduled_reports (
        id             INTEGER PRIMARY KEY,
        period         TEXT NOT NULL CHECK (period IN ('week', 'month')),
        -- '2026-W48' (ISO week) or '2026-11'.
        period_key     TEXT NOT NULL,
        report         TEXT NOT NULL CHECK (report IN ('activity', 'calls')),
        from_day       TEXT NOT NULL,
        to_day         TEXT NOT NULL,
        due_at_ms      INTEGER NOT NULL,
        started_at_ms  INTEGER NOT NULL,
        finished_at_ms INTEGER,
        status         TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        owner_pid      INTEGER,
        file           TEXT,
        error          TEXT,
        rows_written   INTEGER,
        attempts       INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
        UNIQUE (period_key, report)
      ) STRICT;
      CREATE INDEX scheduled_reports_by_start ON scheduled_reports (started_at_ms);
    `);
  },
};
