/**
 * HighLevel Voice AI's contract, paging and request checks: a window read 50 at a time with
 * dates in Unix milliseconds, window boundaries, one listing per named agent, the location ID
 * required, and the simulated API's documented checks. The other highlevel-*.contract.test.ts
 * files cover field mapping, errors and rate limits, and the connection test and token scopes.
 */
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../electron/simulator/server';
import { callLogId } from '../../electron/simulator/vendors/highlevel-call-log';
import { MISSING_LOCATION_MESSAGE } from '../../electron/vendors/highlevel/connector';
import { readAll, simConnector, simSettings } from '../helpers/simulator';
import { expectOnlyInLaterWindow } from '../helpers/vendor-contract';
import { DAY_MS } from '../../shared/time';
import { CALL_LOGS, NOW, rawGet, useHighLevelSimulator } from './highlevel-contract-setup';

/** The query of each request the simulator received for call logs since `from`. */
const callLogQueries = (sim: Simulator, from: number) =>
  sim.requests
    .slice(from)
    .filter((r) => r.url.startsWith(`/highlevel${CALL_LOGS}?`))
    .map((r) => new URL(r.url, 'http://sim').searchParams);

describe('HighLevel Voice AI connector against the simulator', () => {
  const { ctx, dataset } = useHighLevelSimulator();

  it('reads a 20-day window 50 at a time, in the fewest requests, sending dates as Unix milliseconds', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel');
    const window = { fromMs: NOW - 45 * DAY_MS, toMs: NOW - 25 * DAY_MS };
    const expected = dataset().callsBetween(window.fromMs, window.toMs);
    // endDate is sent as toMs and may be inclusive, so a call at toMs is listed (then dropped).
    const listed = dataset().callsBetween(window.fromMs, window.toMs + 1).length;
    const firstRequest = ctx.sim.requests.length;
    const before = connector.requestCount;
    const { calls, warnings } = await readAll(connector, window);
    expect(warnings).toEqual([]);
    expect(expected.length).toBeGreaterThan(500);
    // Plus one page of agents (at most 50), for their names.
    expect(connector.requestCount - before).toBe(Math.ceil(listed / 50) + 1);
    const ids = calls.map((c) => c.call.vendorCallId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(expected.map(callLogId).sort());
    const queries = callLogQueries(ctx.sim, firstRequest);
    expect(queries.map((q) => q.get('page'))).toEqual(queries.map((_, i) => String(i + 1)));
    for (const q of queries) {
      expect(Object.fromEntries(q)).toMatchObject({
        locationId: ctx.sim.credentials.highlevel.locationId,
        startDate: String(window.fromMs),
        endDate: String(window.toMs),
        pageSize: '50',
        sortBy: 'createdAt',
        sort: 'ascend',
      });
    }
  });

  it('puts a call that starts exactly on a window boundary in the later window only', async () => {
    const edge = dataset().calls[1500]!;
    await expectOnlyInLaterWindow(simConnector(ctx.sim, 'highlevel').connector, edge.startedAtMs, callLogId(edge));
  });

  it('reads one agentId-filtered listing per agent when the connection names agents', async () => {
    const [a, , c] = dataset().agents;
    const { connector } = simConnector(ctx.sim, 'highlevel', { settings: simSettings(ctx.sim, 'highlevel', { agentIds: [a!.id, c!.id] }) });
    const window = { fromMs: NOW - 10 * DAY_MS, toMs: NOW };
    const firstRequest = ctx.sim.requests.length;
    const { calls } = await readAll(connector, window);
    const expected = dataset()
      .callsBetween(window.fromMs, window.toMs)
      .filter((call) => call.agentIndex === a!.index || call.agentIndex === c!.index);
    expect(calls.map((v) => v.call.vendorCallId).sort()).toEqual(expected.map(callLogId).sort());
    expect(new Set(callLogQueries(ctx.sim, firstRequest).map((q) => q.get('agentId')))).toEqual(new Set([a!.id, c!.id]));
  });

  it('refuses to run without a location ID, before any request; the API answers 422 without one', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel', { settings: { baseUrl: ctx.sim.baseUrls.highlevel } });
    const requestsBefore = ctx.sim.requests.length;
    await expect(readAll(connector, { fromMs: NOW - DAY_MS, toMs: NOW })).rejects.toThrow(MISSING_LOCATION_MESSAGE);
    await expect(connector.fetchTranscript({ vendorCallId: 'x', userId: null })).rejects.toThrow(MISSING_LOCATION_MESSAGE);
    expect(await connector.testConnection()).toEqual({ ok: false, message: `Missing location ID: ${MISSING_LOCATION_MESSAGE}` });
    expect(ctx.sim.requests.length).toBe(requestsBefore);
    expect(connector.requestCount).toBe(0);
    expect(await rawGet(ctx.sim, CALL_LOGS, {})).toEqual({
      status: 422,
      headers: expect.anything(),
      body: { statusCode: 422, message: ['locationId should not be empty', 'locationId must be a string'], error: 'Unprocessable Entity' },
    });
  });

  it('simulates the documented checks: page size, millisecond dates, the Version header, the token', async () => {
    const locationId = ctx.sim.credentials.highlevel.locationId!;
    const problems = async (query: Record<string, string>) => {
      const { status, body } = await rawGet(ctx.sim, CALL_LOGS, { locationId, ...query });
      return { status, message: (body as { message: unknown }).message };
    };
    expect(await problems({ pageSize: '51' })).toEqual({ status: 422, message: ['pageSize must not be greater than 50'] });
    expect(await problems({ startDate: '2026-11-01T00:00:00Z', endDate: '2026-11-02T00:00:00Z' })).toEqual({
      status: 422,
      message: ['startDate must be a Unix timestamp in milliseconds', 'endDate must be a Unix timestamp in milliseconds'],
    });
    expect(await problems({ startDate: String(NOW / 1000 - 3600), endDate: String(NOW / 1000) })).toMatchObject({ status: 422 });
    expect(await problems({ startDate: String(NOW - DAY_MS) })).toEqual({ status: 422, message: ['startDate and endDate must be provided together'] });
    expect(await problems({ startDate: String(NOW), endDate: String(NOW) })).toEqual({ status: 422, message: ['startDate must be less than endDate'] });
    expect(await problems({ sortBy: 'startedAt' })).toEqual({ status: 422, message: ['sortBy must be one of the following values: duration, createdAt'] });
    expect(await problems({ pageSize: '50', page: '2', startDate: String(NOW - DAY_MS), endDate: String(NOW) })).toMatchObject({ status: 200 });
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId }, { version: '' })).toMatchObject({ status: 400, body: { statusCode: 400 } });
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId }, { version: '2021-07-28' })).toMatchObject({ status: 400 });
    // The spec's UnauthorizedDTO.
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId }, { authorization: 'Bearer pit-wrong' })).toMatchObject({
      status: 401,
      body: { statusCode: 401, message: 'Invalid token: access token is invalid', error: 'Unauthorized' },
    });
    expect(await rawGet(ctx.sim, CALL_LOGS, { locationId: 'SomeoneElsesLocation1' })).toMatchObject({ status: 403 });
  });
});
