import { Worker } from 'node:worker_threads';
import type { SyncRun } from '../../shared/sync';
import { ReportFileError } from '../reports/file';
import type { ReportWriter } from '../reports/write-report';
import type { ServedSimulator, Simulator, SimulatorOptions } from '../simulator/server';
import type { TrackerHitsRunner } from '../store/tracker-hits';
import type { SyncRunner } from '../sync/runner';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';

export interface CoreWorkerOptions {
  databasePath: string;
  /** The built worker bundle (out/main/worker.js). */
  workerFile: string;
  log?: (line: string) => void;
}

/** Omit over each member of a union (the built-in one merges them first). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Pending {
  answer(message: FromWorker): void;
  /** The worker died before answering. */
  fail(error: Error): void;
}

/** What a sync or export says when the worker died under it (the sync history and the export list show it). */
export const WORKER_DIED = "Talktally's background worker stopped unexpectedly.";
export const WORKER_FAILED = "Talktally's background worker hit an unexpected problem (details in the log).";

/**
 * Main's side of the core's worker thread. Syncs and exports run there, so
 * main's event loop stays free for the window: no vendor page, upsert or
 * workbook row runs on it. The worker is started on first use and again after
 * it dies; work it had in hand fails with WORKER_DIED (already-written pages
 * stay: each was its own transaction), and the next sync carries on.
 */
export class CoreWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** How many times a worker has been started: the first, then one per restart. */
  starts = 0;

  constructor(private readonly options: CoreWorkerOptions) {}

  private live(): Worker {
    if (this.worker) return this.worker;
    const start: WorkerStart = { databasePath: this.options.databasePath };
    const worker = new Worker(this.options.workerFile, { workerData: start });
    this.starts += 1;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'log') return this.options.log?.(message.line);
      this.pending.get(message.id)?.answer(message);
    });
    worker.on('error', (error) => this.options.log?.(`[worker] ${error.stack ?? error.message}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (code !== 0 || this.pending.size > 0) this.options.log?.(`[worker] exited with code ${code}`);
      const orphans = [...this.pending.values()];
      this.pending.clear();
      for (const work of orphans) work.fail(new Error(WORKER_DIED));
    });
    // Idle, the worker must not keep the CLI or a test process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Sends one piece of work; `answer` gets its messages until it settles. Cancel crosses as a message. */
  private send<T>(
    work: DistributiveOmit<Exclude<ToWorker, { type: 'cancel' }>, 'id'>,
    signal: AbortSignal | undefined,
    answer: (message: FromWorker, settle: (result: T | Error) => void) => void,
    id = this.nextId++,
  ): Promise<T> {
    const worker = this.live();
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
      const settle = (result: T | Error) => {
        this.pending.delete(id);
        signal?.removeEventListener('abort', onAbort);
        if (this.pending.size === 0) worker.unref();
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      this.pending.set(id, { answer: (message) => answer(message, settle), fail: settle });
      // Busy, the worker keeps the process alive until its work is done.
      worker.ref();
      worker.postMessage({ ...work, id } as ToWorker);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  readonly syncRunner: SyncRunner = {
    run: (request, onProgress, signal) =>
      this.send<SyncRun>({ type: 'sync', request }, signal, (message, settle) => {
        if (message.type === 'sync-progress') onProgress(message.progress);
        else if (message.type === 'sync-done') settle(message.run);
        else if (message.type === 'failed') {
          // runSync records vendor failures in the run itself: this is a bug or a broken database, so the details go to the log.
          this.options.log?.(`[worker] sync failed: ${message.failure.message}`);
          settle(new Error(WORKER_FAILED));
        }
      }),
  };

  readonly reportWriter: ReportWriter = {
    write: (request, { signal, onProgress, ...options }) =>
      this.send<number>({ type: 'report', request, options }, signal, (message, settle) => {
        if (message.type === 'report-progress') onProgress?.(message.written, message.total);
        else if (message.type === 'report-done') settle(message.written);
        else if (message.type === 'failed') {
          const { failure } = message;
          if (failure.kind === 'unexpected') this.options.log?.(`[worker] report failed: ${failure.message}`);
          settle(failure.kind === 'file' ? new ReportFileError(failure.problem ?? 'io_error', failure.message) : new Error(failure.kind));
        }
      }),
  };

  readonly trackerHits: TrackerHitsRunner = {
    refresh: (trackerId) =>
      this.send<undefined>({ type: 'tracker-hits', trackerId }, undefined, (message, settle) => {
        if (message.type === 'tracker-hits-done') settle(undefined);
        else if (message.type === 'failed') {
          this.options.log?.(`[worker] tracker hits failed: ${message.failure.message}`);
          settle(new Error(WORKER_FAILED));
        }
      }),
  };

  /** The demo's simulator, served from the worker's thread; `close` stops it there. */
  async startSimulator(options: SimulatorOptions): Promise<ServedSimulator> {
    const id = this.nextId++;
    const failed = (message: FromWorker) => message.type === 'failed' && new Error(`the demo's simulator could not run: ${message.failure.message}`);
    const served = await this.send<Pick<Simulator, 'baseUrls' | 'credentials'>>(
      { type: 'simulator', options },
      undefined,
      (message, settle) => {
        if (message.type === 'simulator-ready') settle(message.simulator);
        else settle(failed(message) || new Error('unexpected answer'));
      },
      id,
    );
    return {
      ...served,
      // A worker that has died took the simulator with it: nothing is left to stop.
      close: () =>
        this.worker
          ? this.send<true>({ type: 'simulator-stop' }, undefined, (_message, settle) => settle(true), id)
              .then(() => undefined)
              .catch(() => undefined)
          : Promise.resolve(),
    };
  }

  /** Ends the worker as a crash would (tests of what a crash leaves behind). */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Stops the worker when the app quits (after syncs were cancelled and have ended). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
