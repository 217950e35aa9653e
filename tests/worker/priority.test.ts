import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { WORKER_NICENESS } from '../../electron/worker/priority';
import { answer, createTestApp } from '../helpers/app';
import { tempDatabasePath } from '../helpers/temp';

/** This process's threads and their nice values, from /proc (field 19 of each thread's stat, after the command name). */
function niceValues(): Map<number, number> {
  const values = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      values.set(Number(tid), Number(fields[16]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return values;
}

describe.runIf(process.platform === 'linux')("the core's worker thread", () => {
  it("runs at a lower CPU priority than main, so the window's thread is scheduled first on a busy machine", async () => {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    const app = createTestApp(db, file);
    const before = niceValues();
    expect([...before.values()].filter((n) => n === WORKER_NICENESS)).toEqual([]);
    // Any work starts the worker: a tracker's hits are worked out there.
    await answer(app.dispatch, 'trackers/save', { name: 'Pay', phrases: ['salary'] });
    expect(app.worker?.starts).toBe(1);
    const lowered = [...niceValues()].filter(([tid, nice]) => nice === WORKER_NICENESS && !before.has(tid));
    // The worker's thread (and any thread it started, which inherits its niceness).
    expect(lowered.length, 'a new thread at the worker niceness').toBeGreaterThanOrEqual(1);
    // Main's own thread (whose id is the process id) keeps the normal priority.
    expect(niceValues().get(process.pid)).toBe(0);
    await app.close();
    db.close();
  });
});
