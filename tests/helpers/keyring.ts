import { afterAll, afterEach, beforeAll } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The service keytar stores Talktally's keys under (spelled out, not imported, so a wrong constant fails the tests). */
const SERVICE = 'Talktally';
/** The password of the private test keyring; it guards nothing but throwaway test keys. */
const PRIVATE_KEYRING_PASSWORD = 'talktally-test';
/** A keychain call that takes longer than this is treated as "no usable keyring" (a prompt nobody can answer). */
const CALL_TIMEOUT_MS = 10_000;

export interface KeyringItem {
  account: string;
  secret: string;
  label: string;
}

/** A Secret Service keyring of this test file's own, that this process's keytar and `secret-tool` both talk to. */
export interface Keyring {
  /** The D-Bus address, also set as this process's DBUS_SESSION_BUS_ADDRESS while the keyring runs. */
  readonly address: string;
  /** Why this keyring was chosen, for the test log. */
  readonly reason: string;
  /** The password `secret-tool lookup service Talktally account <account>` prints, or null when there is none. */
  lookup(account: string): Promise<string | null>;
  /** Stores a value the way another program would, bypassing the code under test. */
  store(account: string, secret: string): Promise<void>;
  /** Removes an item with `secret-tool clear`. */
  clear(account: string): Promise<void>;
  /** Every item under service Talktally, as `secret-tool search --all` lists them. */
  items(): Promise<KeyringItem[]>;
  /** Removes every Talktally item that was not there when the keyring started (run after each test); returns their accounts. */
  removeNewItems(): Promise<string[]>;
  /**
   * A keychain outage for real: stops gnome-keyring-daemon and leaves the bus up,
   * so every Secret Service call fails as it does when the keyring service has
   * crashed or was never started. Its items stay in its file on disk.
   */
  stopDaemon(): Promise<void>;
  /** Starts the keyring daemon again on the same files (its items come back), after `stopDaemon`. */
  startDaemon(): Promise<void>;
  /**
   * Removes whatever the file left behind, stops the bus and the daemon and
   * deletes their folder. Rejects, naming the accounts, when Talktally items were
   * left: tests must remove every item they create (the helper's afterEach does).
   */
  stop(): Promise<void>;
}

/** Every keyring this process started and has not stopped: the afterEach below cleans them up. */
const running = new Set<Keyring>();

/**
 * After every test of every file that uses a keyring (this module registers it
 * on import, as temp.ts does for folders): the items the test created are
 * removed, so no test leaves a key for the next, and the check in `stop()`
 * finds only items created outside a test (in beforeAll, afterAll or late
 * background work).
 */
afterEach(async () => {
  for (const keyring of running) await keyring.removeNewItems();
});

/**
 * Starts a keyring for this test file. Call it in `beforeAll`, before anything
 * calls keytar: libsecret connects to the session bus once per process, at its
 * first call, and keeps that connection.
 *
 * It is always a private one: a dbus-daemon and a gnome-keyring-daemon of this
 * file's own, with HOME and XDG folders in a temporary folder. So tests never see,
 * change or leave anything in a developer's login keychain or in another test
 * file's keyring (test files run side by side), whatever bus the suite was
 * started in. A session keyring would hold other people's items, and one
 * `npm test` against one left 18+ Talktally items in it.
 */
export async function useKeyring(): Promise<Keyring> {
  const outer = process.env.DBUS_SESSION_BUS_ADDRESS;
  return startPrivateKeyring(outer ? `private keyring; the session bus at ${outer} is left alone` : 'private keyring (no session bus)');
}

