import { describe, expect, it } from 'vitest';
import { CallListRequestSchema, type CallFields, type CallListRequest } from '../../shared/calls';
import { countCalls, listCalls } from '../../electron/store/call-list';
import { LIST_LIMITS, planCallList, type ListLimits } from '../../electron/store/call-list-plan';
import { selectedCalls } from '../../electron/store/call-selection';
import { findCallId, upsertCalls } from '../../electron/store/calls';
import type { Db } from '../../electron/store/db';
import { saveTranscript } from '../../electron/store/transcripts';
import { makeCall, makeTranscript } from '../helpers/fixtures';
import { storeWithConnection } from '../helpers/store';

/**
 * How search ranks and counts once a store is large (see ListLimits). The
 * limits are shrunk so a few dozen calls take the paths a million calls take.
 */
const SMALL: ListLimits = { rareWord: 4, newestRanked: 5, count: 6, matchScan: 12 };
const RELEVANCE = { sort: { column: 'relevance', direction: 'asc' } } as const;

const parse = (request: CallListRequest) => CallListRequestSchema.parse({ ...RELEVANCE, ...request });
const list = (db: Db, request: CallListRequest, limits = SMALL) => listCalls(db, parse(request), limits);
const ids = (db: Db, request: CallListRequest, limits = SMALL) => list(db, request, limits).rows.map((r) => r.vendorCallId);
/** Every call an export of the same query writes, in order: exports run the plan's `ids` (electron/store/call-selection.ts). */
function exported(db: Db, request: CallListRequest, limits = SMALL): string[] {
  const plan = planCallList(parse(request), limits);
  if (plan.kind === 'matches-nothing') return [];
  const order = db.prepare(plan.ids.text).pluck().all(plan.ids.params) as number[];
  return order.map((id) => db.prepare(`SELECT vendor_call_id FROM calls WHERE id = ?`).pluck().get(id) as string);
}
/** The whole list, read page by page as the table scrolls. */
function paged(db: Db, request: CallListRequest, pageSize: number, limits = SMALL): string[] {
  const seen: string[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = list(db, { ...request, offset, limit: pageSize }, limits);
    seen.push(...page.rows.map((r) => r.vendorCallId));
    if (page.rows.length < pageSize) return seen;
  }
}

/** The full bm25 ranking, computed the plain way, newest stored first among equals. */
function fullBm25(db: Db, words: string): string[] {
  return db
    .prepare(
      `SELECT c.vendor_call_id FROM calls_fts f JOIN calls c ON c.id = f.rowid WHERE calls_fts MATCH ?
       ORDER BY bm25(calls_fts, 4.0, 3.0, 2.0, 1.0), c.id DESC`,
    )
    .pluck()
    .all(words) as string[];
}

function store(calls: CallFields[], transcripts: Record<number, string> = {}) {
  const { db, connectionId } = storeWithConnection();
  upsertCalls(db, connectionId, calls);
  for (const [n, text] of Object.entries(transcripts)) {
    saveTranscript(db, findCallId(db, connectionId, `call_${n}`)!, makeTranscript([['A', text]]));
  }
  return db;
}

/** Twelve calls that mention "interview" in different places and amounts; a few also "relocation". */
function interviews() {
  const calls = Array.from({ length: 12 }, (_, n) =>
    makeCall(n, {
      contactName: n === 2 ? 'Ivy Interview' : `Contact ${n}`,
      summary: n % 3 === 0 ? `Interview booked, interview confirmed (${n})` : `Spoke about the role (${n})`,
    }),
  );
  const transcripts: Record<number, string> = {};
  for (let n = 0; n < 12; n++) transcripts[n] = n % 4 === 1 ? 'The interview is on Friday, and relocation is paid.' : 'We talked about the interview.';
  return store(calls, transcripts);
}

