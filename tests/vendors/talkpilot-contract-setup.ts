import { expect } from 'vitest';
import type { SimCall } from '../../electron/simulator/dataset';
import type { VendorContext } from '../../electron/simulator/http';
import type { Simulator } from '../../electron/simulator/server';
import { agentUuid, callUuid } from '../../electron/simulator/vendors/talkpilot';
import { useSimulator } from '../helpers/simulator';
import { DAY_MS } from '../../shared/time';

/*
 * What the TalkPilot contract tests (tests/vendors/talkpilot-*.contract.test.ts) share: the
 * simulated "now", raw requests to the simulated API, and the simulator the connector's own
 * tests read, with its look-ups.
 */

export const NOW = Date.UTC(2026, 10, 20, 12);

export type Json = Record<string, unknown>;

/** One GET on the simulated TalkPilot API with the given key (the main key by default). */
export async function apiGet(sim: Simulator, path: string, key: string | null = sim.credentials.talkpilot.apiKey) {
  const response = await fetch(`${sim.baseUrls.talkpilot}${path}`, { headers: key ? { 'X-API-Key': key } : {} });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

/** Every call an agent's list answers with the query, all pages, and the list's total. */
export async function listAll(sim: Simulator, agentId: string, query = ''): Promise<{ calls: Json[]; total: number }> {
  const calls: Json[] = [];
  for (let page = 1; ; page += 1) {
    const { status, body } = await apiGet(sim, `/agents/${agentId}/calls?limit=100&page=${page}${query ? `&${query}` : ''}`);
    expect(status).toBe(200);
    calls.push(...(body.data as Json[]));
    const { pages, total } = body.pagination as { pages: number; total: number };
    if (page >= pages) return { calls, total };
  }
}

/**
 * The simulator of the "TalkPilot connector against the simulator" tests (3,000 calls over
 * 60 days, no rate limits), started for the calling file's describe block, and look-ups into
 * its dataset: a call's agent, its reference for a detail read, whether it is settled.
 */
export function useTalkPilotSimulator() {
  const ctx = useSimulator({ nowMs: NOW, calls: 3_000, days: 60, rateLimits: 'off' });
  const dataset = () => ctx.sim.datasets.talkpilot;
  const simContext = (): VendorContext => ({ vendor: 'talkpilot', dataset: dataset(), faults: ctx.sim.faults, nowMs: NOW });
  const agentOf = (call: SimCall) => dataset().agents[call.agentIndex]!;
  const refOf = (call: SimCall) => ({ vendorCallId: callUuid(call), userId: agentUuid(agentOf(call)) });
  const settled = (call: SimCall) => !call.purged && call.deletedAtMs === null && call.startedAtMs < NOW - 2 * DAY_MS;
  const requestsSince = (index: number) => ctx.sim.requests.slice(index).map((r) => new URL(r.url, 'http://sim'));
  return { ctx, dataset, simContext, agentOf, refOf, settled, requestsSince };
}
