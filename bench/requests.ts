import fs from 'node:fs';
import path from 'node:path';
import { VENDORS, VENDOR_NAMES, type Vendor } from '../shared/vendors';
import type { SimCall } from '../electron/simulator/dataset';
import { startSimulator, type Simulator } from '../electron/simulator/server';
import { addConnection } from '../electron/store/connections';
import { openDatabase } from '../electron/store/database';
import { syncConnection } from '../electron/sync/engine';
import { DEFAULT_WINDOW_MS, daysOf, windowsOf } from '../electron/sync/plan';
import { CONNECTORS } from '../electron/vendors';
import type { TimeWindow } from '../electron/vendors/connector';
import { FAST_HTTP, simulatedConnection } from './ingest';
import { STORE_NOW_MS } from './search-store';
import { count } from './stats';
import type { BenchResult } from './table';
import { DAY_MS } from '../shared/time';

/**
 * Requests: a first sync of 90 days per vendor, each request counted from the
 * simulator's log, against the fewest the vendor's API allows for the same
 * data. Each vendor's rules (shared/vendors/README.md and the .txt docs):
 * page size, longest window, whether the list says which calls have a
 * transcript, what else the data needs (agent names, per-day activity).
 */

type Kind = 'calls' | 'transcripts' | 'agents' | 'activity' | 'other';

/** What each request was for, from its path (after the vendor's base path). */
const ROUTES: Record<Vendor, [RegExp, Kind][]> = {
  talentlynk: [
    [/^\/reports\/call-logs/, 'calls'],
    [/^\/transcripts\//, 'transcripts'],
    [/^\/reports\/user-activity/, 'activity'],
  ],
  talkpilot: [
    [/^\/agents\/[^/]+\/calls\/[^/?]+/, 'transcripts'],
    [/^\/agents\/[^/]+\/calls/, 'calls'],
    [/^\/agents/, 'agents'],
  ],
  talkover: [
    [/^\/calls/, 'calls'],
    [/^\/agents/, 'agents'],
  ],
  highlevel: [
    [/^\/voice-ai\/dashboard\/call-logs\/[^/?]+/, 'transcripts'],
    [/^\/voice-ai\/dashboard\/call-logs/, 'calls'],
    [/^\/voice-ai\/agents/, 'agents'],
  ],
  talknex: [
    [/^\/calls\/[^/?]+/, 'transcripts'],
    [/^\/calls/, 'calls'],
    [/^\/agents/, 'agents'],
  ],
};

type Counts = Record<Kind, number>;
const zero = (): Counts => ({ calls: 0, transcripts: 0, agents: 0, activity: 0, other: 0 });
const total = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0);
const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

/**
 * The fewest requests the API allows for a 90-day backfill of this dataset,
 * with every window as long as the API allows (`windowMs`: Infinity), or cut
 * into the sync engine's checkpoint windows.
 */
function minimum(sim: Simulator, vendor: Vendor, range: TimeWindow, windowMs: number): Counts {
  const dataset = sim.datasets[vendor];
  const need = zero();
  const windows = (maxMs: number, wholeDays = false) => windowsOf(range, { maxMs: Math.min(maxMs, windowMs), wholeDays });
  const inWindow = (w: TimeWindow) => dataset.callsBetween(w.fromMs, w.toMs);
  const calls = dataset.callsBetween(range.fromMs, range.toMs);
  switch (vendor) {
    case 'talentlynk':
      // One array per window of at most 7 whole UTC days (the range starts at midnight), no paging;
      // the list says which calls have a transcript; activity is summed over the window asked, so
      // per-day rows take a request a day.
      need.calls = windows(7 * DAY_MS, true).length;
      need.transcripts = dataset.callsBetween(Math.floor(range.fromMs / DAY_MS) * DAY_MS, range.toMs).filter((c) => c.hasTranscript).length;
      need.activity = daysOf(range).length;
      break;
    case 'talkpilot': {
      // Calls are listed per agent (100 a page); the list never carries the transcript, so
      // every call not purged needs its detail.
      need.agents = pages(dataset.agents.length, 100);
      for (const w of windows(Infinity)) {
        const byAgent = new Map<number, number>();
        for (const c of inWindow(w)) byAgent.set(c.agentIndex, (byAgent.get(c.agentIndex) ?? 0) + 1);
        need.calls += dataset.agents.reduce((sum, _, i) => sum + pages(byAgent.get(i) ?? 0, 100), 0);
      }
      need.transcripts = calls.filter((c) => !c.purged).length;
      break;
    }
    case 'talkover':
      // Pages of 100 over whole UTC days; no transcripts.
      need.calls = windows(Infinity, true).reduce((sum, w) => sum + pages(inWindow(w).length, 100), 0);
      break;
    case 'highlevel':
      // Agent names come from the agents list; pages of 50, transcripts inline.
      need.agents = 1;
      need.calls = windows(Infinity).reduce((sum, w) => sum + pages(inWindow(w).length, 50), 0);
      break;
    case 'talknex':
      // Agent names come from the agents list; calls in pages of 100; the list cannot say which
      // calls have a transcript, so each call with talk time needs its detail (one still live too: it may get one).
      need.agents = 1;
      // Its cursor's hasMore only says a page came back full: a list ending on a full page costs one
      // more (empty) page to learn it has ended, which no client can avoid.
      need.calls = windows(Infinity).reduce((sum, w) => sum + Math.floor(inWindow(w).length / 100) + 1, 0);
      need.transcripts = calls.filter((c: SimCall) => c.talkSeconds > 0).length;
      break;
  }
  return need;
}

