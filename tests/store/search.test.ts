import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START, CallListRequestSchema, type CallListRequest } from '../../shared/calls';
import { listCalls } from '../../electron/store/call-list';
import { findCallId, upsertCalls } from '../../electron/store/calls';
import { removeConnection } from '../../electron/store/connections';
import type { Db } from '../../electron/store/db';
import { deleteTranscript, saveTranscript } from '../../electron/store/transcripts';
import { parseSearchText } from '../../electron/store/search-text';
import { makeCall, makeTranscript } from '../helpers/fixtures';
import { assertIndexesIntact, storeWithConnection } from '../helpers/store';

const list = (db: Db, request: CallListRequest) => listCalls(db, CallListRequestSchema.parse(request));
const found = (db: Db, search: string, extra: CallListRequest = {}) => list(db, { ...extra, search }).rows.map((r) => r.vendorCallId);

function seeded() {
  const store = storeWithConnection();
  const { db, connectionId } = store;
  upsertCalls(db, connectionId, [
    makeCall(1, { contactName: 'John Doe', contactNumber: '+447890123456', summary: 'Discussed the nursing vacancy in Leeds' }),
    makeCall(2, { contactName: 'Amélie Durand', contactNumber: '+33612345678', summary: 'Left a voicemail about the interview' }),
    makeCall(3, { contactName: 'Kwame Mensah', contactNumber: '+14155550192', summary: 'Salary expectations agreed', hasTranscript: true }),
  ]);
  const id3 = findCallId(db, connectionId, 'call_3')!;
  saveTranscript(
    db,
    id3,
    makeTranscript([
      ['A', 'Can we talk about the interview on Thursday?'],
      ['B', 'Yes, and the relocation package too.'],
    ]),
  );
  return { ...store, id3 };
}

describe('full-text search', () => {
  it('finds calls by contact name, summary and transcript words, with highlighted snippets', () => {
    const { db } = seeded();
    expect(found(db, 'john')).toEqual(['call_1']);
    expect(found(db, 'nursing leeds')).toEqual(['call_1']);
    expect(found(db, 'relocation')).toEqual(['call_3']);
    expect(found(db, 'amelie')).toEqual(['call_2']); // accents folded
    expect(found(db, 'nurs*')).toEqual(['call_1']); // prefix

    const [hit] = list(db, { search: 'relocation' }).rows;
    expect(hit?.snippet).toContain(`${HIGHLIGHT_START}relocation${HIGHLIGHT_END}`);
    db.close();
  });

  it('finds calls by any part of a phone number, typed with or without punctuation', () => {
    const { db } = seeded();
    expect(found(db, '7890123')).toEqual(['call_1']);
    expect(found(db, '+44 7890 123')).toEqual(['call_1']);
    expect(found(db, '(415) 555-0192')).toEqual(['call_3']);
    expect(found(db, '999999')).toEqual([]);
    db.close();
  });

  it('ranks a name match above a passing mention in a transcript', () => {
    const { db, connectionId } = seeded();
    upsertCalls(db, connectionId, [makeCall(4, { contactName: 'Sam Interview', summary: null })]);
    expect(found(db, 'interview', { sort: { column: 'relevance', direction: 'asc' } })[0]).toBe('call_4');
    expect(found(db, 'interview', { sort: { column: 'relevance', direction: 'asc' } }).sort()).toEqual(['call_2', 'call_3', 'call_4']);
    db.close();
  });

  it('combines search with filters and counts all matches, not just the page', () => {
    const { db } = seeded();
    expect(list(db, { search: 'interview', filters: { hasTranscript: true } }).rows.map((r) => r.vendorCallId)).toEqual(['call_3']);
    const page = list(db, { search: 'interview', limit: 1 });
    expect(page.rows).toHaveLength(1);
    expect(page.total).toBe(2);
    db.close();
  });

  it('treats any text as a literal query: no syntax errors, no operators', () => {
    const { db } = seeded();
    for (const text of ['"', '""', "john'", 'AND', 'john OR doe', 'NEAR(john doe)', 'contact_name:john', '*', '^john', '(', '-', '😀', 'a"b', '\\', '%_']) {
      expect(() => list(db, { search: text }), text).not.toThrow();
    }
    expect(found(db, 'john OR nobody')).toEqual([]); // OR is a word here, so both must match
    expect(found(db, 'contact_name:john')).toEqual([]);
    expect(found(db, '"john"')).toEqual(['call_1']);
    expect(list(db, { search: '"()"' })).toEqual({ rows: [], total: 0 });
    db.close();
  });

  it('quotes words and keeps a trailing * as a prefix', () => {
    // Joined by an explicit AND: a long prefix may become a parenthesized OR of words, which FTS5 will not AND implicitly.
    expect(parseSearchText('John "the" Doe*')).toEqual({ words: '"John" AND "the" AND "Doe"*', digits: null });
    expect(parseSearchText('+44 (0) 7890')).toEqual({ words: '"44" AND "0" AND "7890"', digits: '"4407890"' });
    expect(parseSearchText('   ')).toEqual({ words: null, digits: null });
  });
});

