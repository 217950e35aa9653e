import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { VENDORS } from '../shared/vendors';
import { createCore, type Core } from '../electron/app';
import type { SecretStore } from '../electron/secrets/secret-store';
import { addConnection } from '../electron/store/connections';
import { answer, runChild, startChild } from './child';
import { FAST_HTTP, simulatedConnection, type SimulatorAnswer, type SimulatorInput } from './ingest';
import { BENCH_SHELL } from './shell';
import { count, ms, percentile, seconds } from './stats';
import type { BenchResult } from './table';

/**
 * Responsiveness of the window's process: while the core syncs five vendors
 * and writes workbooks, main samples its own event-loop delay and sends the
 * calls table's first page every 25 ms through the real dispatcher (with the
 * structured clone Electron's IPC adds), as the window would while the user
 * scrolls. Measured twice in one run: with the work on main's own thread, as
 * the app did before the core's worker (before), and in the worker (after).
 * The simulator runs in its own process, as a vendor would, and each mode
 * runs in a fresh process of its own, as the app does: the "before" run's
 * heap (every page parsed on main) never weighs on the "after" run's collector.
 */

const FRAME_MS = 16;
const MAX_MS = 50;
const EVERY_MS = 25;
const HOUR_MS = 3_600_000;

interface Sample {
  phase: string;
  requests: number;
  listP99: number;
  listMax: number;
  delayP99: number;
  delayMax: number;
  tookMs: number;
}

/** Keys for the simulated vendors, kept in memory: a benchmark never touches the OS keychain. */
function memorySecrets(): SecretStore {
  const keys = new Map<number, string>();
  return {
    set: async (id, key) => void keys.set(id, key),
    get: async (id) => keys.get(id) ?? null,
    has: async (id) => keys.has(id),
    delete: async (id) => keys.delete(id),
  };
}

/** Samples main while `work` runs (at least `minMs`). */
async function sample(core: Core, phase: string, work: Promise<unknown>, minMs = 0): Promise<Sample> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const latencies: number[] = [];
  let done = false;
  const started = performance.now();
  void work.finally(() => (done = true));
  delay.enable();
  // Each request is due every 25 ms; its latency counts from when it was due, so time the
  // request spent waiting for a blocked event loop (as a window's IPC message would) counts too.
  let due = performance.now();
  while (!done || performance.now() - started < minMs) {
    await sleep(Math.max(0, due - performance.now()));
    const answer = await core.dispatch('calls/list', { limit: 100 });
    structuredClone(answer);
    const now = performance.now();
    latencies.push(now - due);
    due = Math.max(due + EVERY_MS, now);
  }
  delay.disable();
  await work;
  return {
    phase,
    requests: latencies.length,
    listP99: percentile(latencies, 99),
    listMax: Math.max(...latencies),
    delayP99: delay.percentile(99) / 1e6,
    delayMax: delay.max / 1e6,
    tookMs: performance.now() - started,
  };
}

