import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Work that must run in its own process: the vendor simulator (so its CPU is
 * not the sync's, as with a real vendor) and the report writers (so each peak
 * memory is its own). The bench's own bundle is started again with
 * `--child <kind> <json>`; the child prints one JSON line and, for a server,
 * runs until its stdin closes.
 */
export interface Child<T> {
  /** The child's one-line JSON answer. */
  result: T;
  process: ChildProcess;
  /** Ends a long-running child (its stdin closes) and waits for it. */
  stop(): Promise<void>;
}

export function startChild<T>(kind: string, input: unknown): Promise<Child<T>> {
  const script = process.argv[1] ?? '';
  const child = spawn(process.execPath, [script, '--child', kind, JSON.stringify(input)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      try {
        resolve({
          result: JSON.parse(line) as T,
          process: child,
          stop: async () => {
            child.stdin.end();
            await exited;
          },
        });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    void exited.then((code) => reject(new Error(`bench child "${kind}" exited (${code}) before answering`)));
  });
}

/** Runs a child to its end and returns its answer. */
export async function runChild<T>(kind: string, input: unknown): Promise<T> {
  const child = await startChild<T>(kind, input);
  await child.stop();
  return child.result;
}

/** In the child: answer once, then (for a server) wait until the parent closes stdin. */
export function answer(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function untilStdinCloses(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.resume();
    process.stdin.on('end', resolve);
    process.stdin.on('close', resolve);
  });
}
