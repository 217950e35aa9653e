import type { CallListQuery, CallRow } from '../../shared/calls';
import { LIST_LIMITS, planCallList } from './call-list-plan';
import { prefixTerms } from './prefix-terms';
import { CALL_ROW_SELECT, rowToCall, type CallRowRecord } from './call-fields';
import type { Db } from './db';

const CHUNK = 1_000;

/**
 * Every call a query selects (its filters, search and sort, without paging),
 * in chunks. The ids are first stored in order in a temporary table, so no
 * statement stays open between chunks: a long export that waits on the disk
 * never blocks the window's own queries on the same connection.
 */
export function* selectedCalls(db: Db, query: CallListQuery): Generator<CallRow[]> {
  const plan = planCallList(query, LIST_LIMITS, prefixTerms(db, query.search));
  if (plan.kind === 'matches-nothing') return;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS selected_calls (position INTEGER PRIMARY KEY, call_id INTEGER NOT NULL)`);
  db.exec(`DELETE FROM temp.selected_calls`);
  // Positions run from 1 in the ids' order: the table was just emptied, and a rowid is one past the largest.
  const { changes: selected } = db.prepare(`INSERT INTO temp.selected_calls (call_id) ${plan.ids.text}`).run(plan.ids.params);
  const chunk = db.prepare<[number, number], CallRowRecord>(
    `SELECT ${CALL_ROW_SELECT} FROM temp.selected_calls s JOIN calls c ON c.id = s.call_id
     JOIN connections k ON k.id = c.connection_id WHERE s.position > ? AND s.position <= ? ORDER BY s.position`,
  );
  try {
    for (let after = 0; after < selected; after += CHUNK) {
      // A call removed since (its connection deleted) is left out: a chunk may then be short, or empty.
      const rows = chunk.all(after, after + CHUNK);
      if (rows.length) yield rows.map(rowToCall);
    }
  } finally {
    db.exec(`DELETE FROM temp.selected_calls`);
  }
}
