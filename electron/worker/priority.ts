import fs from 'node:fs';
import os from 'node:os';

/** A nice value above normal: the window's thread is served first when both want the CPU. */
export const WORKER_NICENESS = 10;

/**
 * Lowers this thread's CPU priority, so that on a busy machine (two cores: the
 * worker parsing vendor pages, the window, the rest) main's event loop is
 * scheduled before the long work, as browsers do with background work. Linux
 * only: there `setpriority` with a thread's id changes that thread alone, and
 * `/proc/thread-self` names it. Elsewhere (and where it is refused) the
 * worker keeps the normal priority: slower to give way, never wrong.
 */
export function givePlaceToTheWindow(log: (line: string) => void): void {
  if (process.platform !== 'linux') return;
  try {
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) os.setPriority(threadId, WORKER_NICENESS);
  } catch (error) {
    log(`[worker] could not lower its priority: ${error instanceof Error ? error.message : String(error)}`);
  }
}
