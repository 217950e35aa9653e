import { describe, expect, it } from 'vitest';
import { VENDORS } from '../../shared/vendors';
import { VendorRequestError } from '../../electron/vendors/http/errors';
import { REQUEST_FAILURE_KINDS, type RequestFailureKind } from '../../electron/vendors/http/types';
import { testConnectionWith } from '../../electron/vendors/test-connection';
import { simConnector, useSimulator } from '../helpers/simulator';

const failingWith =
  (kind: RequestFailureKind, status?: number, vendorMessage = 'the vendor says why') =>
  async () => {
    throw new VendorRequestError({
      kind,
      vendor: 'talknex',
      endpoint: '/agents',
      ...(status ? { status, vendorMessage } : {}),
      detail: { attempts: 3, timeoutMs: 30_000, networkCode: 'ENOTFOUND' },
    });
  };
/** A 401 or 403 with the vendor's words, or none. */
const refusedWith = (status: 401 | 403, vendorMessage?: string) => async () => {
  throw new VendorRequestError({
    kind: status === 401 ? 'unauthorized' : 'forbidden',
    vendor: 'talknex',
    endpoint: '/agents',
    status,
    ...(vendorMessage === undefined ? {} : { vendorMessage }),
  });
};

describe('"Test connection" in plain words', () => {
  it('says what it found when the key works, with the right plural', async () => {
    expect(await testConnectionWith('talknex', async () => ({ kind: 'agents', names: ['Aria', 'Max'] }))).toEqual({
      ok: true,
      message: 'Works: Talknex answered with 2 agents (Aria, Max).',
      found: { kind: 'agents', names: ['Aria', 'Max'] },
    });
    expect((await testConnectionWith('talentlynk', async () => ({ kind: 'users', names: ['Jane'] }))).message).toBe(
      'Works: TalentLynk answered with 1 user (Jane).',
    );
    const many = Array.from({ length: 30 }, (_, i) => `User ${i}`);
    expect((await testConnectionWith('talentlynk', async () => ({ kind: 'users', names: many }))).message).toBe(
      'Works: TalentLynk answered with 30 users (User 0, User 1, User 2, User 3, User 4, …).',
    );
  });

  const expected: Record<RequestFailureKind, RegExp> = {
    // "the vendor says why" does not say the key is bad: the vendor's words are shown, not "Wrong key".
    unauthorized: /^Not authorized: Talknex did not accept the request to \/agents \(401\): the vendor says why$/,
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
  const statusOf: Partial<Record<RequestFailureKind, number>> = {
    unauthorized: 401,
    forbidden: 403,
    not_found: 404,
    rate_limited: 429,
    server_error: 500,
    client_error: 422,
  };

  for (const kind of REQUEST_FAILURE_KINDS) {
    it(`reports ${kind} without throwing`, async () => {
      const result = await testConnectionWith('talknex', failingWith(kind, statusOf[kind]));
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(expected[kind]);
    });
  }

  it('says "works" in the probe\'s own words when the key works but may not list who it can see', async () => {
    expect(await testConnectionWith('highlevel', async () => ({ works: 'call logs can be read; agents show by id.' }))).toEqual({
      ok: true,
      message: 'Works: call logs can be read; agents show by id.',
    });
  });

  it('says "Wrong key" only when the vendor says the key is bad, or says nothing', async () => {
    const wrongKey = (said: string) => `Wrong key: Talknex refused the API key (401) at /agents.${said} Check the key in Connections.`;
    expect((await testConnectionWith('talknex', refusedWith(401))).message).toBe(wrongKey(''));
    // Only the status again: nothing to quote.
    expect((await testConnectionWith('talknex', refusedWith(401, 'Unauthorized'))).message).toBe(wrongKey(''));
    for (const said of [
      'Invalid JWT',
      'Invalid token: access token is invalid',
      'Invalid appId or apiKey',
      'Invalid or missing API key',
      'Key *** is revoked',
      'Unauthenticated.',
      'The access token has expired',
    ]) {
      expect((await testConnectionWith('talknex', refusedWith(401, said))).message, said).toBe(wrongKey(` It said: "${said}".`));
    }
    // Some vendors answer a bad key with 403.
    expect((await testConnectionWith('talknex', refusedWith(403, 'Invalid API key'))).message).toBe(
      'Wrong key: Talknex refused the API key (403) at /agents. It said: "Invalid API key". Check the key in Connections.',
    );
  });

  it("keeps the vendor's words for a good key short of a permission, 401 or 403", async () => {
    expect((await testConnectionWith('talknex', refusedWith(401, 'The token is not authorized for this scope.'))).message).toBe(
      'No permission: Talknex did not accept the request to /agents (401): The token is not authorized for this scope.',
    );
    expect((await testConnectionWith('talknex', refusedWith(403, 'The token does not have access to this location.'))).message).toBe(
      'No permission: Talknex: no permission for /agents (403): The token does not have access to this location.',
    );
    expect((await testConnectionWith('talknex', refusedWith(403, 'This API key lacks the agents:read permission'))).message).toMatch(
      /^No permission: .*lacks the agents:read permission$/,
    );
    expect((await testConnectionWith('talknex', refusedWith(403))).message).toBe('No permission: Talknex: no permission for /agents (403).');
    // Neither the key nor a permission: the vendor's words, with no advice we cannot back.
    expect((await testConnectionWith('talknex', refusedWith(401, 'Command timed out'))).message).toBe(
      'Not authorized: Talknex did not accept the request to /agents (401): Command timed out',
    );
  });

  it('lets a bug (not a request failure) through rather than calling it a connection problem', async () => {
    await expect(
      testConnectionWith('talknex', async () => {
        throw new TypeError('bug');
      }),
    ).rejects.toThrow('bug');
  });
});

describe('"Test connection" with a wrong key, against each simulated vendor', () => {
  const ctx = useSimulator({ calls: 50, days: 5, rateLimits: 'off' });

  // What each simulator sends for a bad key must still read as one.
  for (const vendor of VENDORS) {
    it(`${vendor}: "Wrong key", with the vendor's words when it gave any`, async () => {
      const { connector } = simConnector(ctx.sim, vendor, { apiKey: 'not-the-key' });
      const result = await connector.testConnection();
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/^Wrong key: .* refused the API key \(401\) at \/[^ ]*\.( It said: ".+"\.)? Check the key in Connections\.$/);
    });
  }
});
