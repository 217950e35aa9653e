import { VENDOR_NAMES, VENDORS } from '../../shared/vendors';
import type { SecretStore } from '../secrets/secret-store';
import { simulatedSettings, startSimulator, type ServedSimulator, type SimulatorOptions } from '../simulator/server';
import { getDemoRecord, setDemoRecord, type DemoRecord } from '../store/app-settings';
import { removeConnectionAndKey } from '../connections/manage';
import { addConnection, getConnection, updateConnection } from '../store/connections';
import type { Db } from '../store/db';
import type { SyncService } from '../sync/service';
import type { ConnectorOptions, HttpFor } from '../vendors/connector';

/**
 * The simulator runs in this process with its rate limits off, so the demo's
 * client pacing is raised to match; real vendors keep their published limits.
 */
const DEMO_HTTP: NonNullable<ConnectorOptions['http']> = { timeoutMs: 10_000, retries: 4, backoffLimitMs: 500, rateLimit: { limit: 2_000, intervalMs: 1_000 } };
/** Enough calls for every screen to look real, few enough to sync in well under a minute. */
const DEMO_CALLS_PER_VENDOR = 1_500;
const HOUR_MS = 3_600_000;
/** The first sync reads back 30 days, so the demo's data spans exactly that: every call is seen. */
const DEMO_DAYS = 30;

export interface DemoOptions {
  db: Db;
  secrets: SecretStore;
  sync: SyncService;
  callsPerVendor?: number;
  /** Starts the simulator: in the core's worker in the app (its HTTP server and data must not load main), here by default. */
  serve?: (options: SimulatorOptions) => Promise<ServedSimulator>;
}

/**
 * "Explore with demo data": the five vendor simulators on 127.0.0.1, one
 * connection each with its key in the keychain, synced through the real sync
 * path. The record in the database lets the demo serve the same data after a
 * restart (on a new port) until the user removes it.
 */
export class DemoService {
  private sim: ServedSimulator | null = null;

  constructor(private readonly options: DemoOptions) {}

  /** Starts the demo (or picks it up again) and starts syncing it; returns its connections. */
  async start(): Promise<number[]> {
    const { db, secrets, sync } = this.options;
    const existing = getDemoRecord(db);
    if (existing && (await this.resume())) {
      sync.start(existing.connectionIds);
      return existing.connectionIds;
    }
    const record: DemoRecord = {
      seed: 1,
      nowMs: Math.floor(Date.now() / HOUR_MS) * HOUR_MS,
      callsPerVendor: this.options.callsPerVendor ?? DEMO_CALLS_PER_VENDOR,
      connectionIds: [],
    };
    const sim = await this.serve(record);
    for (const vendor of VENDORS) {
      const connection = addConnection(db, { vendor, label: `Demo: ${VENDOR_NAMES[vendor]}`, settings: simulatedSettings(sim, vendor) });
      record.connectionIds.push(connection.id);
      // Saved as it goes: a demo cut short is still found and removed as a whole.
      setDemoRecord(db, record);
      await secrets.set(connection.id, sim.credentials[vendor].apiKey);
    }
    sync.start(record.connectionIds);
    return record.connectionIds;
  }

  /** At start-up: serves the demo's data again and points its connections at the new port. False when there is no demo. */
  async resume(): Promise<boolean> {
    const { db } = this.options;
    const record = getDemoRecord(db);
    if (!record) return false;
    const sim = this.sim ?? (await this.serve(record));
    for (const id of record.connectionIds) {
      const connection = getConnection(db, id);
      if (connection) updateConnection(db, id, { settings: simulatedSettings(sim, connection.vendor) });
    }
    return true;
  }

  /** Removes the demo's connections, their keys and their calls. */
  async remove(): Promise<number> {
    const { db, secrets, sync } = this.options;
    const record = getDemoRecord(db);
    if (!record) return 0;
    sync.cancel(record.connectionIds);
    await sync.idle();
    for (const id of record.connectionIds) await removeConnectionAndKey(db, secrets, id);
    setDemoRecord(db, null);
    await this.stop();
    return record.connectionIds.length;
  }

  /** The demo's pacing for its own connections; undefined (the defaults) for every other. */
  readonly httpFor: HttpFor = (connection) => (this.isDemo(connection.id) ? DEMO_HTTP : undefined);

  isDemo(connectionId: number): boolean {
    return getDemoRecord(this.options.db)?.connectionIds.includes(connectionId) ?? false;
  }

  async stop(): Promise<void> {
    await this.sim?.close();
    this.sim = null;
  }

  private async serve(record: DemoRecord): Promise<ServedSimulator> {
    const serve = this.options.serve ?? startSimulator;
    this.sim = await serve({ seed: record.seed, nowMs: record.nowMs, calls: record.callsPerVendor, days: DEMO_DAYS, rateLimits: 'off' });
    return this.sim;
  }
}
