import { afterAll, beforeAll } from 'vitest';
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

/** A Secret Service keyring that this process's keytar and `secret-tool` both talk to. */
export interface Keyring {
  /** `session`: the D-Bus session the tests were started in (CI); `private`: one started for this file. */
  readonly mode: 'session' | 'private';
  /** The D-Bus address, also set as this process's DBUS_SESSION_BUS_ADDRESS ('' when GLib finds the bus itself). */
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
  /** Stops the private bus and keyring (nothing to stop in session mode). */
  stop(): Promise<void>;
}

/**
 * Makes a real keyring reachable for this test file. Call it in `beforeAll`, before
 * anything calls keytar: libsecret connects to the session bus once per process, at
 * its first call, and keeps that connection.
 *
 * If the current environment already reaches an unlocked keyring (CI runs the suite
 * inside `dbus-run-session` with gnome-keyring unlocked; a desktop session has one),
 * that one is used, and the tests remove every item they add. Otherwise (a plain
 * shell has no session bus; a headless session's keyring is locked) a private
 * dbus-daemon and gnome-keyring-daemon are started with HOME and XDG folders in a
 * temporary folder, so no keyring file of the user's is opened or written.
 * `TALKTALLY_TEST_KEYRING=private` forces the private one, even on a desktop.
 */
export async function useKeyring(): Promise<Keyring> {
  if (process.env.TALKTALLY_TEST_KEYRING === 'private') return startPrivateKeyring('TALKTALLY_TEST_KEYRING=private');
  const address = process.env.DBUS_SESSION_BUS_ADDRESS ?? '';
  const problem = await probe(process.env);
  if (problem === null) return keyringAt('session', address, `reachable at ${address || "GLib's default bus"}`, process.env, async () => {});
  return startPrivateKeyring(`no usable session keyring: ${problem}`);
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
  const stop = async () => {
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
    // --unlock reads the login keyring's password from stdin and creates that keyring
    // unlocked; --foreground keeps the daemon our child, so we can stop it.
    const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    children.push(keyring);
    let keyringStderr = '';
    keyring.stderr?.on('data', (chunk: Buffer) => (keyringStderr += chunk.toString()));
    const spawnFailure = new Promise<never>((_, reject) => {
      keyring.once('error', reject);
      keyring.once('exit', (code, signal) => reject(new Error(`gnome-keyring-daemon exited (${code ?? signal}): ${keyringStderr.trim()}`)));
    });
    spawnFailure.catch(() => {});
    keyring.stdin?.end(PRIVATE_KEYRING_PASSWORD);

    // gnome-keyring takes a moment to own org.freedesktop.secrets on the bus; until then calls fail fast.
    const clientEnv: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address };
    const deadline = Date.now() + 15_000;
    for (;;) {
      const problem = await Promise.race([probe(clientEnv), spawnFailure]);
      if (problem === null) break;
      if (Date.now() > deadline) throw new Error(`The private keyring did not become usable: ${problem}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = address;
    return keyringAt('private', address, `${reason}; started one at ${address}`, clientEnv, async () => {
      if (previous === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = previous;
      await stop();
    });
  } catch (error) {
    await stop();
    throw error;
  }
}

function keyringAt(mode: Keyring['mode'], address: string, reason: string, env: NodeJS.ProcessEnv, stop: () => Promise<void>): Keyring {
  return {
    mode,
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
    async clear(account) {
      try {
        await secretTool(env, ['clear', 'service', SERVICE, 'account', account]);
      } catch (error) {
        // secret-tool clear exits 1 when there was nothing to clear.
        if (!(isExit(error, 1) && error.stderr === '')) throw error;
      }
    },
    async items() {
      // secret-tool prints label and secret on stdout but the attributes on stderr, and
      // stdout is block-buffered on a pipe: one pipe for both, stdout line-buffered,
      // keeps each item's lines together and in order.
      const { stdout } = await run('sh', ['-c', 'exec stdbuf -oL secret-tool search --all service "$1" 2>&1', 'sh', SERVICE], {
        env,
        timeout: CALL_TIMEOUT_MS,
        encoding: 'utf8',
      });
      return parseSearch(stdout);
    },
    stop,
  };
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

/** For a test file: a keyring started before its tests and stopped after them. */
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
