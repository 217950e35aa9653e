import type { Db } from '../db';

/** One schema version: `up` moves a database from `version - 1` to `version`. */
export interface Migration {
  version: number;
  name: string;
  /** Existing tables it changes in place: the file is copied before it runs. */
  alters?: readonly string[];
  /**
   * Existing tables it rebuilds with `rebuildTable`: the file is copied first,
   * and it runs with foreign keys off, checked before commit.
   */
  rebuilds?: readonly string[];
  up(db: Db): void;
}
