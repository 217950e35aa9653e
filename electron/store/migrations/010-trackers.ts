import type { Migration } from './migration';

/**
 * Trackers: named lists of words and phrases ("Compensation: salary, pay,
 * rate") and, per call, which trackers its transcript hit and on which side
 * (ours: a recruiter's or AI agent's turn; contact: the person called).
 * - `trackers.name` is unique whatever its ASCII case (the store also refuses
 *   names equal in any case or accent form, with a clear message).
 * - `call_tracker_hits`: one row per call, tracker and side. It goes with its
 *   call and with its tracker (ON DELETE CASCADE) and, through the trigger,
 *   with the call's transcript (a purge, a call found gone). It keeps the
 *   call's start time so the per-person counts of a date range read the hits
 *   of that range alone (30 days of a million calls in an index range), not
 *   every call of the range; the trigger on calls keeps it in step.
 * - Indexes: the primary key serves "which trackers did this call hit" (the
 *   calls table's filter and the workbook column); `_by_tracker` serves a
 *   tracker's own hits (its recompute, its removal); `_by_start` the counts (in its order a call's hits are
 *   together, so they are grouped per call without a sort).
 * All additive: no table is changed.
 */
export const trackers: Migration = {
  version: 10,
  name: 'trackers',
  up(db) {
    db.exec(`
      CREATE TABLE trackers (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
        phrases_json  TEXT NOT NULL CHECK (json_valid(phrases_json) AND json_type(phrases_json) = 'array' AND json_array_length(phrases_json) > 0),
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE call_tracker_hits (
        call_id       INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        tracker_id    INTEGER NOT NULL REFERENCES trackers (id) ON DELETE CASCADE,
        side          TEXT NOT NULL CHECK (side IN ('ours', 'contact')),
        started_at_ms INTEGER NOT NULL,
        PRIMARY KEY (call_id, tracker_id, side)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX call_tracker_hits_by_tracker ON call_tracker_hits (tracker_id, call_id);
      CREATE INDEX call_tracker_hits_by_start ON call_tracker_hits (started_at_ms, call_id, tracker_id, side);

      -- Hits are found in the transcript: without one (purged, gone, replaced by "processing") there are none.
      CREATE TRIGGER call_tracker_hits_on_transcript_delete AFTER DELETE ON transcripts BEGIN
        DELETE FROM call_tracker_hits WHERE call_id = old.call_id;
      END;
      CREATE TRIGGER call_tracker_hits_on_call_start AFTER UPDATE OF started_at_ms ON calls
        WHEN new.started_at_ms IS NOT old.started_at_ms BEGIN
        UPDATE call_tracker_hits SET started_at_ms = new.started_at_ms WHERE call_id = new.id;
      END;
    `);
  },
};
