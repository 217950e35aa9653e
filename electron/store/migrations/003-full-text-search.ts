import type { Migration } from './migration';

/** Strips the punctuation people and vendors put in phone numbers, leaving the digits. */
const digitsOf = (column: string) => `replace(replace(replace(replace(replace(replace(${column}, '+', ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '')`;

/** The transcript text of a call, read while its transcript row still exists. */
const transcriptOf = (callId: string) => `(SELECT full_text FROM transcripts WHERE call_id = ${callId})`;

/**
 * Two FTS5 indexes, both external-content so no text is stored twice:
 * - `calls_fts`: words in names, summaries and transcripts, ranked with bm25.
 *   Its content is the view `call_search_source` (a call joined to its transcript).
 * - `call_numbers_fts`: the digits of both phone numbers with the trigram
 *   tokenizer, so any run of three or more digits ("7890123") finds its calls.
 * Triggers keep both in step with every insert, update and delete. An
 * external-content index must be told the exact old values to remove, so each
 * trigger passes them; `integrity-check` proves they did.
 */
export const fullTextSearch: Migration = {
  version: 3,
  name: 'full-text-search',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN contact_digits TEXT GENERATED ALWAYS AS (${digitsOf('contact_number')}) VIRTUAL;
      ALTER TABLE calls ADD COLUMN user_digits TEXT GENERATED ALWAYS AS (${digitsOf('user_number')}) VIRTUAL;

      CREATE VIEW call_search_source AS
        SELECT c.id AS id, c.contact_name, c.user_name, c.summary, t.full_text AS transcript
        FROM calls AS c LEFT JOIN transcripts AS t ON t.call_id = c.id;

      CREATE VIRTUAL TABLE calls_fts USING fts5(
        contact_name, user_name, summary, transcript,
        content = 'call_search_source', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE VIRTUAL TABLE call_numbers_fts USING fts5(
        contact_digits, user_digits,
        content = 'calls', content_rowid = 'id',
        tokenize = 'trigram'
      );

      -- calls -> calls_fts
      CREATE TRIGGER calls_fts_on_insert AFTER INSERT ON calls BEGIN
        INSERT INTO calls_fts (rowid, contact_name, user_name, summary, transcript)
        VALUES (new.id, new.contact_name, new.user_name, new.summary, ${transcriptOf('new.id')});
      END;
      CREATE TRIGGER calls_fts_on_update AFTER UPDATE OF contact_name, user_name, summary ON calls BEGIN
        INSERT INTO calls_fts (calls_fts, rowid, contact_name, user_name, summary, transcript)
        VALUES ('delete', old.id, old.contact_name, old.user_name, old.summary, ${transcriptOf('old.id')});
        INSERT INTO calls_fts (rowid, contact_name, user_name, summary, transcript)
        VALUES (new.id, new.contact_name, new.user_name, new.summary, ${transcriptOf('new.id')});
      END;
      -- BEFORE, because deleting a call cascades to its transcript, whose text the index needs.
      CREATE TRIGGER calls_fts_on_delete BEFORE DELETE ON calls BEGIN
        INSERT INTO calls_fts (calls_fts, rowid, contact_name, user_name, summary, transcript)
        VALUES ('delete', old.id, old.contact_name, old.user_name, old.summary, ${transcriptOf('old.id')});
      END;

      -- transcripts -> calls_fts (the call's document gains, changes or loses its transcript)
      CREATE TRIGGER transcripts_fts_on_insert AFTER INSERT ON transcripts BEGIN
        INSERT INTO calls_fts (calls_fts, rowid, contact_name, user_name, summary, transcript)
        SELECT 'delete', id, contact_name, user_name, summary, NULL FROM calls WHERE id = new.call_id;
        INSERT INTO calls_fts (rowid, contact_name, user_name, summary, transcript)
        SELECT id, contact_name, user_name, summary, new.full_text FROM calls WHERE id = new.call_id;
      END;
      CREATE TRIGGER transcripts_fts_on_update AFTER UPDATE OF full_text ON transcripts BEGIN
        INSERT INTO calls_fts (calls_fts, rowid, contact_name, user_name, summary, transcript)
        SELECT 'delete', id, contact_name, user_name, summary, old.full_text FROM calls WHERE id = old.call_id;
        INSERT INTO calls_fts (rowid, contact_name, user_name, summary, transcript)
        SELECT id, contact_name, user_name, summary, new.full_text FROM calls WHERE id = new.call_id;
      END;
      -- When the call itself is being deleted its document is already gone: the SELECTs find no call row.
      CREATE TRIGGER transcripts_fts_on_delete AFTER DELETE ON transcripts BEGIN
        INSERT INTO calls_fts (calls_fts, rowid, contact_name, user_name, summary, transcript)
        SELECT 'delete', id, contact_name, user_name, summary, old.full_text FROM calls WHERE id = old.call_id;
        INSERT INTO calls_fts (rowid, contact_name, user_name, summary, transcript)
        SELECT id, contact_name, user_name, summary, NULL FROM calls WHERE id = old.call_id;
      END;

      -- calls -> call_numbers_fts
      CREATE TRIGGER call_numbers_fts_on_insert AFTER INSERT ON calls BEGIN
        INSERT INTO call_numbers_fts (rowid, contact_digits, user_digits)
        VALUES (new.id, new.contact_digits, new.user_digits);
      END;
      CREATE TRIGGER call_numbers_fts_on_update AFTER UPDATE OF contact_number, user_number ON calls BEGIN
        INSERT INTO call_numbers_fts (call_numbers_fts, rowid, contact_digits, user_digits)
        VALUES ('delete', old.id, old.contact_digits, old.user_digits);
        INSERT INTO call_numbers_fts (rowid, contact_digits, user_digits)
        VALUES (new.id, new.contact_digits, new.user_digits);
      END;
      CREATE TRIGGER call_numbers_fts_on_delete AFTER DELETE ON calls BEGIN
        INSERT INTO call_numbers_fts (call_numbers_fts, rowid, contact_digits, user_digits)
        VALUES ('delete', old.id, old.contact_digits, old.user_digits);
      END;

      -- Index whatever an earlier schema version already stored.
      INSERT INTO calls_fts (calls_fts) VALUES ('rebuild');
      INSERT INTO call_numbers_fts (call_numbers_fts) VALUES ('rebuild');
    `);
  },
};
