import type { Migration } from './migration';

/**
 * Indexes for a fast first page on a million calls (ARCHITECTURE.md, "Search
 * speed and relevance"):
 * - `calls_fts` again, with a prefix index of three characters: `sal*` then
 *   reads one stored list instead of merging every term that starts with "sal"
 *   (20-60 ms per use on a million calls). Same columns, content and
 *   tokenizer, so the triggers of migration 3 keep it in step unchanged.
 * - Sorting by user name reads (name, start time) in order, like the other
 *   sortable columns, instead of sorting every call.
 */
export const searchAndSortIndexes: Migration = {
  version: 6,
  name: 'search-and-sort-indexes',
  up(db) {
    db.exec(`
      DROP TABLE calls_fts;
      CREATE VIRTUAL TABLE calls_fts USING fts5(
        contact_name, user_name, summary, transcript,
        content = 'call_search_source', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '3'
      );
      INSERT INTO calls_fts (calls_fts) VALUES ('rebuild');

      CREATE INDEX calls_by_user_name ON calls (user_name COLLATE NOCASE, started_at_ms);
    `);
  },
};
