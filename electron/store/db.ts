import type Database from 'better-sqlite3';

/**
 * An open SQLite connection. In a module of its own so the store's modules can name it without
 * importing database.ts, which imports the migrations, some of which use those modules.
 */
export type Db = Database.Database;
