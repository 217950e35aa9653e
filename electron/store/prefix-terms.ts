import type { Db } from './db';
import { longPrefixes, type PrefixTerms } from './search-text';
import { prepared } from './statements';

/**
 * FTS5 answers a prefix its prefix index does not cover (four letters or
 * more: `interv*`) by merging the lists of every term that starts with it
 * into one, in full, before it returns a row: ~0.1 s on a million calls when
 * the terms are common. The same prefix written as its terms joined by OR is
 * the same set of calls, and FTS5 reads each list lazily, newest first: a
 * first page costs what a common word's does. The terms come from the index's
 * own vocabulary (fts5vocab, a read-only view of calls_fts); past MAX_TERMS the
 * OR would cost more than the merge, and the prefix is left as it is.
 */
const MAX_TERMS = 24;

/** One per connection, in its temp schema: a view of the index, nothing stored. */
function ensureVocabulary(db: Db): void {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.calls_fts_terms USING fts5vocab(main, 'calls_fts', 'row')`);
}

/** The next string after every string starting with `prefix`, for a range scan. */
const pastPrefix = (prefix: string): string => prefix.slice(0, -1) + String.fromCodePoint((prefix.codePointAt(prefix.length - 1) ?? 0) + 1);

export function prefixTerms(db: Db, search: string | undefined): PrefixTerms {
  const prefixes = longPrefixes(search ?? '');
  const terms = new Map<string, string[]>();
  if (prefixes.length === 0) return terms;
  ensureVocabulary(db);
  const lookup = prepared<[string, string, number], string>(db, `SELECT term FROM temp.calls_fts_terms WHERE term >= ? AND term < ? LIMIT ?`).pluck();
  for (const prefix of prefixes) {
    const found = lookup.all(prefix, pastPrefix(prefix), MAX_TERMS + 1);
    if (found.length > 0 && found.length <= MAX_TERMS) terms.set(prefix, found);
  }
  return terms;
}
