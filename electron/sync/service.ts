import type { Connection } from '../../shared/connections';
import type { SyncProgress, SyncRun } from '../../shared/sync';
import { getConnection, listConnections } from '../store/connections';
import { finishSyncRun, startSyncRun } from '../store/sync-state';
import type { Db } from '../store/database';
import type { SecretStore } from '../secrets/secret-store';
import { CONNECTORS } from '../vendors';
import type { HttpFor } from '../vendors/connector';
import { syncConnection } from './engine';

interface Running {
  controller: AbortController;
  progress: SyncProgress | null;
  done: Promise<SyncRun>;
}

export interface SyncServiceOptions {
  db: Db;
  secrets: SecretStore;
  /** HTTP tuning per connection (the demo raises limits for its local simulator). */
  http?: HttpFor;
  log?: (line: string) => void;
  /** Told when a run ends, e.g. to refresh the window. */
  onFinished?: (run: SyncRun) => void;
}

/**
 * The app's syncs: at most one per connection at a time, each in the
 * background with its progress kept for the window to read, cancellable.
 */
export class SyncService {
  private readonly running = new Map<number, Running>();
  private finishedCount = 0;

  constructor(private readonly options: SyncServiceOptions) {}

  /** Starts a sync of each connection not already syncing; returns the ids started. */
  start(connectionIds?: readonly number[]): number[] {
    const { db } = this.options;
    const connections = connectionIds ? connectionIds.map((id) => getConnection(db, id)).filter((c): c is Connection => c !== null) : listConnections(db);
    const started: number[] = [];
    for (const connection of connections) {
      if (this.running.has(connection.id)) continue;
      const controller = new AbortController();
      const entry: Running = { controller, progress: null, done: this.run(connection, controller) };
      this.running.set(connection.id, entry);
      started.push(connection.id);
    }
    return started;
  }

  private async run(connection: Connection, controller: AbortController): Promise<SyncRun> {
    const { db, secrets, log } = this.options;
    try {
      let apiKey: string | null;
      try {
        apiKey = await secrets.get(connection.id);
      } catch (error) {
        return this.finished(this.failedRun(connection, error instanceof Error ? error.message : String(error)));
      }
      if (!apiKey) return this.finished(this.failedRun(connection, `"${connection.label}" has no API key. Add it in Connections.`));
      const connector = CONNECTORS[connection.vendor]({ settings: connection.settings, apiKey, http: { ...this.options.http?.(connection), signal: controller.signal } });
      const run = await syncConnection({
        db,
        connection,
        connector,
        // Weekly, the app's sync re-reads everything stored to catch deletions and purges of old calls.
        reconcile: 'when-due',
        signal: controller.signal,
        onProgress: (progress) => {
          const entry = this.running.get(connection.id);
          if (entry) entry.progress = progress;
        },
        ...(log ? { log } : {}),
      });
      return this.finished(run);
    } finally {
      this.running.delete(connection.id);
    }
  }

  /** A sync that could not begin still belongs in the history, in plain words. */
  private failedRun(connection: Connection, message: string): SyncRun {
    const { db } = this.options;
    return finishSyncRun(db, startSyncRun(db, connection.id), 'failed', message);
  }

  private finished(run: SyncRun): SyncRun {
    this.finishedCount += 1;
    this.options.onFinished?.(run);
    return run;
  }

  /** Cancels running syncs (all, or these connections'); each stops after its current page. */
  cancel(connectionIds?: readonly number[]): number {
    let cancelled = 0;
    for (const [id, entry] of this.running) {
      if (connectionIds && !connectionIds.includes(id)) continue;
      entry.controller.abort();
      cancelled += 1;
    }
    return cancelled;
  }

  /** What is running now, for progress bars. */
  status(): { connectionId: number; progress: SyncProgress | null }[] {
    return [...this.running].map(([connectionId, entry]) => ({ connectionId, progress: entry.progress }));
  }

  /** How many runs have ended since the app started: the window compares it to know when to reload synced data. */
  get finishedRuns(): number {
    return this.finishedCount;
  }

  /** Resolves when every running sync has ended (tests, and quitting cleanly). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }
}
