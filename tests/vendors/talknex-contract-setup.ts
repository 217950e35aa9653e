import { afterEach } from 'vitest';
import type { VendorContext } from '../../electron/simulator/http';
import { useSimulator } from '../helpers/simulator';

/*
 * What the Talknex contract tests (tests/vendors/talknex-*.contract.test.ts) share: the simulated
 * "now" and the simulator the connector's own tests read.
 */

export const NOW = Date.UTC(2026, 10, 20, 12);

/**
 * The simulator of the "Talknex connector against the simulator" tests (3,000 calls over 120
 * days, no rate limits), started for the calling file's describe block, with the vendor context
 * its records are built in and the call-list requests it received.
 */
export function useTalknexSimulator() {
  const ctx = useSimulator({ nowMs: NOW, calls: 3_000, days: 120, rateLimits: 'off' });
  const dataset = () => ctx.sim.datasets.talknex;
  const simContext = (): VendorContext => ({ vendor: 'talknex', dataset: dataset(), faults: ctx.sim.faults, nowMs: NOW });
  const callRequestsSince = (index: number) => ctx.sim.requests.slice(index).filter((r) => r.url.startsWith('/talknex/v1/calls?'));
  afterEach(() => ctx.sim.faults.clear());
  return { ctx, dataset, simContext, callRequestsSince };
}
