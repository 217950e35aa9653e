import type { CallPage } from '../../shared/calls';
import type { Db } from './db';
import type { Params } from './sql';
import { prepared } from './statements';

/**
 * Snippets only for the rows on the page: cheap, however many calls matched.
 * Looking a row up by rowid sets the whole query up again (0.1-0.2 ms on a
 * large index, far more for a prefix, whose matching terms are merged each
 * time). Ranked pages hold nearby ids, so one scan between the page's lowest
 * and highest id is cheaper; other orders spread over the whole table.
 */
export function attachSnippets(db: Db, rows: CallPage['rows'], words: string, nearbyIds: boolean): void {
  const ids = rows.map((r) => r.id);
  const scan = nearbyIds || /\*( |$)/.test(words);
  // CAST: FTS5 ignores a rowid bound that is not an INTEGER, and JavaScript numbers bind as REAL.
  const lookup = scan
    ? '+rowid IN (SELECT value FROM json_each(@ids)) AND rowid BETWEEN CAST(@min AS INTEGER) AND CAST(@max AS INTEGER)'
    : 'rowid IN (SELECT value FROM json_each(@ids))';
  const snippets = prepared<[Params], { id: number; snippet: string }>(
    db,
    `SELECT rowid AS id, snippet(calls_fts, -1, char(2), char(3), '…', 16) AS snippet FROM calls_fts WHERE calls_fts MATCH @words AND ${lookup}`,
  ).all({ words, ids: JSON.stringify(ids), ...(scan ? { min: Math.min(...ids), max: Math.max(...ids) } : {}) });
  const byId = new Map(snippets.map((s) => [s.id, s.snippet]));
  for (const row of rows) {
    const snippet = byId.get(row.id);
    if (snippet) row.snippet = snippet;
  }
}
