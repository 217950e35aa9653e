import { DAY_MS } from '../../../shared/time';
import { markEveryDayDirty } from '../day-totals';
import type { Migration } from './migration';

/**
 * Marks the UTC day of each start time given as not current in `table`.
 * Without a conflict clause: in a trigger, the outer statement's conflict
 * policy replaces the trigger's own (an upsert's insert would abort on OR IGNORE).
 */
const markDays = (table: string, ...startTimes: string[]) =>
  `INSERT INTO activity_days_dirty (day_table, day)
     SELECT DISTINCT '${table}', column1 FROM (VALUES ${startTimes.map((t) => `(${t} / ${DAY_MS})`).join(', ')})
     WHERE column1 NOT IN (SELECT day FROM activity_days_dirty WHERE day_table = '${table}');`;

/** A changed value, NULLs included. */
const changed = (columns: readonly string[]) => columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');

/** The calls columns `call_days` reads (store/day-totals.ts): a change to any other leaves it as it is. */
const CALL_COLUMNS = [
  'connection_id',
  'user_id',
  'user_name',
  'handler_kind',
  'started_at_ms',
  'direction',
  'status',
  'talk_seconds',
  'summary',
  'has_transcript',
  'is_test',
  'deleted_at_ms',
  'gone_at_ms',
];
/** The calls columns `tracker_days` reads beside the hits (the hits' start time follows the call's by a trigger of migration 10). */
const CALL_COLUMNS_FOR_TRACKERS = ['connection_id', 'user_id', 'started_at_ms', 'is_test', 'deleted_at_ms', 'gone_at_ms'];
const CONVERSATION_COLUMNS = [
  'connection_id',
  'user_id',
  'started_at_ms',
  'is_test',
  'is_deleted',
  'basis',
  'our_amount',
  'total_amount',
  'longest_monologue',
  'questions_asked',
  'contact_longest_answer',
];

/**
 * Day totals (issue #14: the Activity screen on a million calls): per UTC day
 * and person, the figures Activity sums from calls (`call_days`), from the
 * conversation figures (`conversation_days`) and from tracker hits
 * (`tracker_days`), so a range reads a row per person per day instead of every
 * call (store/activity-days.ts says how a read stays exact).
 * - Triggers mark a day as not current in `activity_days_dirty`, per day
 *   table, when a call, its conversation figures or its tracker hits change,
 *   in the writer's transaction (a tracker's new hits leave the other two
 *   tables current). Marking
 *   costs one small insert per written row; the summing is done later, off the
 *   window's thread (store/day-totals.ts).
 * - `is_deleted` keeps the calls deleted or gone at the vendor apart, for
 *   Activity's "leave out deleted calls". Test calls are never summed.
 * - The days already stored are marked here, and summed by migration 15.
 * New tables and triggers only: nothing stored changes, so no copy is made.
 */
