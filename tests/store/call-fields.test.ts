import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { CallFields, CallRow } from '../../shared/calls';
import { CALL_ENTITY, type CallField } from '../../shared/call-entity';
import { rowToCall, type CallRowRecord } from '../../electron/store/call-fields';
import { listCalls } from '../../electron/store/call-list';
import { getCallRaw } from '../../electron/store/call-raw';
import { findCallId, getCall, upsertCalls } from '../../electron/store/calls';
import { CallListRequestSchema } from '../../shared/calls';
import { answer, createTestApp } from '../helpers/app';
import { makeCall } from '../helpers/fixtures';
import { storeWithConnection } from '../helpers/store';

/**
 * Every field of the calls entity table (shared/call-entity.ts) goes
 * in, changes, and comes back out of the store and over IPC as it went in.
 * The checks iterate over the table: a new field is covered as soon as it is
 * there, and fails here until FIRST and CHANGED give it two different values.
 */

const T = Date.UTC(2026, 9, 15, 9, 0);

/** One value for every field a connector's record gives, none null (null is a merge rule's business: upsert.test.ts). */
const FIRST: CallFields = makeCall(1, {
  score: 4.5,
  sentiment: 'positive',
  hasTranscript: true,
  isProcessed: true,
  deletedAtMs: T + 1,
  recordingUrlExpiresAtMs: T + 2,
  vendorUpdatedAtMs: T + 3,
  raw: { first: true, nested: [1, 2] },
});

/** Another value for every field. */
const CHANGED: CallFields = makeCall(1, {
  vendorCallId: 'call_changed',
  direction: 'outbound',
  status: 'missed',
  vendorStatus: 'no-answer',
  startedAtMs: FIRST.startedAtMs + 1_000,
  endedAtMs: (FIRST.endedAtMs ?? 0) + 5_000,
  talkSeconds: 75,
  totalSeconds: 95,
  handlerKind: 'ai_agent',
  userId: 'agent_9',
  userName: 'Agent Nine',
  userEmail: 'agent9@example.com',
  userNumber: '+15550000009',
  contactName: 'Other Person',
  contactNumber: '+447700900999',
  contactType: 'client',
  summary: 'A different summary.',
  score: 1.5,
  sentiment: 'negative',
  hasTranscript: false,
  isPurged: true,
  isProcessed: false,
  isTest: true,
  deletedAtMs: T + 10,
  recordingUrl: 'https://recordings.example.com/changed.mp3',
  recordingUrlExpiresAtMs: T + 20,
  vendorUpdatedAtMs: T + 30,
  raw: { changed: true },
});

type Table = typeof CALL_ENTITY;
type Key = keyof Table;
const ENTRIES = Object.entries(CALL_ENTITY) as [Key, CallField][];
/** The fields the UI reads, in table order (a row's key order). */
const READ = ENTRIES.filter(([, f]) => f.origin !== 'record-only').map(([key]) => key);
const givenByRecord = (f: CallField) => f.origin === 'record' || f.origin === 'record-only';
/** The fields a connector's record gives. */
const FROM_RECORD = ENTRIES.filter(([, f]) => givenByRecord(f)).map(([key]) => key as keyof CallFields);
const valueOf = (call: CallFields, key: keyof CallFields): unknown => call[key];

/** The stored call after `incoming` is upserted over `stored`, by the table's rules. */
function merged(stored: CallFields, incoming: CallFields): CallFields {
  const out: Record<string, unknown> = {};
  for (const [key, f] of ENTRIES) {
    if (!givenByRecord(f)) continue;
    const before = valueOf(stored, key as keyof CallFields);
    const after = valueOf(incoming, key as keyof CallFields);
    if (f.conflictKey) out[key] = before;
    else if (f.update === 'purge-clears' && incoming.isPurged) out[key] = null;
    else if (f.update !== undefined) out[key] = after ?? before;
    else out[key] = after;
  }
  return out as unknown as CallFields;
}

