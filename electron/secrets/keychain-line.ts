import { KeychainTimeoutError, type KeychainOperation } from './keychain-errors';

/**
 * One keychain call at a time, each with a deadline. keytar runs each call on
 * one of libuv's four worker threads and cannot cancel it: calls into a hung
 * keychain, issued side by side, would take every thread and with them file and
 * DNS work in the whole process. So calls wait their turn, and while a call that
 * timed out is still unanswered, later calls fail at once instead of hanging too.
 * When it is answered at last (the user unlocked the keychain), calls go through again.
 */
export class KeychainLine {
  private previous: Promise<unknown> = Promise.resolve();
  private unanswered = false;

  get waiting(): boolean {
    return this.unanswered;
  }

  run<T>(operation: KeychainOperation, timeoutMs: number, call: () => Promise<T>): Promise<T> {
    const turn = this.previous.then(() => this.start(operation, timeoutMs, call));
    this.previous = turn.catch(() => undefined);
    return turn;
  }

  private start<T>(operation: KeychainOperation, timeoutMs: number, call: () => Promise<T>): Promise<T> {
    if (this.unanswered) return Promise.reject(new KeychainTimeoutError(operation, timeoutMs, true));
    const answer = call();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.unanswered = true;
        void answer.then(
          () => (this.unanswered = false),
          () => (this.unanswered = false),
        );
        reject(new KeychainTimeoutError(operation, timeoutMs, false));
      }, timeoutMs);
    });
    return Promise.race([answer, deadline]).finally(() => clearTimeout(timer));
  }
}

/** One line per keytar: the real one is shared by every store in the process, as its threads are. */
const lines = new WeakMap<object, KeychainLine>();
export function lineOf(keytar: object): KeychainLine {
  let line = lines.get(keytar);
  if (!line) lines.set(keytar, (line = new KeychainLine()));
  return line;
}