describe('the search index stays right through changes', () => {
  it('follows updated summaries and names', () => {
    const { db, connectionId } = seeded();
    upsertCalls(db, connectionId, [makeCall(1, { contactName: 'John Doe', contactNumber: '+447890123456', summary: 'Offer accepted' })]);
    expect(found(db, 'nursing')).toEqual([]);
    expect(found(db, 'offer')).toEqual(['call_1']);
    upsertCalls(db, connectionId, [makeCall(1, { contactName: 'Johnny Doe', contactNumber: '+441111222333', summary: 'Offer accepted' })]);
    expect(found(db, 'john')).toEqual([]);
    expect(found(db, 'johnny')).toEqual(['call_1']);
    expect(found(db, '7890123')).toEqual([]);
    expect(found(db, '1112223')).toEqual(['call_1']);
    assertIndexesIntact(db);
    db.close();
  });

  it('follows transcripts replaced and deleted (a purge)', () => {
    const { db, id3 } = seeded();
    saveTranscript(db, id3, makeTranscript([['A', 'Completely different words now']]));
    expect(found(db, 'relocation')).toEqual([]);
    expect(found(db, 'completely')).toEqual(['call_3']);
    deleteTranscript(db, id3);
    expect(found(db, 'completely')).toEqual([]);
    expect(found(db, 'salary')).toEqual(['call_3']); // the call itself is still found by its summary
    assertIndexesIntact(db);
    db.close();
  });

  it('forgets deleted calls, and everything of a removed connection', () => {
    const { db, connectionId, id3 } = seeded();
    db.prepare(`DELETE FROM calls WHERE id = ?`).run(id3);
    expect(found(db, 'relocation')).toEqual([]);
    expect(found(db, '(415) 555-0192')).toEqual([]);
    assertIndexesIntact(db);
    removeConnection(db, connectionId);
    expect(found(db, 'john')).toEqual([]);
    assertIndexesIntact(db);
    db.close();
  });

  it('integrity-check really detects an index out of step with its content', () => {
    const { db } = seeded();
    assertIndexesIntact(db);
    db.exec(`UPDATE transcripts SET full_text = 'x'`); // bypasses nothing: the trigger keeps step
    assertIndexesIntact(db);
    // Change content with a trigger missing, as a bug would: the check must notice.
    db.exec(`DROP TRIGGER calls_fts_on_update; UPDATE calls SET summary = 'stale index' WHERE vendor_call_id = 'call_1'`);
    expect(() => assertIndexesIntact(db)).toThrow(/malformed|corrupt/i);
    db.close();
  });
});

describe('listing and paging', () => {
  it('pages through every call exactly once in each sort order', () => {
    const { db, connectionId } = storeWithConnection();
    upsertCalls(
      db,
      connectionId,
      Array.from({ length: 95 }, (_, n) => makeCall(n, { talkSeconds: n % 7, contactName: n % 4 ? `Name ${n % 5}` : null })),
    );
    for (const column of ['startedAt', 'talkSeconds', 'contactName', 'userName', 'status', 'direction', 'connection', 'relevance'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        for (let offset = 0; offset < 95; offset += 10) {
          const page = list(db, { sort: { column, direction }, offset, limit: 10 });
          expect(page.total).toBe(95);
          seen.push(...page.rows.map((r) => r.vendorCallId));
        }
        expect(new Set(seen).size, `${column} ${direction}`).toBe(95);
      }
    }
    db.close();
  });

  it('applies each filter', () => {
    const { db, connectionId } = storeWithConnection();
    upsertCalls(db, connectionId, [
      makeCall(1, { direction: 'inbound', status: 'missed', talkSeconds: 0, contactType: 'client' }),
      makeCall(2, { direction: 'outbound', status: 'answered', talkSeconds: 300, hasTranscript: true }),
      makeCall(3, { direction: 'outbound', status: 'answered', talkSeconds: 30, deletedAtMs: 5 }),
      makeCall(4, { direction: 'inbound', status: 'answered', talkSeconds: 45, isTest: true }),
    ]);
    const ids = (filters: CallListRequest['filters']) => list(db, { filters, sort: { column: 'startedAt', direction: 'asc' } }).rows.map((r) => r.vendorCallId);
    expect(ids({})).toEqual(['call_1', 'call_2']);
    expect(ids({ includeDeleted: true })).toEqual(['call_1', 'call_2', 'call_3']);
    expect(ids({ includeTestCalls: true })).toEqual(['call_1', 'call_2', 'call_4']);
    expect(ids({ directions: ['inbound'] })).toEqual(['call_1']);
    expect(ids({ statuses: ['answered'] })).toEqual(['call_2']);
    expect(ids({ minTalkSeconds: 60 })).toEqual(['call_2']);
    expect(ids({ hasTranscript: true })).toEqual(['call_2']);
    expect(ids({ hasTranscript: false })).toEqual(['call_1']);
    expect(ids({ contactTypes: ['client'] })).toEqual(['call_1']);
    expect(ids({ userIds: ['user_2'] })).toEqual(['call_2']);
    expect(ids({ vendors: ['talkpilot'] })).toEqual([]);
    expect(ids({ vendors: ['talentlynk'], connectionIds: [connectionId] })).toEqual(['call_1', 'call_2']);
    const t2 = makeCall(2).startedAtMs;
    expect(ids({ fromMs: t2, toMs: t2 + 1 })).toEqual(['call_2']);
    db.close();
  });
});
