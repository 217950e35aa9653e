import { afterEach } from 'vitest';
import type { SimCall } from '../../electron/simulator/dataset';
import type { Simulator } from '../../electron/simulator/server';
import { callLog, callLogId } from '../../electron/simulator/vendors/highlevel-call-log';
import { readAll, simConnector, useSimulator } from '../helpers/simulator';

/*
 * What the HighLevel Voice AI contract tests (tests/vendors/highlevel-*.contract.test.ts) share:
 * the simulated "now", raw requests to the simulated API, and the simulator the connector's own
 * tests read, with its look-ups.
 */

export const NOW = Date.UTC(2026, 10, 20, 12);
export const CALL_LOGS = '/voice-ai/dashboard/call-logs';

/** A raw request to the simulated API, with the documented headers unless a test replaces them. */
export async function rawGet(sim: Simulator, path: string, query: Record<string, string>, headers: Record<string, string> = {}) {
  const url = `${sim.baseUrls.highlevel}${path}?${new URLSearchParams(query)}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${sim.credentials.highlevel.apiKey}`, version: '2021-04-15', ...headers } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

/**
 * The simulator of the "HighLevel Voice AI connector against the simulator" tests (3,000 calls
 * over 60 days, no rate limits), started for the calling file's describe block, and look-ups
 * into it: a call's raw log, whether it is a trial call, its expected turns, the call read back.
 */
export function useHighLevelSimulator() {
  const ctx = useSimulator({ nowMs: NOW, calls: 3_000, days: 60, rateLimits: 'off' });
  const dataset = () => ctx.sim.datasets.highlevel;
  // A test that fails half-way must not leave its faults to the next one.
  afterEach(() => ctx.sim.faults.clear());
  const rawLog = (call: SimCall) => callLog(call, dataset(), { vendor: 'highlevel', dataset: dataset(), faults: ctx.sim.faults, nowMs: NOW });
  const isTrial = (call: SimCall) => rawLog(call).trialCall === true;
  /** The simulator breaks each bot turn after its first sentence, so its rest arrives as a line with no prefix. */
  const expectedUtterances = (call: SimCall) =>
    dataset()
      .transcriptOf(call)
      .map((t) => ({
        speaker: t.role === 'agent' ? 'bot' : 'human',
        role: t.role,
        text: t.role === 'agent' ? t.text.replace('. ', '.\n') : t.text,
        startMs: null,
        endMs: null,
        confidence: null,
      }));
  const readOne = async (call: SimCall) => {
    const { calls } = await readAll(simConnector(ctx.sim, 'highlevel').connector, { fromMs: call.startedAtMs, toMs: call.startedAtMs + 1 });
    return calls.filter((c) => c.call.vendorCallId === callLogId(call));
  };
  return { ctx, dataset, rawLog, isTrial, expectedUtterances, readOne };
}
