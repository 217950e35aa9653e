import { refillAllWeeks } from '../activity-days';
import { DAY_TABLES, refreshActivityDays } from '../day-totals';
import type { Migration } from './migration';

/** A day table's keys (store/day-totals.ts, `keys`), as they were when this migration shipped. */
const KEYS = {
  call_days: ['connection_id', 'user_id', 'handler_kind'],
  conversation_days: ['connection_id', 'user_id'],
  tracker_days: ['connection_id', 'user_id', 'tracker_id'],
} as const;
type DayTableName = keyof typeof KEYS;

/** The figures of each day table (migration 14's columns), which the week tables repeat. */
const FIGURES: Record<DayTableName, string> = {
  call_days: `user_name TEXT,
    inbound_calls INTEGER NOT NULL, inbound_seconds INTEGER NOT NULL, outbound_calls INTEGER NOT NULL,
    outbound_seconds INTEGER NOT NULL, missed_calls INTEGER NOT NULL, no_answer_calls INTEGER NOT NULL,
    call_summaries INTEGER NOT NULL, transcription_seconds INTEGER NOT NULL`,
  conversation_days: `calls INTEGER NOT NULL, timed_calls INTEGER NOT NULL, word_calls INTEGER NOT NULL,
    our_ms INTEGER NOT NULL, total_ms INTEGER NOT NULL, our_words INTEGER NOT NULL, total_words INTEGER NOT NULL,
    questions_asked INTEGER NOT NULL, longest_monologue_ms INTEGER, longest_monologue_words INTEGER,
    contact_longest_answer_ms INTEGER, contact_longest_answer_words INTEGER`,
  tracker_days: `calls INTEGER NOT NULL, ours_calls INTEGER NOT NULL, contact_calls INTEGER NOT NULL`,
};

const KEY_TYPES: Record<string, string> = { connection_id: 'INTEGER NOT NULL', user_id: 'TEXT', handler_kind: 'TEXT NOT NULL', tracker_id: 'INTEGER NOT NULL' };
const figureColumns = (table: DayTableName) => FIGURES[table].split(',').map((c) => c.trim().split(' ')[0] ?? '');

function tablesFor(table: DayTableName): string {
  const keys = KEYS[table];
  const people = `${table}_people`;
  const weeks = table.replace(/_days$/, '_weeks');
  const columns = keys.map((k) => `${k} ${KEY_TYPES[k] ?? ''}`).join(', ');
  // `user_id` may be NULL (the platform did not say which agent took a call): compared with IS.
  const samePerson = keys.map((k) => `p.${k} IS NEW.${k}`).join(' AND ');
  return `
    CREATE TABLE ${people} (${columns}, UNIQUE (${keys.join(', ')})) STRICT;
    INSERT INTO ${people} (${keys.join(', ')}) SELECT DISTINCT ${keys.join(', ')} FROM ${table};
    -- UNIQUE lets NULLs repeat, so the trigger itself checks that a person is new.
    CREATE TRIGGER ${people}_on_insert AFTER INSERT ON ${table}
      WHEN NOT EXISTS (SELECT 1 FROM ${people} p WHERE ${samePerson})
      BEGIN INSERT INTO ${people} (${keys.join(', ')}) VALUES (${keys.map((k) => `NEW.${k}`).join(', ')}); END;

    CREATE TABLE ${weeks} (week INTEGER NOT NULL, ${columns}, is_deleted INTEGER NOT NULL, ${FIGURES[table]}) STRICT;
    CREATE INDEX ${weeks}_by_person ON ${weeks} (${keys.join(', ')}, week, is_deleted, ${figureColumns(table).join(', ')});
    CREATE INDEX ${weeks}_by_week ON ${weeks} (week);`;
}

/**
 * Activity on longer ranges (issue #14: 90 days within the search budget on a
 * million calls). Reading 90 day rows per person costs about a microsecond
 * each per statement, and the Activity screen runs five: a week of day rows
 * costs what the whole range's partial edge days do.
 * - Week totals (`call_weeks`, `conversation_weeks`, `tracker_weeks`): each
 *   day table summed again per 7 UTC days (week = day / 7). A read takes a
 *   week's row when the week lies inside the range and none of its days is
 *   marked, and day rows only for the rest (store/activity-days.ts). The
 *   refresh that sums a day sums its week again.
 * - People (`call_days_people`, …, per tracker for `tracker_days`): every key a
 *   day table has held a row for, kept by a trigger. A read then seeks each
 *   person's weeks and days in the by-person indexes instead of scanning every
 *   day of the year they hold (a week of tracker counts: 11 ms, then 2 ms).
 *   A key is never taken out: one whose rows are gone sums to nothing.
 * New tables and triggers only, filled from the day rows already summed (and
 * the days migration 14 marked, summed here): nothing stored changes, so no
 * copy is made.
 */
export const weekTotals: Migration = {
  version: 15,
  name: 'week-totals',
  up(db) {
    db.exec((Object.keys(KEYS) as DayTableName[]).map(tablesFor).join('\n'));
    for (const t of DAY_TABLES) refillAllWeeks(db, t);
    refreshActivityDays(db);
  },
};
