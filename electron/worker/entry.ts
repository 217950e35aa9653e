import { parentPort, workerData } from 'node:worker_threads';
import { writeReport } from '../reports/write-report';
import { ReportFileError } from '../reports/workbook';
import { openDatabase } from '../store/database';
import { givePlaceToTheWindow } from './priority';
import { refreshTrackerHitsInSteps } from '../store/tracker-hits';
import { startSimulator, type Simulator } from '../simulator/server';
import { runSync } from '../sync/runner';
import type { FromWorker, ToWorker, WorkerStart, WorkFailure } from './protocol';

/**
 * The core's worker: a thread of its own with its own connection to the
 * database file (WAL lets main's short reads go on while it writes), running
 * the same sync and report code the CLI runs in-process. Main sends work and
 * cancels; the worker answers with progress, results and failures.
 */
if (!parentPort) throw new Error('The Talktally worker must run as a worker thread.');
const port = parentPort;
const { databasePath } = workerData as WorkerStart;
// Main has opened (and migrated) the file already: this only connects to it.
const db = openDatabase(databasePath, { create: false });
const running = new Map<number, AbortController>();
const simulators = new Map<number, Simulator>();

function send(message: FromWorker): void {
  port.postMessage(message);
}
function log(line: string): void {
  send({ type: 'log', line });
}
givePlaceToTheWindow(log);

function failureOf(error: unknown, signal: AbortSignal): WorkFailure {
  if (signal.aborted) return { kind: 'cancelled', message: 'Cancelled.' };
  if (error instanceof ReportFileError) return { kind: 'file', message: error.message, problem: error.problem };
  return { kind: 'unexpected', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** The demo's simulator: its HTTP server and generated data live on this thread, beside the syncs that read it. */
async function simulate(message: Extract<ToWorker, { type: 'simulator' | 'simulator-stop' }>): Promise<void> {
  const { id } = message;
  try {
    if (message.type === 'simulator') {
      const sim = await startSimulator(message.options);
      simulators.set(id, sim);
      send({ type: 'simulator-ready', id, simulator: { baseUrls: sim.baseUrls, credentials: sim.credentials } });
    } else {
      await simulators.get(id)?.close();
      simulators.delete(id);
      send({ type: 'simulator-stopped', id });
    }
  } catch (error) {
    send({ type: 'failed', id, failure: { kind: 'unexpected', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } });
  }
}

/** A tracker's hits, worked out here so main answers the window meanwhile; in chunks, so a sync's writes interleave. */
async function trackerHits(message: Extract<ToWorker, { type: 'tracker-hits' }>): Promise<void> {
  try {
    await refreshTrackerHitsInSteps(db, { trackerId: message.trackerId });
    send({ type: 'tracker-hits-done', id: message.id });
  } catch (error) {
    send({ type: 'failed', id: message.id, failure: { kind: 'unexpected', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } });
  }
}

async function work(message: Extract<ToWorker, { type: 'sync' | 'report' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  const { id } = message;
  try {
    if (message.type === 'sync') {
      const run = await runSync(db, message.request, (progress) => send({ type: 'sync-progress', id, progress }), controller.signal, log);
      send({ type: 'sync-done', id, run });
    } else {
      const written = await writeReport(db, message.request, {
        ...message.options,
        signal: controller.signal,
        onProgress: (done, total) => send({ type: 'report-progress', id, written: done, total }),
      });
      send({ type: 'report-done', id, written });
    }
  } catch (error) {
    send({ type: 'failed', id, failure: failureOf(error, controller.signal) });
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') running.get(message.id)?.abort();
  else if (message.type === 'simulator' || message.type === 'simulator-stop') void simulate(message);
  else if (message.type === 'tracker-hits') void trackerHits(message);
  else void work(message);
});
