import { savedAddressProblem } from '../../shared/base-url';
import type { Connection } from '../../shared/connections';
import type { SyncProgress, SyncRun } from '../../shared/sync';
import { getConnection, listConnections } from '../store/connections';
import { closeInterruptedRuns, finishSyncRun, listSyncRuns, startSyncRun } from '../store/sync-state';
import type { Db } from '../store/db';
import type { SecretStore } from '../secrets/secret-store';
import type { HttpFor } from '../vendors/connector';
import type { SyncRunner } from './runner';

interface Running {
  controller: AbortController;
  progress: SyncProgress | null;
  done: Promise<SyncRun>;
}

export interface SyncServiceOptions {
  db: Db;
  secrets: SecretStore;
  /** Where the syncs run: the core's worker in the app, so the window's process stays free. */
  runner: SyncRunner;
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
    const { secrets } = this.options;
    try {
      // Saved before https was required: its key is not sent over plain http to another host.
      const unsafe = savedAddressProblem(connection.settings.baseUrl);
      if (unsafe) return this.finished(this.failedRun(connection, `"${connection.label}": ${unsafe}`));
      let apiKey: string | null;
      try {
        apiKey = await secrets.get(connection.id);
      } catch (error) {
        return this.finished(this.failedRun(connection, error instanceof Error ? error.message : String(error)));
      }
      if (!apiKey) return this.finished(this.failedRun(connection, `"${connection.label}" has no API key. Add it in Connections.`));
      const http = this.options.http?.(connection);
      // Weekly, the app's sync re-reads everything stored to catch deletions and purges of old calls.
      const request = { connection, apiKey, reconcile: 'when-due' as const, ...(http ? { http } : {}) };
      let run: SyncRun;
      try {
        run = await this.options.runner.run(
          request,
          (progress) => {
            const entry = this.running.get(connection.id);
            if (entry) entry.progress = progress;
          },
          controller.signal,
        );
      } catch (error) {
        // The runner itself failed (the worker died): what it wrote stays, and the history says so now.
        run = this.interrupted(connection, error instanceof Error ? error.message : String(error));
      }
      return this.finished(run);
    } finally {
      this.running.delete(connection.id);
    }
  }

  /** Closes the run the runner left behind (or records one), in plain words. */
  private interrupted(connection: Connection, reason: string): SyncRun {
    const { db } = this.options;
    const message = `Interrupted: ${reason} What was saved stays; the next sync carries on from where it stopped.`;
    if (closeInterruptedRuns(db, connection.id, Date.now(), message) === 0) return this.failedRun(connection, message);
    return listSyncRuns(db, { connectionId: connection.id, limit: 1 })[0] ?? this.failedRun(connection, message);
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
