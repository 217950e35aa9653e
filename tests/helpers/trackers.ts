import type { TrackerPersonCount } from '../../shared/trackers';
import type { Vendor } from '../../shared/vendors';
import type { Simulator } from '../../electron/simulator/server';
import type { Db } from '../../electron/store/db';
import { DAY_MS } from '../../shared/time';

const NOW = Date.UTC(2026, 10, 20, 12);
/** The range the tests count over: part of the simulator's days, so calls outside it must be left out. */
export const RANGE = { fromDay: '2026-11-14', toDay: '2026-11-19', fromMs: NOW - 6 * DAY_MS, toMs: NOW - DAY_MS / 2 };

/**
 * The expected figures come from the simulator's own conversations, matched
 * with a plain regular expression (whole words, any case, any run of
 * punctuation or spaces between a phrase's words), not from the store: the
 * database is asked only which calls it holds a completed transcript for, and
 * whose they are.
 */
function phraseRegex(phrase: string): RegExp {
  const words = phrase.match(/[\p{L}\p{N}]+/gu) ?? [];
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

interface StoredCall {
  id: number;
  connection_id: number;
  user_id: string | null;
  vendor: Vendor;
  vendor_call_id: string;
  started_at_ms: number;
}

/** Per stored call with a transcript: which sides said any of `phrases`, from the simulator's text. */
export function expectedSides(db: Db, sim: Simulator, phrases: readonly string[]): Map<number, { call: StoredCall; ours: boolean; contact: boolean }> {
  const calls = db
    .prepare(
      `SELECT c.id, c.connection_id, c.user_id, k.vendor, c.vendor_call_id, c.started_at_ms FROM calls c
       JOIN connections k ON k.id = c.connection_id JOIN transcripts t ON t.call_id = c.id WHERE t.status = 'completed'`,
    )
    .all() as StoredCall[];
  const regexes = phrases.map(phraseRegex);
  const sides = new Map<number, { call: StoredCall; ours: boolean; contact: boolean }>();
  for (const call of calls) {
    const simCall = sim.datasets[call.vendor].callById(call.vendor_call_id.replace(/^call_/, ''));
    if (!simCall) throw new Error(`no simulated call for ${call.vendor_call_id}`);
    const said = (role: 'agent' | 'contact') =>
      sim.datasets[call.vendor].transcriptOf(simCall).some((t) => t.role === role && regexes.some((r) => r.test(t.text)));
    const ours = said('agent');
    const contact = said('contact');
    if (ours || contact) sides.set(call.id, { call, ours, contact });
  }
  return sides;
}

export function expectedCounts(db: Db, sim: Simulator, trackers: { id: number; phrases: string[] }[]): TrackerPersonCount[] {
  const counts = new Map<string, TrackerPersonCount>();
  for (const tracker of trackers) {
    for (const { call, ours, contact } of expectedSides(db, sim, tracker.phrases).values()) {
      if (call.started_at_ms < RANGE.fromMs || call.started_at_ms >= RANGE.toMs) continue;
      const key = JSON.stringify([call.connection_id, call.user_id, tracker.id]);
      const row = counts.get(key) ?? { connectionId: call.connection_id, userId: call.user_id, trackerId: tracker.id, calls: 0, oursCalls: 0, contactCalls: 0 };
      row.calls += 1;
      row.oursCalls += ours ? 1 : 0;
      row.contactCalls += contact ? 1 : 0;
      counts.set(key, row);
    }
  }
  return sortCounts([...counts.values()]);
}

export const sortCounts = (rows: TrackerPersonCount[]) =>
  [...rows].sort((a, b) => a.connectionId - b.connectionId || String(a.userId).localeCompare(String(b.userId)) || a.trackerId - b.trackerId);