function used(sim: Simulator, vendor: Vendor, from: number): Counts {
  const basePath = new URL(sim.baseUrls[vendor]).pathname;
  const counts = zero();
  for (const request of sim.requests.slice(from)) {
    if (request.vendor !== vendor) continue;
    const route = request.url.slice(basePath.length);
    counts[ROUTES[vendor].find(([pattern]) => pattern.test(route))?.[1] ?? 'other'] += 1;
  }
  return counts;
}

const describe = (c: Counts) =>
  (Object.entries(c) as [Kind, number][])
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${count(n)}`)
    .join(', ');

export async function benchRequests(options: { callsPerVendor: number; workDir: string; log: (line: string) => void }): Promise<BenchResult[]> {
  const nowMs = STORE_NOW_MS;
  const range = { fromMs: nowMs - 90 * DAY_MS, toMs: nowMs };
  options.log(`requests: a 90-day backfill per vendor, ${count(options.callsPerVendor)} calls each…`);
  const sim = await startSimulator({ calls: options.callsPerVendor, days: 90, nowMs, rateLimits: 'off' });
  const results: BenchResult[] = [];
  try {
    for (const vendor of VENDORS) {
      const file = path.join(options.workDir, `requests-${vendor}.sqlite`);
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
      const db = openDatabase(file);
      const { settings, apiKey } = simulatedConnection(sim, vendor);
      const connection = addConnection(db, { vendor, label: vendor, settings });
      const before = sim.requests.length;
      const run = await syncConnection({ db, connection, connector: CONNECTORS[vendor]({ settings, apiKey, http: FAST_HTTP }), nowMs, backfillDays: 90 });
      db.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
      if (run.status !== 'succeeded') throw new Error(`${vendor} backfill ${run.status}: ${run.errorMessage ?? ''}`);
      const got = used(sim, vendor, before);
      const least = minimum(sim, vendor, range, Infinity);
      const windowed = minimum(sim, vendor, range, DEFAULT_WINDOW_MS);
      const windowNote =
        total(windowed) === total(least)
          ? ''
          : ` The sync's windows (${DEFAULT_WINDOW_MS / DAY_MS} days at most) each end on a part-filled page; the minimum with them is ${count(total(windowed))}${total(got) === total(windowed) ? ', which it meets' : ''}.`;
      const extra = total(got) - total(least);
      results.push({
        area: 'Requests',
        measure: `${VENDOR_NAMES[vendor]}: 90-day backfill, ${count(options.callsPerVendor)} calls`,
        result: `${count(total(got))} used vs ${count(total(least))} minimum`,
        target: '= minimum',
        met: extra === 0,
        note: `Used: ${describe(got)}. Minimum: ${describe(least)}.` + (extra === 0 ? '' : ` ${count(extra)} more.${windowNote}`),
      });
    }
  } finally {
    await sim.close();
  }
  return results;
}
