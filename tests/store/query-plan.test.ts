import { describe, expect, it } from 'vitest';
import { CallListRequestSchema, type CallListRequest } from '../../shared/calls';
import { planCallList } from '../../electron/store/call-list-plan';
import { upsertCalls } from '../../electron/store/calls';
import type { Db } from '../../electron/store/db';
import { makeCall } from '../helpers/fixtures';
import { firstPage, queryPlanLine } from '../helpers/query-plan';
import { storeWithConnection } from '../helpers/store';

const planOf = (db: Db, request: CallListRequest): string => queryPlanLine(db, firstPage(planCallList(CallListRequestSchema.parse(request))));

describe('each main filter reads its index (EXPLAIN QUERY PLAN of the SQL the app runs)', () => {
  const { db, connectionId } = storeWithConnection();
  upsertCalls(
    db,
    connectionId,
    Array.from({ length: 2000 }, (_, n) => makeCall(n, { userId: `user_${n % 30}` })),
  );

  const cases: [name: string, request: CallListRequest, index: RegExp][] = [
    ['newest first, deleted hidden', {}, /SCAN c USING INDEX calls_visible_by_start/],
    ['date range', { filters: { fromMs: 1, toMs: 2 } }, /SEARCH c USING INDEX calls_visible_by_start \(started_at_ms>\? AND started_at_ms<\?\)/],
    ['connection', { filters: { connectionIds: [connectionId] } }, /SEARCH c USING INDEX calls_by_connection \(connection_id=\?\)/],
    ['user', { filters: { userIds: ['user_3'] } }, /SEARCH c USING INDEX calls_by_user \(user_id=\?\)/],
    ['user and date range', { filters: { userIds: ['user_3'], fromMs: 1, toMs: 2 } }, /calls_by_user \(user_id=\? AND started_at_ms>\? AND started_at_ms<\?\)/],
    ['status', { filters: { statuses: ['missed'] } }, /SEARCH c USING INDEX calls_by_status \(status=\?\)/],
    ['direction', { filters: { directions: ['inbound'] } }, /SEARCH c USING INDEX calls_by_direction \(direction=\?\)/],
    ['contact type', { filters: { contactTypes: ['candidate'] } }, /SEARCH c USING INDEX calls_by_contact_type \(contact_type=\?\)/],
    ['has transcript', { filters: { hasTranscript: true } }, /SCAN c USING INDEX calls_with_transcript/],
    // Along the order's index, each call's hits looked up by its id: newest first needs no sort.
    [
      'tracker',
      { filters: { trackerIds: [1] } },
      /SCAN c USING INDEX calls_visible_by_start .*SEARCH h USING COVERING INDEX call_tracker_hits_by_tracker \(tracker_id=\? AND call_id=\?\)/,
    ],
    [
      'trackers on one side',
      { filters: { trackerIds: [1, 2], trackerSide: 'contact' } },
      /SCAN c USING INDEX calls_visible_by_start .*SEARCH h USING COVERING INDEX call_tracker_hits_by_tracker \(tracker_id=\? AND call_id=\? AND side=\?\)/,
    ],
    // Drill-downs from the Activity screen: one person seeks their own calls in the range.
    [
      'one person in a range',
      { filters: { people: [{ connectionId, userId: 'user_3' }], fromMs: 1, toMs: 2, includeDeleted: true } },
      /calls_by_user \(user_id=\? AND started_at_ms>\? AND started_at_ms<\?\)/,
    ],
    [
      'calls naming nobody',
      { filters: { people: [{ connectionId, userId: null }], fromMs: 1, toMs: 2, includeDeleted: true } },
      /calls_by_user \(user_id=\? AND started_at_ms>\? AND started_at_ms<\?\)/,
    ],
    // A team or a section: the range's index in order, each call checked against the list.
    [
      'several people in a range',
      {
        filters: {
          people: [
            { connectionId, userId: 'user_3' },
            { connectionId, userId: 'user_4' },
          ],
          fromMs: 1,
          toMs: 2,
        },
      },
      /SEARCH c USING INDEX calls_visible_by_start \(started_at_ms>\? AND started_at_ms<\?\)/,
    ],
    [
      'handled by agents, missed, in a range',
      { filters: { handlerKinds: ['ai_agent'], statuses: ['missed'], fromMs: 1, toMs: 2, includeDeleted: true } },
      /calls_by_status \(status=\? AND started_at_ms>\? AND started_at_ms<\?\)/,
    ],
    ['sorted by talk time', { sort: { column: 'talkSeconds', direction: 'desc' } }, /SCAN c USING INDEX calls_by_talk_time/],
    ['sorted by contact', { sort: { column: 'contactName', direction: 'asc' } }, /SCAN c USING INDEX calls_by_contact_name/],
  ];

  for (const [name, request, index] of cases) {
    it(name, () => {
      const plan = planOf(db, request);
      expect(plan).toMatch(index);
      expect(plan).not.toMatch(/SCAN c(?! USING)/); // never a full scan of the calls table
      if (!request.sort) expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/); // newest first comes straight from the index
    });
  }

  const sorts: [name: string, request: CallListRequest, plan: RegExp][] = [
    ['user name', { sort: { column: 'userName', direction: 'asc' } }, /SCAN c USING INDEX calls_by_user_name/],
    ['status', { sort: { column: 'status', direction: 'desc' } }, /SCAN c USING INDEX calls_by_status/],
    ['direction', { sort: { column: 'direction', direction: 'asc' } }, /SCAN c USING INDEX calls_by_direction/],
    [
      'connection',
      { sort: { column: 'connection', direction: 'asc' } },
      /SCAN k USING INDEX .* \| SEARCH c USING INDEX calls_by_connection \(connection_id=\?\)/,
    ],
  ];
  for (const [name, request, plan] of sorts) {
    it(`sorted by ${name}: read in order from an index, no sort of every call`, () => {
      const found = planOf(db, request);
      expect(found).toMatch(plan);
      expect(found).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    });
  }

  it('search reads the FTS index and fetches calls by primary key', () => {
    const plan = planOf(db, { search: 'follow' });
    expect(plan).toMatch(/SCAN calls_fts VIRTUAL TABLE/);
    expect(plan).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
  });
});
