import { expect } from 'vitest';
import type { Vendor } from '../../shared/vendors';
import type { Simulator } from '../../electron/simulator/server';
import type { Connector } from '../../electron/vendors/connector';
import { readAll } from './simulator';
import { DAY_MS } from '../../shared/time';

/**
 * The faults every connector must ride out: two 429s with Retry-After: 1, two
 * 500s, a connection reset and a slow reply. Returns the least time the read
 * must then take (both Retry-Afters waited out).
 */
export function injectRecoverableFaults(sim: Simulator, vendor: Vendor, options: { pathIncludes?: string; slowMs?: number } = {}): number {
  const where = options.pathIncludes ? { pathIncludes: options.pathIncludes } : {};
  sim.faults.inject(vendor, { kind: 'status', status: 429, retryAfter: '1' }, { times: 2, ...where });
  sim.faults.inject(vendor, { kind: 'status', status: 500 }, { times: 2, ...where });
  sim.faults.inject(vendor, { kind: 'reset' }, { times: 1, ...where });
  sim.faults.inject(vendor, { kind: 'slow', delayMs: options.slowMs ?? 600 }, { times: 1, ...where });
  return 1_900;
}

/** A call starting exactly at a window's end belongs to the next window, never to both. */
export async function expectOnlyInLaterWindow(connector: Connector, startedAtMs: number, vendorCallId: string): Promise<void> {
  const before = await readAll(connector, { fromMs: startedAtMs - DAY_MS, toMs: startedAtMs });
  const after = await readAll(connector, { fromMs: startedAtMs, toMs: startedAtMs + DAY_MS });
  expect(before.calls.map((c) => c.call.vendorCallId)).not.toContain(vendorCallId);
  expect(after.calls.map((c) => c.call.vendorCallId)).toContain(vendorCallId);
}

/** Asserts the key appears in no log line, no form of the error, and no URL the simulator received. */
export function expectKeyNowhere(key: string, sim: Simulator, logs: readonly string[], error: unknown): void {
  expect(logs.length).toBeGreaterThan(0);
  const texts = [...logs, String(error), JSON.stringify(error), (error as Error).stack ?? '', ...sim.requests.map((r) => r.url)];
  for (const text of texts) expect(text).not.toContain(key);
}
