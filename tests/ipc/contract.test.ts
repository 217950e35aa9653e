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
  'connections/list': { valid: [undefined], invalid: [[{}, ''], ['x', '']] },
  'calls/list': {
    valid: [{}, { search: 'john', limit: 50, offset: 100 }, { filters: { statuses: ['missed'], fromMs: 1, toMs: 2 }, sort: { column: 'talkSeconds', direction: 'asc' } }],
    invalid: [
      [{ limit: 0 }, 'limit'],
      [{ limit: 10_000 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ filters: { statuses: ['answered', 'exploded'] } }, 'filters.statuses.1'],
      [{ filters: { fromMs: 'yesterday' } }, 'filters.fromMs'],
      [{ filters: { fromMs: 10, toMs: 5 } }, 'filters.toMs'],
      [{ filters: { vendors: ['skype'] } }, 'filters.vendors.0'],
      [{ sort: { column: 'raw_json', direction: 'asc' } }, 'sort.column'],
      [{ search: 'x'.repeat(501) }, 'search'],
      [{ filters: { sql: '1=1' } }, 'filters'],
      [null, ''],
    ],
  },
  'calls/get': { valid: [{ callId: 1 }], invalid: [[{}, 'callId'], [{ callId: -1 }, 'callId'], [{ callId: 1.5 }, 'callId'], [{ callId: '1' }, 'callId']] },
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
