import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/channels';
import { contract, type RequestOf } from '../../shared/ipc/contract';
import type { Channel } from '../../shared/ipc/channels';

/** For every channel: a valid payload, and invalid ones with the field each must name. */
const examples: { [C in Channel]: { valid: RequestOf<C>[]; invalid: [payload: unknown, field: string][] } } = {
  'app/info': { valid: [undefined], invalid: [[{ extra: 1 }, '']] },
  'app/open-external': {
    valid: [{ url: 'https://talentlynk.ai/help' }, { url: 'http://example.com' }],
    invalid: [
      [{}, 'url'],
      [{ url: 'file:///etc/passwd' }, 'url'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: 'https://a.example', also: 1 }, ''],
    ],
  },
  'connections/list': {
    valid: [undefined],
    invalid: [
      [{}, ''],
      ['x', ''],
    ],
  },
  'app/show-data-folder': { valid: [undefined], invalid: [[{ path: '/etc' }, '']] },
  'demo/start': { valid: [undefined], invalid: [[{ calls: 1e9 }, '']] },
  'demo/status': { valid: [undefined], invalid: [[1, '']] },
  'demo/remove': { valid: [undefined], invalid: [[{ all: true }, '']] },
  'calls/count': {
    valid: [{}, { search: 'salary', filters: { directions: ['inbound'] } }],
    invalid: [
      [{ filters: { statuses: ['exploded'] } }, 'filters.statuses.0'],
      [{ limit: 0 }, 'limit'],
    ],
  },
  'calls/facets': { valid: [undefined], invalid: [[{ column: 'raw_json' }, '']] },
  'trackers/list': { valid: [undefined], invalid: [[{ extra: 1 }, '']] },
  'trackers/save': {
    valid: [
      { name: 'Compensation', phrases: ['salary', 'pay'] },
      { id: 3, name: 'Pay', phrases: ['rate'] },
    ],
    invalid: [
      [{ name: 'Pay' }, 'phrases'],
      [{ id: 0, name: 'Pay', phrases: ['rate'] }, 'id'],
      [{ name: 'Pay', phrases: [7] }, 'phrases.0'],
      [{ name: 'Pay', phrases: ['rate'], colour: 'red' }, ''],
    ],
  },
  'trackers/remove': {
    valid: [{ id: 1 }],
    invalid: [
      [{}, 'id'],
      [{ id: -1 }, 'id'],
    ],
  },
  'teams/list': { valid: [undefined], invalid: [[{ all: true }, '']] },
  'teams/save': {
    valid: [
      { name: 'Nurses desk', members: [] },
      { id: 3, name: 'Night line', members: [{ connectionId: 1, userId: 'agent_1' }] },
    ],
    invalid: [
      [{ name: '   ', members: [] }, 'name'],
      [{ name: 'x'.repeat(81), members: [] }, 'name'],
      [{ name: 'A', members: [{ connectionId: 0, userId: 'u' }] }, 'members.0.connectionId'],
      [{ name: 'A' }, 'members'],
    ],
  },
  'teams/delete': {
    valid: [{ teamId: 1 }],
    invalid: [
      [{ teamId: 'one' }, 'teamId'],
      [{}, 'teamId'],
    ],
  },
  'activity/summary': {
    valid: [{ range: { fromDay: '2026-10-01', toDay: '2026-10-31' } }, { range: { fromDay: '2026-10-01', toDay: '2026-10-01' }, connectionId: 2 }],
    invalid: [
      [{}, 'range'],
      [{ range: { fromDay: '2026-02-30', toDay: '2026-03-01' } }, 'range.fromDay'],
      [{ range: { fromDay: '2026-10-02', toDay: '2026-10-01' } }, 'range.toDay'],
      [{ range: { fromDay: '1 Oct', toDay: '2026-10-01' } }, 'range.fromDay'],
      [{ range: { fromDay: '2026-10-01', toDay: '2026-10-02' }, connectionId: 0 }, 'connectionId'],
    ],
  },
  'settings/move-data-folder': { valid: [undefined], invalid: [[{ to: '/tmp' }, '']] },
  'settings/choose-reports-folder': { valid: [undefined], invalid: [[{ folder: '/' }, '']] },
  'settings/choose-scheduled-reports-folder': { valid: [undefined], invalid: [[{ folder: '/' }, '']] },
  'reports/schedule-status': { valid: [undefined], invalid: [[{ limit: 5 }, '']] },
  'reports/show-scheduled-report': {
    valid: [{ runId: 4 }],
    invalid: [
      [{ runId: 0 }, 'runId'],
      [{ runId: 1, file: '/etc/passwd' }, ''],
    ],
  },
  'reports/start': {
    valid: [
      { kind: 'calls' },
      { kind: 'transcripts', query: { search: 'salary', filters: { directions: ['inbound'] }, sort: { column: 'relevance', direction: 'desc' } } },
      { kind: 'activity', range: { fromDay: '2026-10-01', toDay: '2026-10-31' } },
    ],
    invalid: [
      [{ kind: 'payroll' }, 'kind'],
      [{}, 'kind'],
      [{ kind: 'activity' }, 'range'],
      [{ kind: 'calls', query: { limit: 5 } }, 'query'],
      [{ kind: 'calls', query: { filters: { statuses: ['exploded'] } } }, 'query.filters.statuses.0'],
      [{ kind: 'calls', file: '/etc/passwd.xlsx' }, ''],
      [{ kind: 'activity', range: { fromDay: '2026-10-05', toDay: '2026-10-01' } }, 'range.toDay'],
    ],
  },
  'reports/status': { valid: [undefined], invalid: [[{ jobId: 1 }, '']] },
  'reports/cancel': {
    valid: [{ jobId: 3 }],
    invalid: [
      [{}, 'jobId'],
      [{ jobId: 0 }, 'jobId'],
    ],
  },
  'reports/show-in-folder': {
    valid: [{ jobId: 3 }],
    invalid: [
      [{ jobId: '/etc' }, 'jobId'],
      [{ jobId: 1, file: '/etc/passwd' }, ''],
    ],
  },
  'calls/list': {
    valid: [
      {},
      { search: 'john', limit: 50, offset: 100 },
      { filters: { statuses: ['missed'], fromMs: 1, toMs: 2 }, sort: { column: 'talkSeconds', direction: 'asc' } },
      { filters: { trackerIds: [1, 2], trackerSide: 'contact' } },
      {
        filters: {
          people: [
            { connectionId: 1, userId: 'u1' },
            { connectionId: 2, userId: null },
          ],
          handlerKinds: ['ai_agent'],
        },
      },
    ],
    invalid: [
      [{ limit: 0 }, 'limit'],
      [{ limit: 10_000 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ filters: { statuses: ['answered', 'exploded'] } }, 'filters.statuses.1'],
      [{ filters: { people: [] } }, 'filters.people'],
      [{ filters: { people: [{ connectionId: 1 }] } }, 'filters.people.0.userId'],
      [{ filters: { handlerKinds: ['robot'] } }, 'filters.handlerKinds.0'],
      [{ filters: { fromMs: 'yesterday' } }, 'filters.fromMs'],
      [{ filters: { fromMs: 10, toMs: 5 } }, 'filters.toMs'],
      [{ filters: { vendors: ['skype'] } }, 'filters.vendors.0'],
      [{ filters: { trackerIds: [0] } }, 'filters.trackerIds.0'],
      [{ filters: { trackerIds: [1], trackerSide: 'theirs' } }, 'filters.trackerSide'],
      [{ filters: { trackerSide: 'ours' } }, 'filters.trackerSide'],
      [{ sort: { column: 'raw_json', direction: 'asc' } }, 'sort.column'],
      [{ search: 'x'.repeat(501) }, 'search'],
      [{ filters: { sql: '1=1' } }, 'filters'],
      [null, ''],
    ],
  },
  'calls/get': {
    valid: [{ callId: 1 }],
    invalid: [
      [{}, 'callId'],
      [{ callId: -1 }, 'callId'],
      [{ callId: 1.5 }, 'callId'],
      [{ callId: '1' }, 'callId'],
    ],
  },
  'connections/add': {
    valid: [
      { vendor: 'talkover', label: 'Main', apiKey: 'talq_x' },
      { vendor: 'talentlynk', label: 'Office', apiKey: ' k ', settings: { appId: 'app_1' } },
      { vendor: 'talkpilot', label: 'TP', apiKey: 'tp_live_x', settings: { baseUrl: 'https://abc.supabase.co/functions/v1/api/v1', agentIds: ['a'] } },
    ],
    invalid: [
      [{ vendor: 'talkover', label: 'Main' }, 'apiKey'],
      [{ vendor: 'talkover', label: 'Main', apiKey: '   ' }, 'apiKey'],
      [{ vendor: 'talkover', label: '', apiKey: 'k' }, 'label'],
      [{ vendor: 'skype', label: 'x', apiKey: 'k' }, 'vendor'],
      [{ vendor: 'talentlynk', label: 'x', apiKey: 'k' }, 'settings.appId'],
      [{ vendor: 'talkpilot', label: 'x', apiKey: 'k', settings: {} }, 'settings.baseUrl'],
      [{ vendor: 'highlevel', label: 'x', apiKey: 'k' }, 'settings.locationId'],
      [{ vendor: 'talkover', label: 'x', apiKey: 'k', settings: { baseUrl: 'file:///etc' } }, 'settings.baseUrl'],
      [{ vendor: 'talkover', label: 'x', apiKey: 'k', settings: { apiKey: 'smuggled' } }, 'settings'],
    ],
  },
  'connections/update': {
    // A key comes with a change of host (the old key is never sent to a new address).
    valid: [
      { connectionId: 1, label: 'New name' },
      { connectionId: 2, settings: { agentIds: [] } },
      { connectionId: 1, settings: { baseUrl: 'https://api.example.com' }, apiKey: 'k' },
    ],
    invalid: [
      [{ label: 'x' }, 'connectionId'],
      [{ connectionId: 1, label: ' ' }, 'label'],
      [{ connectionId: 1, apiKey: ' ' }, 'apiKey'],
    ],
  },
  'connections/remove': {
    valid: [{ connectionId: 1 }],
    invalid: [
      [{}, 'connectionId'],
      [{ connectionId: 0 }, 'connectionId'],
    ],
  },
  'connections/set-key': {
    valid: [{ connectionId: 1, apiKey: 'k' }],
    invalid: [
      [{ connectionId: 1 }, 'apiKey'],
      [{ connectionId: 1, apiKey: 'x'.repeat(4097) }, 'apiKey'],
      [{ apiKey: 'k' }, 'connectionId'],
    ],
  },
  'connections/delete-key': { valid: [{ connectionId: 3 }], invalid: [[{ connectionId: 'three' }, 'connectionId']] },
  'connections/test': {
    valid: [{ connectionId: 3 }],
    invalid: [
      [undefined, ''],
      [{ connectionId: 3, key: 'x' }, ''],
    ],
  },
  'sync/start': {
    valid: [undefined, {}, { connectionIds: [1, 2] }],
    invalid: [
      [{ connectionIds: [] }, 'connectionIds'],
      [{ connectionIds: [0] }, 'connectionIds.0'],
    ],
  },
  'sync/cancel': { valid: [undefined, { connectionIds: [4] }], invalid: [[{ connectionIds: 'all' }, 'connectionIds']] },
  'sync/status': { valid: [undefined], invalid: [[{ connectionId: 1 }, '']] },
  'settings/get': { valid: [undefined], invalid: [[{}, '']] },
  'settings/update': {
    valid: [
      {},
      { timeZone: 'America/New_York' },
      { dailySyncAt: '07:30', syncOnStartup: false },
      { dailySyncAt: null },
      { reportSchedule: null },
      { reportSchedule: { period: 'week', weekday: 1, time: '08:00', reports: ['activity'], folder: null } },
      { reportSchedule: { period: 'month', dayOfMonth: 28, time: '23:59', reports: ['activity', 'calls'], folder: 'C:\\Reports' } },
    ],
    invalid: [
      [{ reportSchedule: { period: 'week', weekday: 8, time: '08:00', reports: ['activity'], folder: null } }, 'reportSchedule.weekday'],
      [{ reportSchedule: { period: 'month', dayOfMonth: 31, time: '08:00', reports: ['activity'], folder: null } }, 'reportSchedule.dayOfMonth'],
      [{ reportSchedule: { period: 'month', weekday: 1, time: '08:00', reports: ['activity'], folder: null } }, 'reportSchedule.dayOfMonth'],
      [{ reportSchedule: { period: 'fortnight', weekday: 1, time: '08:00', reports: ['activity'], folder: null } }, 'reportSchedule.period'],
      [{ reportSchedule: { period: 'week', weekday: 1, time: '8am', reports: ['activity'], folder: null } }, 'reportSchedule.time'],
      [{ reportSchedule: { period: 'week', weekday: 1, time: '08:00', reports: [], folder: null } }, 'reportSchedule.reports'],
      [{ reportSchedule: { period: 'week', weekday: 1, time: '08:00', reports: ['activity', 'activity'], folder: null } }, 'reportSchedule.reports'],
      [{ reportSchedule: { period: 'week', weekday: 1, time: '08:00', reports: ['transcripts'], folder: null } }, 'reportSchedule.reports.0'],
      [{ reportSchedule: { period: 'week', weekday: 1, time: '08:00', reports: ['activity'], folder: 'Reports' } }, 'reportSchedule.folder'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ dailySyncAt: '7:30' }, 'dailySyncAt'],
      [{ dailySyncAt: '24:00' }, 'dailySyncAt'],
      [{ syncOnStartup: 'yes' }, 'syncOnStartup'],
      [{ dataFolder: '/tmp' }, ''],
    ],
  },
  'sync/history': {
    valid: [undefined, { connectionId: 1, limit: 10 }],
    invalid: [
      [{ limit: 0 }, 'limit'],
      [{ limit: 201 }, 'limit'],
    ],
  },
};

describe('the IPC contract', () => {
  it('gives every channel a request schema, and has no schema without a channel', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(examples).sort()).toEqual([...CHANNELS].sort());
  });

  for (const channel of CHANNELS) {
    describe(channel, () => {
      const schema = contract[channel].request;
      it('accepts valid requests', () => {
        for (const payload of examples[channel].valid) expect(schema.safeParse(payload).success, JSON.stringify(payload)).toBe(true);
      });
      it('rejects invalid requests at the right field', () => {
        for (const [payload, field] of examples[channel].invalid) {
          const result = schema.safeParse(payload);
          expect(result.success, JSON.stringify(payload)).toBe(false);
          expect(result.error?.issues[0]?.path.join('.'), JSON.stringify(payload)).toBe(field);
        }
      });
    });
  }
});