async function measure(mode: 'before' | 'after', sim: SimulatorAnswer, workDir: string, log: (line: string) => void): Promise<Sample[]> {
  const file = path.join(workDir, `responsiveness-${mode}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const core = createCore({
    databasePath: file,
    version: 'bench',
    // The bench runs from out/main/bench.js; the worker bundle is beside it.
    workerFile: mode === 'after' ? path.join(import.meta.dirname, 'worker.js') : null,
    shell: { ...BENCH_SHELL, defaultReportsFolder: workDir },
    secrets: memorySecrets(),
    http: () => FAST_HTTP,
  });
  try {
    for (const vendor of VENDORS) {
      const { settings, apiKey } = simulatedConnection(sim, vendor);
      const connection = addConnection(core.db, { vendor, label: `${vendor} (simulated)`, settings });
      await core.secrets.set(connection.id, apiKey);
    }
    const samples = [await sample(core, 'idle', sleep(2_000))];
    log(`responsiveness (${mode}): syncing five vendors…`);
    core.sync.start();
    const synced = await sample(core, 'sync', core.sync.idle());
    samples.push(synced);
    const calls = core.db.prepare(`SELECT count(*) FROM calls`).pluck().get() as number;
    const runs = core.db.prepare(`SELECT status, count(*) AS n FROM sync_runs GROUP BY status`).all() as { status: string; n: number }[];
    log(`responsiveness (${mode}): ${count(calls)} calls synced (${runs.map((r) => `${r.n} ${r.status}`).join(', ')}); calls export…`);
    synced.phase = `sync of ${count(calls)} calls`;
    core.reports.start({ kind: 'calls', query: { filters: {}, sort: { column: 'startedAt', direction: 'desc' } } });
    samples.push(await sample(core, `calls export (${count(calls)} rows)`, core.reports.idle()));
    log(`responsiveness (${mode}): transcripts export…`);
    core.reports.start({ kind: 'transcripts', query: { filters: { hasTranscript: true }, sort: { column: 'startedAt', direction: 'desc' } } });
    samples.push(await sample(core, 'transcripts export', core.reports.idle()));
    const failed = core.reports.status().filter((job) => job.state !== 'done');
    if (failed.length) throw new Error(`responsiveness: an export did not finish: ${failed.map((j) => `${j.kind} ${j.state} ${j.error ?? ''}`).join('; ')}`);
    return samples;
  } finally {
    await core.close();
  }
}

export interface ResponsivenessInput {
  mode: 'before' | 'after';
  sim: SimulatorAnswer;
  workDir: string;
}

/** The child: one mode measured in a process of its own; answers its samples. */
export async function responsivenessChild(input: ResponsivenessInput): Promise<void> {
  answer(await measure(input.mode, input.sim, input.workDir, (line) => console.error(`[bench] ${line}`)));
}

export async function benchResponsiveness(options: { quick: boolean; workDir: string; log: (line: string) => void }): Promise<BenchResult[]> {
  const callsPerVendor = options.quick ? 4_000 : 20_000;
  options.log(`responsiveness: starting the simulator (${count(callsPerVendor)} calls per vendor over 30 days)…`);
  const simulator = await startChild<SimulatorAnswer>('simulator', {
    calls: callsPerVendor,
    seed: 21,
    nowMs: Math.floor(Date.now() / HOUR_MS) * HOUR_MS,
    days: 30,
  } satisfies SimulatorInput);
  try {
    const results: BenchResult[] = [];
    for (const mode of ['before', 'after'] as const) {
      options.log(`responsiveness (${mode}): in a process of its own…`);
      const samples = await runChild<Sample[]>('responsiveness', { mode, sim: simulator.result, workDir: options.workDir } satisfies ResponsivenessInput);
      const where = mode === 'before' ? 'work on main (before)' : 'work in the core worker';
      for (const s of samples) {
        const met = mode === 'after' ? s.listP99 <= FRAME_MS && s.listMax <= MAX_MS && s.delayP99 <= FRAME_MS && s.delayMax <= MAX_MS : null;
        results.push({
          area: 'Responsiveness',
          measure: `${where}, ${s.phase}: calls/list first page p99 / max; event-loop delay p99 / max`,
          result: `${ms(s.listP99)} / ${ms(s.listMax)}; ${ms(s.delayP99)} / ${ms(s.delayMax)}`,
          target: mode === 'after' ? `p99 ≤ ${FRAME_MS} ms, max ≤ ${MAX_MS} ms` : '',
          met,
          note: `In a fresh process per mode. ${count(s.requests)} first pages due every ${EVERY_MS} ms over ${seconds(s.tookMs)}, through createCore's dispatcher with a structured clone of each answer; latency from when each was due, so a blocked event loop counts; event-loop delay from perf_hooks.monitorEventLoopDelay (1 ms resolution).`,
        });
      }
    }
    return results;
  } finally {
    await simulator.stop();
  }
}
