import type { Migration } from './migration';

/**
 * The first schema: connections, calls in one normalized shape for all vendors,
 * transcripts with their utterances, per-user daily activity and sync state.
 * Times are Unix epoch milliseconds in UTC (`*_ms`); durations are seconds.
 */
export const coreTables: Migration = {
  version: 1,
  name: 'core-tables',
  up(db) {
    db.exec(`
      -- A vendor account the user connected. Never a key: keys live in the OS keychain.
      CREATE TABLE connections (
        id            INTEGER PRIMARY KEY,
        vendor        TEXT NOT NULL CHECK (vendor IN ('talentlynk', 'talkpilot', 'talkover', 'highlevel', 'talknex')),
        label         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(label)) > 0),
        settings_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings_json)),
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE calls (
        id                  INTEGER PRIMARY KEY,
        connection_id       INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        vendor_call_id      TEXT NOT NULL,
        direction           TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'unknown')),
        status              TEXT NOT NULL CHECK (status IN
                              ('answered', 'missed', 'no_answer', 'voicemail', 'busy', 'failed', 'in_progress', 'unknown')),
        vendor_status       TEXT,
        started_at_ms       INTEGER NOT NULL,
        ended_at_ms         INTEGER,
        talk_seconds        INTEGER CHECK (talk_seconds >= 0),
        total_seconds       INTEGER CHECK (total_seconds >= 0),
        handler_kind        TEXT NOT NULL CHECK (handler_kind IN ('recruiter', 'ai_agent')),
        user_id             TEXT,
        user_name           TEXT,
        user_email          TEXT,
        user_number         TEXT,
        contact_name        TEXT,
        contact_number      TEXT,
        contact_type        TEXT,
        summary             TEXT,
        score               REAL,
        sentiment           TEXT,
        has_transcript      INTEGER NOT NULL DEFAULT 0 CHECK (has_transcript IN (0, 1)),
        is_purged           INTEGER NOT NULL DEFAULT 0 CHECK (is_purged IN (0, 1)),
        deleted_at_ms       INTEGER,
        recording_url       TEXT,
        recording_url_expires_at_ms INTEGER,
        vendor_updated_at_ms INTEGER,
        raw_json            TEXT NOT NULL CHECK (json_valid(raw_json)),
        -- When this row last changed here: an upsert of identical data leaves it alone.
        changed_at_ms       INTEGER NOT NULL,
        UNIQUE (connection_id, vendor_call_id)
      ) STRICT;

      CREATE TABLE transcripts (
        call_id          INTEGER PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
        status           TEXT NOT NULL CHECK (status IN ('processing', 'completed', 'error')),
        language_code    TEXT,
        confidence       REAL,
        duration_seconds REAL,
        error            TEXT,
        -- The whole conversation, one "speaker: text" line per turn; what search and copy read.
        full_text        TEXT,
        raw_json         TEXT NOT NULL CHECK (json_valid(raw_json)),
        fetched_at_ms    INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE utterances (
        call_id    INTEGER NOT NULL REFERENCES transcripts (call_id) ON DELETE CASCADE,
        position   INTEGER NOT NULL CHECK (position >= 0),
        speaker    TEXT NOT NULL,
        role       TEXT NOT NULL CHECK (role IN ('recruiter', 'agent', 'contact', 'unknown')),
        text       TEXT NOT NULL,
        start_ms   INTEGER,
        end_ms     INTEGER,
        confidence REAL,
        PRIMARY KEY (call_id, position)
      ) STRICT, WITHOUT ROWID;

      -- One user's activity on one UTC day, so any range can be summed offline.
      CREATE TABLE user_activity (
        connection_id          INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        user_id                TEXT NOT NULL,
        day                    TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        user_name              TEXT,
        user_email             TEXT,
        inbound_calls          INTEGER NOT NULL,
        inbound_seconds        INTEGER NOT NULL,
        outbound_calls         INTEGER NOT NULL,
        outbound_seconds       INTEGER NOT NULL,
        missed_calls           INTEGER NOT NULL,
        no_answer_calls        INTEGER NOT NULL,
        call_summaries         INTEGER NOT NULL,
        call_summaries_synced  INTEGER NOT NULL,
        inbound_sms            INTEGER NOT NULL,
        outbound_sms           INTEGER NOT NULL,
        spent_sms_credits      REAL NOT NULL,
        inbound_whatsapp       INTEGER NOT NULL,
        outbound_whatsapp      INTEGER NOT NULL,
        inbound_emails         INTEGER NOT NULL,
        outbound_emails        INTEGER NOT NULL,
        transcription_seconds  INTEGER NOT NULL,
        raw_json               TEXT NOT NULL CHECK (json_valid(raw_json)),
        changed_at_ms          INTEGER NOT NULL,
        PRIMARY KEY (connection_id, user_id, day)
      ) STRICT;

      CREATE TABLE sync_runs (
        id                    INTEGER PRIMARY KEY,
        connection_id         INTEGER REFERENCES connections (id) ON DELETE CASCADE,
        status                TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'cancelled')),
        started_at_ms         INTEGER NOT NULL,
        finished_at_ms        INTEGER,
        calls_written         INTEGER NOT NULL DEFAULT 0,
        transcripts_written   INTEGER NOT NULL DEFAULT 0,
        activity_rows_written INTEGER NOT NULL DEFAULT 0,
        warning_count         INTEGER NOT NULL DEFAULT 0,
        error_message         TEXT
      ) STRICT;

      -- A record a vendor sent that could not be read: kept with its payload so nothing is silently lost.
      CREATE TABLE sync_warnings (
        id               INTEGER PRIMARY KEY,
        run_id           INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
        stream           TEXT NOT NULL CHECK (stream IN ('calls', 'transcripts', 'activity')),
        vendor_record_id TEXT,
        message          TEXT NOT NULL,
        raw_json         TEXT,
        created_at_ms    INTEGER NOT NULL
      ) STRICT;

      -- How far each stream of each connection is complete. Moves only in the
      -- transaction that wrote the data it covers.
      CREATE TABLE sync_checkpoints (
        connection_id      INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        stream             TEXT NOT NULL CHECK (stream IN ('calls', 'transcripts', 'activity')),
        synced_through_ms  INTEGER NOT NULL,
        updated_at_ms      INTEGER NOT NULL,
        PRIMARY KEY (connection_id, stream)
      ) STRICT, WITHOUT ROWID;

      -- Small JSON values by key: the user's settings (settings.<name>) and the app's own records
      -- (the database id, the demo, keys left in the keychain). The calls table's view is kept by
      -- the page (localStorage), not here.
      CREATE TABLE app_settings (
        key        TEXT PRIMARY KEY,
        value_json TEXT NOT NULL CHECK (json_valid(value_json))
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