/** Null when the environment can store, read back and remove an item; else what went wrong. */
async function probe(env: NodeJS.ProcessEnv): Promise<string | null> {
  const account = `talktally-test-probe:${process.pid}:${randomBytes(4).toString('hex')}`;
  const value = randomBytes(8).toString('hex');
  try {
    await secretTool(env, ['store', '--label=Talktally test probe', 'service', SERVICE, 'account', account], value);
    const read = await secretTool(env, ['lookup', 'service', SERVICE, 'account', account]);
    await secretTool(env, ['clear', 'service', SERVICE, 'account', account]);
    return read === value ? null : `read back ${JSON.stringify(read)} instead of the probe value`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function startPrivateKeyring(reason: string): Promise<Keyring> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talktally-keyring-'));
  const children: ChildProcess[] = [];
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  // A crashed or interrupted test run must not leave daemons behind.
  process.once('exit', killAll);
  const stopAll = async () => {
    process.removeListener('exit', killAll);
    // The keyring first: it exits on its own when its bus goes away, but not always before we delete its folder.
    for (const child of [...children].reverse()) await exited(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    // Our own bus config: the system's session.conf lists D-Bus service files, and the
    // first secret call would then auto-start a second, locked gnome-keyring from them.
    const config = path.join(dir, 'bus.conf');
    fs.writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${path.join(dir, 'bus')}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
    );
    const bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(bus);
    const address = await firstLine(bus, 'dbus-daemon');

    // HOME and XDG folders in the temp folder: the keyring file and control socket go
    // there, not into the developer's ~/.local/share/keyrings.
    const home = path.join(dir, 'home');
    const runtime = path.join(dir, 'run');
    fs.mkdirSync(home);
    fs.mkdirSync(runtime, { mode: 0o700 });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: path.join(home, '.local/share'),
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_RUNTIME_DIR: runtime,
      DBUS_SESSION_BUS_ADDRESS: address,
    };
    // Else --unlock would hand the password to an already running daemon of the outer session.
    delete env.GNOME_KEYRING_CONTROL;
    const clientEnv: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address };

    let daemon: ChildProcess | null = null;
    const startDaemon = async () => {
      if (daemon) throw new Error('The keyring daemon is already running.');
      // --unlock reads the login keyring's password from stdin and creates that keyring
      // unlocked (or unlocks the one on disk); --foreground keeps the daemon our child, so we can stop it.
      const child = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'pipe'] });
      daemon = child;
      children.push(child);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const spawnFailure = new Promise<never>((_, reject) => {
        child.once('error', reject);
        child.once('exit', (code, signal) => reject(new Error(`gnome-keyring-daemon exited (${code ?? signal}): ${stderr.trim()}`)));
      });
      spawnFailure.catch(() => {});
      child.stdin?.end(PRIVATE_KEYRING_PASSWORD);
      // gnome-keyring takes a moment to own org.freedesktop.secrets on the bus; until then calls fail fast.
      const deadline = Date.now() + 15_000;
      for (;;) {
        const problem = await Promise.race([probe(clientEnv), spawnFailure]);
        if (problem === null) return;
        if (Date.now() > deadline) throw new Error(`The private keyring did not become usable: ${problem}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const stopDaemon = async () => {
      if (!daemon) throw new Error('The keyring daemon is not running.');
      const child = daemon;
      daemon = null;
      await exited(child);
      children.splice(children.indexOf(child), 1);
    };
    await startDaemon();

    const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = address;
    const keyring = await keyringAt(address, `${reason}; started one at ${address}`, clientEnv, {
      startDaemon,
      stopDaemon,
      isDaemonRunning: () => daemon !== null,
      stop: async () => {
        if (previous === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
        else process.env.DBUS_SESSION_BUS_ADDRESS = previous;
        await stopAll();
      },
    });
    return keyring;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

interface Lifecycle {
  startDaemon(): Promise<void>;
  stopDaemon(): Promise<void>;
  isDaemonRunning(): boolean;
  stop(): Promise<void>;
}

async function keyringAt(address: string, reason: string, env: NodeJS.ProcessEnv, lifecycle: Lifecycle): Promise<Keyring> {
  const items = async (): Promise<KeyringItem[]> => {
    // secret-tool prints label and secret on stdout but the attributes on stderr, and
    // stdout is block-buffered on a pipe: one pipe for both, stdout line-buffered,
    // keeps each item's lines together and in order.
    const { stdout } = await run('sh', ['-c', 'exec stdbuf -oL secret-tool search --all service "$1" 2>&1', 'sh', SERVICE], {
      env,
      timeout: CALL_TIMEOUT_MS,
      encoding: 'utf8',
    });
    return parseSearch(stdout);
  };
  const clear = async (account: string) => {
    try {
      await secretTool(env, ['clear', 'service', SERVICE, 'account', account]);
    } catch (error) {
      // secret-tool clear exits 1 when there was nothing to clear.
      if (!(isExit(error, 1) && error.stderr === '')) throw error;
    }
  };
  // What was there before this file ran (nothing, in a new keyring): never removed, never counted as left behind.
  const before = new Set((await items()).map((item) => item.account));
  const removeNewItems = async () => {
    // A test that ended during an outage leaves the daemon down: bring it back to see what is left.
    if (!lifecycle.isDaemonRunning()) await lifecycle.startDaemon();
    const added = (await items()).filter((item) => !before.has(item.account)).map((item) => item.account);
    for (const account of added) await clear(account);
    return added;
  };

  const keyring: Keyring = {
    address,
    reason,
    async lookup(account) {
      try {
        return await secretTool(env, ['lookup', 'service', SERVICE, 'account', account]);
      } catch (error) {
        // secret-tool lookup exits 1, silently, when nothing matches.
        if (isExit(error, 1) && error.stderr === '') return null;
        throw error;
      }
    },
    async store(account, secret) {
      await secretTool(env, ['store', `--label=${SERVICE}/${account}`, 'service', SERVICE, 'account', account], secret);
    },
    clear,
    items,
    removeNewItems,
    stopDaemon: lifecycle.stopDaemon,
    startDaemon: lifecycle.startDaemon,
    async stop() {
      running.delete(keyring);
      const left = await removeNewItems().finally(() => lifecycle.stop());
      if (left.length) {
        throw new Error(
          `This test file left ${left.length} Talktally keychain item${left.length === 1 ? '' : 's'} behind (removed now): ${left.join(', ')}. ` +
            'Remove what a test stores in the test itself, or in an afterEach: keys stored in beforeAll or afterAll, or by work still running after the last test, are not cleaned up.',
        );
      }
    },
  };
  running.add(keyring);
  return keyring;
}

/** Parses `secret-tool search --all` output: `[path]` then `name = value` lines per item. */
function parseSearch(output: string): KeyringItem[] {
  const items: KeyringItem[] = [];
  let current: Record<string, string> | undefined;
  const flush = () => {
    if (current?.['attribute.service'] === SERVICE) {
      items.push({ account: current['attribute.account'] ?? '', secret: current['secret'] ?? '', label: current['label'] ?? '' });
    }
  };
  for (const line of output.split('\n')) {
    if (/^\[.*\]$/.test(line)) {
      flush();
      current = {};
      continue;
    }
    const at = line.indexOf(' = ');
    if (current && at > 0) current[line.slice(0, at)] = line.slice(at + 3);
  }
  flush();
  return items;
}

/** Runs secret-tool, with `input` on stdin (how it takes the secret to store); resolves to stdout. */
function secretTool(env: NodeJS.ProcessEnv, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('secret-tool', args, { env, timeout: CALL_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(new Error(`secret-tool ${args[0]} failed: ${stderr.trim() || error.message}`), { code: error.code, stderr }));
      else resolve(stdout);
    });
    child.stdin?.end(input ?? '');
  });
}

function isExit(error: unknown, code: number): error is { code: number; stderr: string } {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code && 'stderr' in error;
}

function firstLine(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end).trim());
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before printing its address: ${err.trim()}`)));
  });
}

/** Resolves when the child has exited, after SIGTERM if it is still running. */
function exited(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** For a test file: a keyring started before its tests and stopped after them (failing the file if it left items behind). */
export function useKeyringForFile(): { readonly keyring: Keyring } {
  const holder = {} as { keyring: Keyring };
  beforeAll(async () => {
    holder.keyring = await useKeyring();
  });
  afterAll(async () => {
    await holder.keyring?.stop();
  });
  return holder;
}
