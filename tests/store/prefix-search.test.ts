import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START, CallListRequestSchema } from '../../shared/calls';
import { countCalls, listCalls } from '../../electron/store/call-list';
import { selectedCalls } from '../../electron/store/call-selection';
import { upsertCalls } from '../../electron/store/calls';
import type { Db } from '../../electron/store/db';
import { prefixTerms } from '../../electron/store/prefix-terms';
import { makeCall } from '../helpers/fixtures';
import { storeWithConnection } from '../helpers/store';

/**
 * A prefix longer than the index's three letters is searched as the words the
 * index holds with that prefix, joined by OR: the same calls as FTS5's own
 * prefix query, read lazily. These tests compare the two.
 */

const WORDS = ['interview', 'interviewed', 'Interviewer', 'intervention', 'Intervál', 'interval', 'internal', 'salary'];

function store(): Db {
  const { db, connectionId } = storeWithConnection();
  upsertCalls(
    db,
    connectionId,
    Array.from({ length: 120 }, (_, n) => makeCall(n, { summary: `Call about the ${WORDS[n % WORDS.length]} (${n})`, contactName: `Contact ${n}` })),
  );
  return db;
}

/** What FTS5's own prefix query finds, newest first. */
const fts5Prefix = (db: Db, prefix: string) =>
  (db.prepare(`SELECT rowid FROM calls_fts WHERE calls_fts MATCH ? ORDER BY rowid DESC`).pluck().all(`"${prefix}"*`) as number[]).map((rowid) =>
    db.prepare(`SELECT vendor_call_id FROM calls WHERE id = ?`).pluck().get(rowid),
  );

const query = (search: string) => CallListRequestSchema.parse({ search, sort: { column: 'startedAt', direction: 'desc' }, limit: 500 });

describe('searching a long prefix', () => {
  it('finds exactly the calls of the prefix query, as the words the index holds with it', () => {
    const db = store();
    expect(prefixTerms(db, 'interv*').get('interv')).toEqual(['interval', 'intervention', 'interview', 'interviewed', 'interviewer']);
    for (const prefix of ['interv', 'intervi', 'interval', 'inte']) {
      const ids = listCalls(db, query(`${prefix}*`)).rows.map((r) => r.vendorCallId);
      expect(ids).toEqual(fts5Prefix(db, prefix));
      expect(countCalls(db, query(`${prefix}*`))).toBe(ids.length);
      expect([...selectedCalls(db, query(`${prefix}*`))].flat().map((r) => r.vendorCallId)).toEqual(ids);
    }
    db.close();
  });

  it('folds case and accents as the index does, highlights the words, and a prefix nothing has finds nothing', () => {
    const db = store();
    expect(listCalls(db, query('INTERVA*')).rows.map((r) => r.vendorCallId)).toEqual(fts5Prefix(db, 'interva'));
    const [hit] = listCalls(db, query('interv* salary')).rows;
    expect(hit).toBeUndefined();
    const [first] = listCalls(db, query('interviewe*')).rows;
    expect(first?.snippet).toMatch(new RegExp(`${HIGHLIGHT_START}interview(ed|er)${HIGHLIGHT_END}`, 'i'));
    expect(listCalls(db, query('zzzz*')).rows).toEqual([]);
    db.close();
  });

  it('leaves a prefix with very many words to FTS5 (the OR would cost more), with the same result', () => {
    const { db, connectionId } = storeWithConnection();
    upsertCalls(
      db,
      connectionId,
      Array.from({ length: 60 }, (_, n) => makeCall(n, { summary: `Reference refx${n.toString(36)}q for the file` })),
    );
    expect(prefixTerms(db, 'refx*').has('refx')).toBe(false);
    expect(listCalls(db, query('refx*')).rows.map((r) => r.vendorCallId)).toEqual(fts5Prefix(db, 'refx'));
    db.close();
  });
});
