/**
 * The real keychain module and the real keytar in a child Node that cannot reach a keychain:
 * no D-Bus session, a bus socket that does not exist, a bus that never answers (a hung
 * keychain), and a keytar that cannot load. Every call fails with KeychainUnavailableError in
 * plain words, in time, and the key is written nowhere. The children get their own environment,
 * so this file needs no keyring.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { newKey, unavailable } from './keychain-setup';

describe('a real process that cannot reach a keychain', () => {
  const keychainModule = fileURLToPath(new URL('../../electron/secrets/keychain.ts', import.meta.url));

  /**
   * Runs the real module and the real keytar in a child Node, which strips the
   * types itself. The hook adds the `.ts` our extension-less imports leave out
   * (the bundler does that for the app) and, with `breakKeytar`, makes `keytar`
   * fail to load the way it does on a machine without libsecret.
   */
  function runChild(env: NodeJS.ProcessEnv, options: { breakKeytar?: boolean; timeoutMs?: number } = {}) {
    return parseChild(spawnSync(process.execPath, childArgs(options), { env, encoding: 'utf8', timeout: 20_000 }));
  }

  /** The same child, run asynchronously (so this process can answer, or not answer, its D-Bus connection meanwhile). */
  function runChildAsync(env: NodeJS.ProcessEnv, options: { timeoutMs?: number } = {}) {
    return new Promise<ReturnType<typeof parseChild> & { signal: NodeJS.Signals | null; elapsedMs: number }>((resolve, reject) => {
      const started = Date.now();
      const child = spawn(process.execPath, childArgs(options), { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let [stdout, stderr] = ['', ''];
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('error', reject);
      child.once('close', (status, signal) => {
        clearTimeout(killer);
        resolve({ ...parseChild({ status, stdout, stderr }), signal, elapsedMs: Date.now() - started });
      });
    });
  }

  function childArgs(options: { breakKeytar?: boolean; timeoutMs?: number }): string[] {
    const hooks = `
      export async function resolve(specifier, context, next) {
        if (${options.breakKeytar === true} && specifier === 'keytar') {
          return { shortCircuit: true, url: 'data:text/javascript,' + encodeURIComponent('throw new Error("libsecret-1.so.0: cannot open shared object file: No such file or directory")') };
        }
        try { return await next(specifier, context); }
        catch (error) {
          if (error?.code === 'ERR_MODULE_NOT_FOUND' && /^\\.\\.?\\//.test(specifier)) return next(specifier + '.ts', context);
          throw error;
        }
      }`;
    const script = `
      import { register } from 'node:module';
      import { inspect } from 'node:util';
      import { pathToFileURL } from 'node:url';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));
      const { createKeychainSecretStore, hasUnansweredKeychainCall, KeychainUnavailableError } = await import(pathToFileURL(${JSON.stringify(keychainModule)}).href);
      console.log('imported');
      const store = createKeychainSecretStore('0123456789abcdef0123456789abcdef', ${JSON.stringify(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs })});
      const calls = { set: () => store.set(1, process.env.TALKTALLY_TEST_KEY), get: () => store.get(1), has: () => store.has(1), delete: () => store.delete(1) };
      const results = [];
      for (const [operation, call] of Object.entries(calls)) {
        try {
          results.push({ operation, value: await call() });
        } catch (error) {
          const ours = error instanceof KeychainUnavailableError;
          results.push({ operation, ours, name: error.name, message: error.message, inspected: inspect(error, { depth: 10 }) });
          if (operation === 'set') {
            console.error(error.message);
            process.exitCode = ours ? 3 : 1;
          }
        }
      }
      console.log(JSON.stringify(results));
      // A keychain call that never returns keeps its libuv thread, and Node joins those before exiting: only a signal ends it.
      if (hasUnansweredKeychainCall()) process.kill(process.pid, 'SIGKILL');
    `;
    return ['--experimental-strip-types', '--no-warnings', '--input-type=module', '-e', script];
  }

  function parseChild(child: { status: number | null; stdout: string; stderr: string }) {
    const lines = child.stdout.trim().split('\n');
    type Result = { operation: string; value?: unknown; ours?: boolean; name?: string; message?: string; inspected?: string };
    const results = lines.length === 2 ? (JSON.parse(lines[1]!) as Result[]) : [];
    return { status: child.status, stdout: child.stdout, stderr: child.stderr, imported: lines[0] === 'imported', results };
  }

  /** Files under `dir` that contain `needle`, found by grep (binary files included). */
  function filesContaining(dir: string, needle: string): string[] {
    const grep = spawnSync('grep', ['-rlaF', '--', needle, dir], { encoding: 'utf8' });
    if (grep.status === 1) return [];
    if (grep.status !== 0) throw new Error(`grep failed: ${grep.stderr}`);
    return grep.stdout.trim().split('\n');
  }

  it('finds files with grep (so an empty result below means something)', () => {
    const dir = tempDir();
    const key = newKey();
    fs.mkdirSync(path.join(dir, '.local/share'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.local/share/leak.bin'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(key), Buffer.from([0])]));
    expect(filesContaining(dir, key)).toEqual([path.join(dir, '.local/share/leak.bin')]);
  });

  it.each([
    ['a D-Bus address whose socket does not exist', (home: string) => ({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${home}/no-such-bus` }), /^Could not connect: /],
    ['no D-Bus session and no display (a plain shell)', () => ({}), /autolaunch/i],
  ])('with %s: every call fails with KeychainUnavailableError, exit code 3, the key written nowhere', (_, extraEnv, details) => {
    const home = tempDir();
    fs.mkdirSync(path.join(home, 'tmp'));
    const key = newKey();
    const child = runChild({
      PATH: process.env.PATH,
      HOME: home,
      TMPDIR: path.join(home, 'tmp'),
      TALKTALLY_TEST_KEY: `${key}\n`,
      ...extraEnv(home),
    });

    expect(child.status, child.stderr).toBe(3);
    expect(child.imported).toBe(true);
    expect(child.results.map((result) => [result.operation, result.name, result.ours])).toEqual([
      ['set', 'KeychainUnavailableError', true],
      ['get', 'KeychainUnavailableError', true],
      ['has', 'KeychainUnavailableError', true],
      ['delete', 'KeychainUnavailableError', true],
    ]);
    const actions: Record<string, string> = { set: 'store', get: 'read', has: 'read', delete: 'remove' };
    for (const result of child.results) {
      const message = result.message ?? '';
      const detail = /\(details: (.*)\)$/.exec(message)?.[1] ?? '';
      expect(detail).toMatch(details);
      expect(message).toBe(unavailable(actions[result.operation]!, detail));
    }
    expect(child.stderr.trim()).toBe(child.results[0]?.message);
    expect(`${child.stdout}\n${child.stderr}`).not.toContain(key);
    expect(filesContaining(home, key)).toEqual([]);
  });

  it('with a D-Bus address that accepts the connection and never answers (a hung keychain): every call fails in time, in plain words', async () => {
    const home = tempDir();
    fs.mkdirSync(path.join(home, 'tmp'));
    const socketPath = path.join(home, 'silent-bus');
    const connections: net.Socket[] = [];
    // Takes the connection and never says a word: libsecret waits for the D-Bus handshake for ever.
    const silent = net.createServer((socket) => void connections.push(socket));
    await new Promise<void>((resolve) => silent.listen(socketPath, resolve));
    const key = newKey();
    try {
      const child = await runChildAsync(
        { PATH: process.env.PATH, HOME: home, TMPDIR: path.join(home, 'tmp'), TALKTALLY_TEST_KEY: key, DBUS_SESSION_BUS_ADDRESS: `unix:path=${socketPath}` },
        { timeoutMs: 1_500 },
      );
      // It ended itself (SIGKILL) because hasUnansweredKeychainCall() said a call still hangs.
      expect([child.status, child.signal], child.stderr).toEqual([null, 'SIGKILL']);
      expect(child.stderr.trim()).toBe(child.results[0]?.message);
      expect(connections.length).toBeGreaterThan(0);
      expect(child.results.map((result) => [result.operation, result.name, result.ours])).toEqual([
        ['set', 'KeychainTimeoutError', true],
        ['get', 'KeychainTimeoutError', true],
        ['has', 'KeychainTimeoutError', true],
        ['delete', 'KeychainTimeoutError', true],
      ]);
      expect(child.results[0]?.message).toBe(
        'The system keychain did not answer within 1.5 seconds, so Talktally cannot store API keys right now. ' +
          'If it is asking for your password, unlock it and try again. Keys are never saved anywhere else. (details: no answer within 1.5 seconds)',
      );
      for (const result of child.results.slice(1)) expect(result.message).toMatch(/\(details: an earlier request has had no answer for over 1\.5 seconds\)$/);
      // One wait, not four: the calls after the hung one fail at once. (Node's start-up is the rest.)
      expect(child.elapsedMs).toBeLessThan(1_500 + 5_000);
      expect(`${child.stdout}\n${child.stderr}`).not.toContain(key);
      expect(filesContaining(home, key)).toEqual([]);
    } finally {
      for (const socket of connections) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('imports without loading keytar, and a keytar that cannot load becomes KeychainUnavailableError', () => {
    const home = tempDir();
    const key = newKey();
    const child = runChild({ PATH: process.env.PATH, HOME: home, TALKTALLY_TEST_KEY: key }, { breakKeytar: true });
    expect(child.imported, child.stderr).toBe(true);
    expect(child.status).toBe(3);
    expect(child.results.map((result) => [result.operation, result.ours])).toEqual([
      ['set', true],
      ['get', true],
      ['has', true],
      ['delete', true],
    ]);
    expect(child.results[0]?.message).toBe(unavailable('store', 'libsecret-1.so.0: cannot open shared object file: No such file or directory'));
    expect(`${child.stdout}\n${child.stderr}`).not.toContain(key);
    expect(filesContaining(home, key)).toEqual([]);
  });
});
