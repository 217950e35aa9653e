import type { Vendor } from '../../shared/vendors';
import type { Simulator } from '../../electron/simulator/server';
import { addConnection } from '../../electron/store/connections';
import type { Db } from '../../electron/store/database';
import { syncConnection, type SyncOptions } from '../../electron/sync/engine';
import type { ConnectorOptions } from '../../electron/vendors/connector';
import { simConnector, simSettings } from './simulator';

/** A connection to the simulated vendor, stored the way the app stores one (no key in it). */
export function addSimConnection(db: Db, sim: Simulator, vendor: Vendor) {
  return addConnection(db, { vendor, label: `${vendor} (simulated)`, settings: simSettings(sim, vendor) });
}

/** Runs one real sync of a simulated connection, fast retries, at the simulator's "now". */
export async function syncFromSim(
  db: Db,
  sim: Simulator,
  connection: ReturnType<typeof addSimConnection>,
  options: Partial<Omit<SyncOptions, 'db' | 'connection' | 'connector'>> & { connector?: Partial<ConnectorOptions> } = {},
) {
  const { connector: connectorOptions, ...rest } = options;
  const { connector, logs } = simConnector(sim, connection.vendor, {
    ...connectorOptions,
    http: { ...connectorOptions?.http, ...(rest.signal ? { signal: rest.signal } : {}) },
  });
  const run = await syncConnection({ db, connection, connector, nowMs: sim.datasets[connection.vendor].options.nowMs, ...rest });
  return { run, connector, logs };
}

type Snapshot = Record<string, unknown[][]>;

/**
 * The synced data (not the run history), for "same database" comparisons.
 * Search indexes are compared logically, with assertIndexesIntact: their
 * internal pages depend on the order rows were written in.
 * `withoutSignedLinks` blanks signed recording links and their expiry, which a
 * vendor issues afresh on every read (TalkPilot) and so differ by design.
 */
export function syncedData(db: Db, options: { withoutSignedLinks?: boolean; from?: Snapshot } = {}): Snapshot {
  const tables = ['calls', 'transcripts', 'utterances', 'user_activity'];
  const snapshot: Snapshot = options.from ?? Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw().all() as unknown[][]]));
  if (!options.withoutSignedLinks) return snapshot;
  const columns = db.prepare(`SELECT name FROM pragma_table_info('calls')`).pluck().all() as string[];
  const blank = ['recording_url', 'recording_url_expires_at_ms', 'changed_at_ms'].map((c) => columns.indexOf(c));
  return { ...snapshot, calls: (snapshot.calls ?? []).map((row) => row.map((v, i) => (blank.includes(i) ? null : v))) };
}
