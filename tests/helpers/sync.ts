import type { Vendor } from '../../shared/vendors';
import type { Simulator } from '../../electron/simulator/server';
import { addConnection } from '../../electron/store/connections';
import type { Db } from '../../electron/store/db';
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

/** Columns that record when this database wrote a row, not what the vendor said. */
const WRITE_TIMES = ['changed_at_ms', 'fetched_at_ms'];
/** Signed recording links a vendor issues afresh on every read (TalkPilot): they differ by design. */
const SIGNED_LINKS = ['recording_url', 'recording_url_expires_at_ms'];

/**
 * The synced data (not the run history), for "same database" comparisons.
 * Search indexes are compared logically, with assertIndexesIntact: their
 * internal pages depend on the order rows were written in. `ignore` blanks
 * columns that may rightly differ: local write times (two databases synced at
 * different moments) and signed links.
 */
export function syncedData(db: Db, options: { ignore?: ('write-times' | 'signed-links')[]; from?: Snapshot } = {}): Snapshot {
  const tables = ['calls', 'transcripts', 'utterances', 'user_activity'];
  const snapshot: Snapshot =
    options.from ?? Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw().all() as unknown[][]]));
  const blank = [
    ...(options.ignore?.includes('write-times') ? WRITE_TIMES : []),
    ...(options.ignore?.includes('signed-links') ? [...SIGNED_LINKS, 'changed_at_ms'] : []),
  ];
  if (!blank.length) return snapshot;
  return Object.fromEntries(
    Object.entries(snapshot).map(([table, rows]) => {
      const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];
      const at = blank.map((c) => columns.indexOf(c)).filter((i) => i >= 0);
      return [table, rows.map((row) => row.map((v, i) => (at.includes(i) ? null : v)))];
    }),
  );
}
