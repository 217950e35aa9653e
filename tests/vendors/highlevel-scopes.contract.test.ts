/**
 * HighLevel Voice AI's contract, the connection test and token scopes: no activity report, the
 * connection tested in plain words, each endpoint answered only for a token with its scope, and
 * tests and syncs with tokens short of a scope. The other highlevel-*.contract.test.ts files
 * cover field mapping, paging and request checks, and errors and rate limits.
 */
import { describe, expect, it } from 'vitest';
import { callLogId } from '../../electron/simulator/vendors/highlevel-call-log';
import { isVendorRequestError } from '../../electron/vendors/http/errors';
import { readAll, simConnector } from '../helpers/simulator';
import { openDatabase } from '../../electron/store/database';
import { tempDatabasePath } from '../helpers/temp';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { DAY_MS } from '../../shared/time';
import { CALL_LOGS, NOW, rawGet, useHighLevelSimulator } from './highlevel-contract-setup';

describe('HighLevel Voice AI connector against the simulator', () => {
  const { ctx, dataset } = useHighLevelSimulator();

  it('has no activity report', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel');
    expect(connector).toMatchObject({ hasActivity: false, transcripts: 'inline', maxCallWindowMs: Infinity });
    expect(await connector.readActivity('2026-11-19')).toEqual({ rows: [], warnings: [] });
  });

  it('tests the connection in plain words', async () => {
    const names = dataset().agents.map((a) => a.name);
    expect(await simConnector(ctx.sim, 'highlevel').connector.testConnection()).toEqual({
      ok: true,
      message: `Works: HighLevel Voice AI answered with 5 agents (${names.join(', ')}).`,
      found: { kind: 'agents', names },
    });
    const wrongKey = simConnector(ctx.sim, 'highlevel', { apiKey: 'pit-not-the-token' });
    expect(await wrongKey.connector.testConnection()).toEqual({
      ok: false,
      message:
        'Wrong key: HighLevel Voice AI refused the API key (401) at /voice-ai/dashboard/call-logs. It said: "Invalid token: access token is invalid". Check the key in Connections.',
    });
    const nowhere = simConnector(ctx.sim, 'highlevel', { settings: { baseUrl: 'http://127.0.0.1:9', locationId: 'x' }, http: { retries: 0 } });
    expect(await nowhere.connector.testConnection()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Unreachable: HighLevel Voice AI could not be reached/),
    });
  });

  describe('scopes, per token', () => {
    const DASHBOARD = 'voice-ai-dashboard.readonly';
    const AGENTS = 'voice-ai-agents.readonly';
    const tokenWith = (scope: string) => ctx.sim.credentials.highlevel.scopedTokens![scope]!;
    const withToken = (token: string) => simConnector(ctx.sim, 'highlevel', { apiKey: token }).connector;
    const MISSING_SCOPE = { statusCode: 401, message: 'The token is not authorized for this scope.', error: 'Unauthorized' };

    it('answers each endpoint only for a token with its scope, as HighLevel does: 401 for a missing scope, another 401 for an unknown token', async () => {
      const locationId = ctx.sim.credentials.highlevel.locationId!;
      const logId = callLogId(dataset().calls[10]!);
      const statusesFor = async (token: string) => {
        const auth = { authorization: `Bearer ${token}` };
        const answers = await Promise.all([
          rawGet(ctx.sim, CALL_LOGS, { locationId }, auth),
          rawGet(ctx.sim, `${CALL_LOGS}/${logId}`, { locationId }, auth),
          rawGet(ctx.sim, '/voice-ai/agents', { locationId }, auth),
        ]);
        return answers.map((a) => (a.status === 200 ? 200 : a.body));
      };
      expect(await statusesFor(ctx.sim.credentials.highlevel.apiKey)).toEqual([200, 200, 200]);
      expect(await statusesFor(tokenWith(DASHBOARD))).toEqual([200, 200, MISSING_SCOPE]);
      expect(await statusesFor(tokenWith(AGENTS))).toEqual([MISSING_SCOPE, MISSING_SCOPE, 200]);
      expect(await statusesFor(tokenWith('contacts.readonly'))).toEqual([MISSING_SCOPE, MISSING_SCOPE, MISSING_SCOPE]);
      const unknown = { statusCode: 401, message: 'Invalid token: access token is invalid', error: 'Unauthorized' };
      expect(await statusesFor('pit-00000000-0000-0000-0000-000000000000')).toEqual([unknown, unknown, unknown]);
    });

    it('tests with what sync needs first: a token that reads call logs but not agents passes, naming the agents scope', async () => {
      const connector = withToken(tokenWith(DASHBOARD));
      const firstRequest = ctx.sim.requests.length;
      const result = await connector.testConnection();
      expect(result).toEqual({
        ok: true,
        message: `Works: HighLevel Voice AI call logs can be read. Agent names need the scope ${AGENTS}, which this token lacks, so calls show each agent by its id.`,
      });
      const [first] = ctx.sim.requests.slice(firstRequest);
      expect(first?.url).toBe(`/highlevel${CALL_LOGS}?locationId=${ctx.sim.credentials.highlevel.locationId}&page=1&pageSize=1`);
    });

    it('fails the test of a token that may not read call logs, naming voice-ai-dashboard.readonly, never "Wrong key"', async () => {
      for (const scope of [AGENTS, 'contacts.readonly']) {
        const result = await withToken(tokenWith(scope)).testConnection();
        expect(result, scope).toEqual({
          ok: false,
          message:
            'No permission: HighLevel Voice AI did not accept the request to /voice-ai/dashboard/call-logs (401): The token is not authorized for this scope. ' +
            `Reading call logs needs the scope ${DASHBOARD}: give this token that scope in HighLevel (Settings › Private Integrations).`,
        });
        expect(result.message).not.toMatch(/wrong key|refused the API key/i);
      }
    });

    it('syncs with a token that may read call logs only: every call stored, agents by id; with both scopes, by name', async () => {
      const window = { fromMs: NOW - 2 * DAY_MS, toMs: NOW };
      const expected = dataset().callsBetween(window.fromMs, window.toMs);
      const db = openDatabase(tempDatabasePath());
      const connection = addSimConnection(db, ctx.sim, 'highlevel');
      const { run } = await syncFromSim(db, ctx.sim, connection, { connector: { apiKey: tokenWith(DASHBOARD) }, nowMs: NOW, backfillDays: 2 });
      expect(run).toMatchObject({ status: 'succeeded', errorMessage: null });
      const stored = db
        .prepare(`SELECT vendor_call_id, user_id, user_name FROM calls WHERE connection_id = ? ORDER BY started_at_ms, vendor_call_id`)
        .all(connection.id) as { vendor_call_id: string; user_id: string; user_name: string | null }[];
      expect(stored.map((r) => r.vendor_call_id).sort()).toEqual(expected.map(callLogId).sort());
      expect(stored.every((r) => r.user_name === null && /^[0-9a-f]{24}$/.test(r.user_id))).toBe(true);
      db.close();

      const { calls } = await readAll(simConnector(ctx.sim, 'highlevel').connector, window);
      const agentOf = new Map(dataset().agents.map((a) => [a.id, a.name]));
      expect(calls.every((c) => c.call.userName === agentOf.get(c.call.userId!))).toBe(true);
    });

    it('stops a sync whose token may not read call logs, naming the scope in the error', async () => {
      const error = await readAll(withToken(tokenWith(AGENTS)), { fromMs: NOW - DAY_MS, toMs: NOW }).catch((e: unknown) => e);
      expect(isVendorRequestError(error) && error.kind).toBe('unauthorized');
      expect((error as Error).message).toMatch(
        /^HighLevel Voice AI did not accept the request to \/voice-ai\/dashboard\/call-logs \(401\): The token is not authorized for this scope\. Reading call logs needs the scope voice-ai-dashboard\.readonly/,
      );
    });
  });
});