export const dayTotals: Migration = {
  version: 14,
  name: 'day-totals',
  up(db) {
    db.exec(`
      CREATE TABLE activity_days_dirty (
        day_table TEXT NOT NULL CHECK (day_table IN ('call_days', 'conversation_days', 'tracker_days')),
        day       INTEGER NOT NULL,
        PRIMARY KEY (day_table, day)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE call_days (
        day INTEGER NOT NULL, connection_id INTEGER NOT NULL, user_id TEXT, handler_kind TEXT NOT NULL,
        is_deleted INTEGER NOT NULL, user_name TEXT,
        inbound_calls INTEGER NOT NULL, inbound_seconds INTEGER NOT NULL, outbound_calls INTEGER NOT NULL,
        outbound_seconds INTEGER NOT NULL, missed_calls INTEGER NOT NULL, no_answer_calls INTEGER NOT NULL,
        call_summaries INTEGER NOT NULL, transcription_seconds INTEGER NOT NULL
      ) STRICT;
      -- Covering, in the order reads sum them (store/activity-days.ts: summedDayRows), so no read sorts day rows:
      -- per person for the totals, per day and kind for the charts (and by day for a refresh's delete).
      CREATE INDEX call_days_by_person ON call_days (connection_id, user_id, handler_kind, day, is_deleted, user_name,
        inbound_calls, inbound_seconds, outbound_calls, outbound_seconds, missed_calls, no_answer_calls, call_summaries, transcription_seconds);
      CREATE INDEX call_days_by_day_and_kind ON call_days (day, handler_kind, connection_id, is_deleted, inbound_calls, outbound_calls);

      CREATE TABLE conversation_days (
        day INTEGER NOT NULL, connection_id INTEGER NOT NULL, user_id TEXT, is_deleted INTEGER NOT NULL,
        calls INTEGER NOT NULL, timed_calls INTEGER NOT NULL, word_calls INTEGER NOT NULL,
        our_ms INTEGER NOT NULL, total_ms INTEGER NOT NULL, our_words INTEGER NOT NULL, total_words INTEGER NOT NULL,
        questions_asked INTEGER NOT NULL, longest_monologue_ms INTEGER, longest_monologue_words INTEGER,
        contact_longest_answer_ms INTEGER, contact_longest_answer_words INTEGER
      ) STRICT;
      CREATE INDEX conversation_days_by_day ON conversation_days (day);
      CREATE INDEX conversation_days_by_person ON conversation_days (connection_id, user_id, day, is_deleted, calls, timed_calls, word_calls,
        our_ms, total_ms, our_words, total_words, questions_asked, longest_monologue_ms, longest_monologue_words,
        contact_longest_answer_ms, contact_longest_answer_words);

      CREATE TABLE tracker_days (
        day INTEGER NOT NULL, connection_id INTEGER NOT NULL, user_id TEXT, tracker_id INTEGER NOT NULL,
        is_deleted INTEGER NOT NULL, calls INTEGER NOT NULL, ours_calls INTEGER NOT NULL, contact_calls INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX tracker_days_by_day ON tracker_days (day);
      CREATE INDEX tracker_days_by_person ON tracker_days (connection_id, user_id, tracker_id, day, is_deleted, calls, ours_calls, contact_calls);

      -- A call's conversation figures and tracker hits mark their own days (their triggers below), also when a
      -- call's removal takes them with it (ON DELETE CASCADE fires their triggers).
      CREATE TRIGGER day_totals_on_call_insert AFTER INSERT ON calls BEGIN ${markDays('call_days', 'NEW.started_at_ms')} END;
      CREATE TRIGGER day_totals_on_call_delete AFTER DELETE ON calls BEGIN ${markDays('call_days', 'OLD.started_at_ms')} END;
      CREATE TRIGGER day_totals_on_call_update AFTER UPDATE OF ${CALL_COLUMNS.join(', ')} ON calls
        WHEN ${changed(CALL_COLUMNS)}
        BEGIN ${markDays('call_days', 'OLD.started_at_ms', 'NEW.started_at_ms')} END;
      CREATE TRIGGER day_totals_on_call_update_for_trackers AFTER UPDATE OF ${CALL_COLUMNS_FOR_TRACKERS.join(', ')} ON calls
        WHEN ${changed(CALL_COLUMNS_FOR_TRACKERS)}
        BEGIN ${markDays('tracker_days', 'OLD.started_at_ms', 'NEW.started_at_ms')} END;

      -- The copies of the call's facts on call_conversation follow the call (migration 11's trigger), firing this.
      CREATE TRIGGER day_totals_on_conversation_insert AFTER INSERT ON call_conversation BEGIN ${markDays('conversation_days', 'NEW.started_at_ms')} END;
      CREATE TRIGGER day_totals_on_conversation_delete AFTER DELETE ON call_conversation BEGIN ${markDays('conversation_days', 'OLD.started_at_ms')} END;
      CREATE TRIGGER day_totals_on_conversation_update AFTER UPDATE ON call_conversation
        WHEN ${changed(CONVERSATION_COLUMNS)}
        BEGIN ${markDays('conversation_days', 'OLD.started_at_ms', 'NEW.started_at_ms')} END;

      CREATE TRIGGER day_totals_on_hit_insert AFTER INSERT ON call_tracker_hits BEGIN ${markDays('tracker_days', 'NEW.started_at_ms')} END;
      CREATE TRIGGER day_totals_on_hit_delete AFTER DELETE ON call_tracker_hits BEGIN ${markDays('tracker_days', 'OLD.started_at_ms')} END;
    `);
    // Summed by migration 15, which runs next: the refresh also sums the week rows it adds. (Until
    // that migration it was summed here; a database at 14 has its days summed, 15 adds its weeks.)
    markEveryDayDirty(db);
  },
};
