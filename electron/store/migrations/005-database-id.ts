import type { Migration } from './migration';

/**
 * A random id for this database file. Keychain entries are named by it, so two
 * databases (the app's, a CLI `--db`, a test's) never share a connection's key
 * even though their connection ids both start at 1.
 */
export const databaseId: Migration = {
  version: 5,
  name: 'database-id',
  up(db) {
    db.exec(`INSERT INTO app_settings (key, value_json) VALUES ('database_id', json_quote(lower(hex(randomblob(16)))))`);
  },
};