describe('relevance on a large store', () => {
  it('ranks every match with bm25 when each word is rare, exactly as a full bm25 ranking does', () => {
    const db = interviews();
    expect(ids(db, { search: 'interview' }, LIST_LIMITS)).toEqual(fullBm25(db, '"interview"'));
    expect(ids(db, { search: 'relocation friday' }, LIST_LIMITS)).toEqual(fullBm25(db, '"relocation" "friday"'));
    db.close();
  });

  it('with a rare and a common word, ranks all matches by the rare word', () => {
    const db = interviews();
    // "interview" is in all 12 calls (common under SMALL), "relocation" in 3 (rare).
    const ranked = ids(db, { search: 'interview relocation' });
    expect(ranked).toEqual(fullBm25(db, '"relocation"'));
    expect(ranked).toHaveLength(3);
    db.close();
  });

  it('with only common words, ranks the newest matches by where the words are (name, summary, transcript), then the rest newest first', () => {
    const db = interviews();
    const all = ids(db, { search: 'interview', limit: 100 });
    // The five newest matches (ids 12..8 = call_11..call_7): summary mentions (call_9) first, then transcripts, newest first.
    expect(all.slice(0, 5)).toEqual(['call_9', 'call_11', 'call_10', 'call_8', 'call_7']);
    // Then the rest, newest stored first: the name match (call_2) is older than the ranked ones.
    expect(all.slice(5)).toEqual(['call_6', 'call_5', 'call_4', 'call_3', 'call_2', 'call_1', 'call_0']);
    // A name among the newest comes first.
    const db2 = store([
      ...Array.from({ length: 10 }, (_, n) => makeCall(n, { summary: 'interview' })),
      makeCall(10, { contactName: 'Ivy Interview', summary: null }),
      makeCall(11, { summary: 'interview' }),
    ]);
    expect(ids(db2, { search: 'interview' })[0]).toBe('call_10');
    db.close();
    db2.close();
  });

  it('puts phone-number matches first, the newest ones ranked', () => {
    const db = store(
      Array.from({ length: 10 }, (_, n) =>
        makeCall(n, { contactNumber: `+44 7700 900${String(n).padStart(3, '0')}`, summary: n === 4 ? 'call back on 7700 900 please' : null }),
      ),
    );
    const found = ids(db, { search: '7700 900', limit: 100 });
    expect(new Set(found).size).toBe(10);
    expect(found.slice(0, 5)).toEqual(['call_9', 'call_8', 'call_7', 'call_6', 'call_5']);
    db.close();
  });

  it('finds a whole number typed out, and not another number ending the same way', () => {
    const db = store([
      makeCall(1, { contactNumber: '+44 7700 900123' }),
      makeCall(2, { contactNumber: '+33 7700 900123' }),
      makeCall(3, { contactNumber: null, userNumber: '+44 7700 900123' }),
    ]);
    expect(ids(db, { search: '+44 7700 900123' }).sort()).toEqual(['call_1', 'call_3']);
    expect(ids(db, { search: '7700 900123' }).sort()).toEqual(['call_1', 'call_2', 'call_3']);
    db.close();
  });

  it('searches a long prefix with one completion as that word: same calls, same order as the export of the prefix', () => {
    const db = interviews();
    db.prepare(`UPDATE calls SET summary = 'Booking made' WHERE vendor_call_id = 'call_4'`).run();
    for (const limits of [SMALL, LIST_LIMITS]) {
      expect(ids(db, { search: 'Interv*', limit: 100 }, limits)).toEqual(exported(db, { search: 'Interv*' }, limits));
      expect(ids(db, { search: 'interv*', limit: 100 }, limits)).toEqual(ids(db, { search: 'interview', limit: 100 }, limits));
      // Two words start with "book": the prefix is searched as typed.
      expect(ids(db, { search: 'book*', limit: 100 }, limits)).toEqual(exported(db, { search: 'book*' }, limits));
    }
    expect(ids(db, { search: 'book*' }).sort()).toEqual(['call_0', 'call_3', 'call_4', 'call_6', 'call_9']);
    db.close();
  });

  it('pages through every match exactly once, in the order an export writes them, with and without filters', () => {
    const db = interviews();
    const requests: CallListRequest[] = [
      { search: 'interview' },
      { search: 'interview', filters: { directions: ['inbound'] } },
      { search: 'interview relocation' },
      // Sorted by a column: with many matches (capped count) the page reads the sort's index instead.
      { search: 'interview', sort: { column: 'talkSeconds', direction: 'desc' } },
      { search: 'interview', sort: { column: 'connection', direction: 'asc' } },
      { search: 'interview', sort: { column: 'startedAt', direction: 'asc' }, filters: { directions: ['inbound'] } },
      { search: 'relocation', sort: { column: 'userName', direction: 'desc' } },
    ];
    for (const request of requests) {
      const exportOrder = exported(db, request);
      for (const pageSize of [1, 2, 3, 5, 7]) expect(paged(db, request, pageSize), `${JSON.stringify(request)} by ${pageSize}`).toEqual(exportOrder);
      expect(countCalls(db, parse(request), SMALL)).toBe(exportOrder.length);
    }
    expect(exported(db, { search: 'interview' })).toHaveLength(12);
    // With the app's limits, the export module writes the same calls as the table shows.
    expect([...selectedCalls(db, parse({ search: 'interview' }))].flat().map((r) => r.vendorCallId)).toEqual(
      paged(db, { search: 'interview' }, 5, LIST_LIMITS),
    );
    expect(exported(db, { search: 'interview', filters: { directions: ['inbound'] } })).toHaveLength(6);
    db.close();
  });
});

describe('counting on a large store', () => {
  it('counts up to the limit, then says the total is capped; small counts stay exact and unflagged', () => {
    const db = interviews();
    expect(list(db, { search: 'relocation' })).toMatchObject({ total: 3 });
    expect(list(db, { search: 'relocation' })).not.toHaveProperty('totalCapped');
    const capped = list(db, { search: 'interview', limit: 2 });
    expect(capped).toMatchObject({ total: SMALL.count, totalCapped: true });
    // Scrolled past the cap, the total grows with the rows seen.
    expect(list(db, { search: 'interview', offset: 7, limit: 3 })).toMatchObject({ total: 10, totalCapped: true });
    expect(list(db, {}, { ...SMALL, count: 100 })).toEqual(expect.objectContaining({ total: 12 }));
    expect(list(db, { limit: 3 })).toMatchObject({ total: SMALL.count, totalCapped: true });
    // A page that ends early is the last: its total is exact.
    expect(list(db, {})).toEqual(expect.objectContaining({ total: 12 }));
    expect(list(db, {})).not.toHaveProperty('totalCapped');
    db.close();
  });

  it('flags a count that stopped looking, when a narrow filter meets a common word', () => {
    const db = store(Array.from({ length: 30 }, (_, n) => makeCall(n, { summary: 'interview', userId: n === 3 || n === 20 ? 'rare_user' : 'user_x' })));
    // The count looks at twelve matches only and finds one of the user's two calls: the total is a lower bound.
    const page = list(db, { search: 'interview', filters: { userIds: ['rare_user'] } });
    expect(page.rows.map((r) => r.vendorCallId)).toEqual(['call_20', 'call_3']);
    expect(list(db, { search: 'interview', filters: { userIds: ['rare_user'] }, limit: 1 })).toMatchObject({ total: 1, totalCapped: true });
    expect(page).toEqual(expect.objectContaining({ total: 2 }));
    expect(countCalls(db, parse({ search: 'interview', filters: { userIds: ['rare_user'] } }))).toBe(2);
    db.close();
  });
});