describe('every call field round-trips through insert, update, select and the IPC row', () => {
  const { db, file, connectionId } = storeWithConnection();
  const connection = db.prepare(`SELECT label AS connectionLabel, vendor FROM connections WHERE id = ?`).get(connectionId) as {
    connectionLabel: string;
    vendor: string;
  };
  afterAll(() => db.close());

  /** The row the UI should get for a stored call: the record's fields, and what the database adds. */
  function expectedRow(call: CallFields): Record<string, unknown> {
    const id = findCallId(db, connectionId, call.vendorCallId);
    const fromDatabase: Record<string, unknown> = { id, connectionId, ...connection };
    return Object.fromEntries(READ.map((key) => [key, key in fromDatabase ? fromDatabase[key] : valueOf(call, key as keyof CallFields)]));
  }

  /** What a call reads back as: getCall, the list's row, and its raw record. */
  function readBack(call: CallFields) {
    const id = findCallId(db, connectionId, call.vendorCallId)!;
    const listed = listCalls(db, CallListRequestSchema.parse({ filters: { includeDeleted: true, includeTestCalls: true }, limit: 500 })).rows.find(
      (r) => r.id === id,
    );
    return { row: getCall(db, id), listed, raw: getCallRaw(db, id) };
  }

  it('the two fixtures differ in every field a record gives (so each check below can fail)', () => {
    expect(FROM_RECORD.filter((key) => JSON.stringify(valueOf(FIRST, key)) === JSON.stringify(valueOf(CHANGED, key)))).toEqual([]);
    expect(READ.length).toBeGreaterThan(20);
  });

  /** The calls stored by the checks below, as they should be now, for the IPC check at the end. */
  const stored: CallFields[] = [];

  it('insert then select: every field as it was written, the keys in table order', () => {
    expect(upsertCalls(db, connectionId, [FIRST], 1_000)).toBe(1);
    const { row, listed, raw } = readBack(FIRST);
    expect(row).toEqual(expectedRow(FIRST));
    expect(Object.keys(row ?? {})).toEqual(READ);
    expect(listed).toEqual(row);
    expect(raw).toEqual(FIRST.raw);
    stored.push(FIRST);
  });

  const updatable = ENTRIES.filter(([, f]) => givenByRecord(f) && !f.conflictKey).map(([key]) => key as keyof CallFields);
  for (const key of updatable) {
    it(`update: a change of ${key} alone is stored, read back, and a second identical write changes nothing`, () => {
      const before: CallFields = { ...FIRST, vendorCallId: `call_for_${key}` };
      const after: CallFields = { ...before, [key]: valueOf(CHANGED, key) };
      expect(upsertCalls(db, connectionId, [before], 2_000)).toBe(1);
      expect(upsertCalls(db, connectionId, [after], 3_000)).toBe(1);
      expect(upsertCalls(db, connectionId, [after], 4_000)).toBe(0);
      const now = merged(before, after);
      const { row, listed, raw } = readBack(now);
      expect(row).toEqual(expectedRow(now));
      expect(listed).toEqual(row);
      expect(raw).toEqual(now.raw);
      expect(valueOf(now, key)).toEqual(valueOf(CHANGED, key));
      if ((CALL_ENTITY[key] as CallField).keptOnDetailRead) {
        // Re-read from the call's detail: the stored value stays.
        expect(upsertCalls(db, connectionId, [{ ...after, [key]: valueOf(FIRST, key) }], 5_000, { fromDetail: true })).toBe(0);
        expect(readBack(now).raw).toEqual(now.raw);
      }
      stored.push(now);
    });
  }

  it('over IPC: the calls/list and calls/get answers carry every field of every stored call', async () => {
    const app = createTestApp(db, file, { inProcess: true });
    try {
      const page = await answer(app.dispatch, 'calls/list', { filters: { includeDeleted: true, includeTestCalls: true }, limit: 500 });
      expect(stored.length).toBe(updatable.length + 1);
      for (const call of stored) {
        const expected = expectedRow(call);
        const listed = page.rows.find((r) => r.id === expected.id);
        expect(listed).toEqual(expected);
        expect(Object.keys(listed ?? {})).toEqual(READ);
        const detail = await answer(app.dispatch, 'calls/get', { callId: expected.id as number });
        expect(detail.call).toEqual(expected);
      }
    } finally {
      await app.close();
    }
  });

  it("types: the row type has exactly the table's fields the UI reads, and the table every field of the domain", () => {
    type Selected = { [K in Key]: Table[K]['origin'] extends 'record-only' ? never : K }[Key];
    expectTypeOf<keyof CallRowRecord>().toEqualTypeOf<Selected>();
    expectTypeOf<keyof CallRowRecord>().toEqualTypeOf<Exclude<keyof CallRow, 'snippet'>>();
    expectTypeOf<Key>().toEqualTypeOf<keyof CallFields | Exclude<keyof CallRow, 'snippet'>>();
    expectTypeOf(rowToCall).returns.toEqualTypeOf<CallRow>();
  });
});
