import { describe, expect, it } from 'vitest';
import { VendorRequestError } from '../../electron/vendors/http/errors';
import { REQUEST_FAILURE_KINDS, type RequestFailureKind } from '../../electron/vendors/http/types';
import { testConnectionWith } from '../../electron/vendors/test-connection';

const failingWith = (kind: RequestFailureKind, status?: number) => async () => {
  throw new VendorRequestError({ kind, vendor: 'talknex', endpoint: '/agents', ...(status ? { status, vendorMessage: 'the vendor says why' } : {}), detail: { attempts: 3, timeoutMs: 30_000, networkCode: 'ENOTFOUND' } });
};

describe('"Test connection" in plain words', () => {
  it('says what it found when the key works, with the right plural', async () => {
    expect(await testConnectionWith('talknex', async () => ({ kind: 'agents', names: ['Aria', 'Max'] }))).toEqual({
      ok: true,
      message: 'Works: Talknex answered with 2 agents (Aria, Max).',
      found: { kind: 'agents', names: ['Aria', 'Max'] },
    });
    expect((await testConnectionWith('talentlynk', async () => ({ kind: 'users', names: ['Jane'] }))).message).toBe('Works: TalentLynk answered with 1 user (Jane).');
    const many = Array.from({ length: 30 }, (_, i) => `User ${i}`);
    expect((await testConnectionWith('talentlynk', async () => ({ kind: 'users', names: many }))).message).toBe(
      'Works: TalentLynk answered with 30 users (User 0, User 1, User 2, User 3, User 4, …).',
    );
  });

  const expected: Record<RequestFailureKind, RegExp> = {
    unauthorized: /^Wrong key: Talknex refused the API key \(401\) at \/agents\. Check the key in Connections\.$/,
    forbidden: /^No permission: Talknex: no permission for \/agents \(403\): the vendor says why$/,
    not_found: /^Not found: .*\/agents.*\(404\)/,
    rate_limited: /^Rate limited, try again in a minute: /,
    server_error: /^The vendor had a server error: .*\(500\)/,
    client_error: /^Refused: .*\(422\).*the vendor says why/,
    timeout: /^Timed out: Talknex did not answer \/agents within 30 s/,
    unreachable: /^Unreachable: Talknex could not be reached at \/agents: the server name was not found/,
    invalid_response: /^Unexpected answer, check the base URL: /,
    cancelled: /^Cancelled: /,
  };
  const statusOf: Partial<Record<RequestFailureKind, number>> = { unauthorized: 401, forbidden: 403, not_found: 404, rate_limited: 429, server_error: 500, client_error: 422 };

  for (const kind of REQUEST_FAILURE_KINDS) {
    it(`reports ${kind} without throwing`, async () => {
      const result = await testConnectionWith('talknex', failingWith(kind, statusOf[kind]));
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(expected[kind]);
    });
  }

  it('lets a bug (not a request failure) through rather than calling it a connection problem', async () => {
    await expect(testConnectionWith('talknex', async () => { throw new TypeError('bug'); })).rejects.toThrow('bug');
  });
});
