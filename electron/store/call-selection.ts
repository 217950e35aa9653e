import type { CallListQuery, CallRow } from '../../shared/calls';
import { callListSql } from './call-list';
import { prefixTerms } from './prefix-terms';
import { CALL_ROW_SELECT, rowToCall, type CallRowRecord } from './calls';
import type { Db } from './db';

const CHUNK = 1_000;

/**
 * Every call a query selects (its filters, search and sort, without paging),
 * in chunks. The ids are first stored in order in a temporary table, so no
 * statement stays open between chunks: a long export that waits on the disk
 * never blocks the window's own queries on the same connection.
 */
export function* selectedCalls(db: Db, query: CallListQuery): Generator<CallRow[]> {
  const { idsSql, params, matchesNothing } = callListSql(query, undefined, prefixTerms(db, query.search));
  if (matchesNothing) return;
  const { limit, offset, ...selection } = params; // the whole selection, not one page
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS selected_calls (position INTEGER PRIMARY KEY, call_id INTEGER NOT NULL)`);
  db.exec(`DELETE FROM temp.selected_calls`);
  db.prepare(`INSERT INTO temp.selected_calls (call_id) ${idsSql}`).run(selection);
  const chunk = db.prepare<[number, number], CallRowRecord & { position: number }>(
    `SELECT s.position, ${CALL_ROW_SELECT} FROM temp.selected_calls s JOIN calls c ON c.id = s.call_id
     JOIN connections k ON k.id = c.connection_id WHERE s.position > ? ORDER BY s.position LIMIT ?`,
  );
  try {
    for (let after = 0; ; ) {
      const rows = chunk.all(after, CHUNK);
      if (!rows.length) return;
      after = rows[rows.length - 1]?.position ?? after;
      yield rows.map(rowToCall);
    }
  } finally {
    db.exec(`DELETE FROM temp.selected_calls`);
  }
}
