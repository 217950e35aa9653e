import { afterAll, beforeAll } from 'vitest';
import type { Vendor } from '../../shared/vendors';
import type { ConnectionSettings } from '../../shared/connections';
import { simulatedSettings, startSimulator, type Simulator, type SimulatorOptions } from '../../electron/simulator/server';
import { CONNECTORS } from '../../electron/vendors';
import type { ConnectorOptions } from '../../electron/vendors/connector';

/** Starts one simulator for the file's tests and stops it after them. */
export function useSimulator(options: SimulatorOptions = {}): { readonly sim: Simulator } {
  const holder = {} as { sim: Simulator };
  beforeAll(async () => {
    holder.sim = await startSimulator({ nowMs: Date.UTC(2026, 10, 20, 12), ...options });
  });
  afterAll(async () => {
    await holder.sim?.close();
  });
  return holder;
}

/** The settings a user would enter for the simulated vendor (base URL, app id, location id). */
export function simSettings(sim: Simulator, vendor: Vendor, extra: ConnectionSettings = {}): ConnectionSettings {
  return { ...simulatedSettings(sim, vendor), ...extra };
}

/**
 * A real connector pointed at the simulator, with short retry delays and every
 * log line captured (tests check the key never appears in them).
 */
export function simConnector(sim: Simulator, vendor: Vendor, overrides: Partial<ConnectorOptions> = {}) {
  const logs: string[] = [];
  const connector = CONNECTORS[vendor]({
    settings: simSettings(sim, vendor),
    apiKey: sim.credentials[vendor].apiKey,
    ...overrides,
    http: {
      timeoutMs: 2_000,
      retries: 6,
      backoffLimitMs: 50,
      maxRetryAfterMs: 3_000,
      rateLimit: { limit: 10_000, intervalMs: 1_000 },
      log: (line) => logs.push(line),
      ...overrides.http,
    },
  });
  return { connector, logs };
}

/** Reads every page of a window into one list. */
export async function readAll(connector: ReturnType<typeof simConnector>['connector'], window: { fromMs: number; toMs: number }) {
  const calls = [];
  const warnings = [];
  for await (const page of connector.readCalls(window)) {
    calls.push(...page.calls);
    warnings.push(...page.warnings);
  }
  return { calls, warnings };
}
