import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createKeychainSecretStore,
  InvalidApiKeyError,
  KeychainTimeoutError,
  KeychainUnavailableError,
  type KeytarLike,
} from '../../electron/secrets/keychain';
import { useKeyring, type Keyring } from '../helpers/keyring';
import { tempDir } from '../helpers/temp';

/** The account every key must sit under, written out here so a wrong format in the code fails. */
const account = (databaseId: string, connectionId: number) => `${databaseId}:connection:${connectionId}`;
const newKey = () => `sk-live-${randomBytes(12).toString('hex')}`;

/** The wording the brief asks for, spelled out in full so any drift fails a test. */
const unavailable = (action: string, details: string) =>
  'Talktally cannot reach the system keychain (GNOME Keyring / KWallet on Linux, Keychain on macOS, Credential Manager on Windows), ' +
  `so it cannot ${action} API keys. Keys are never saved anywhere else. (details: ${details})`;

let keyring: Keyring;
beforeAll(async () => {
  keyring = await useKeyring();
  console.info(`keychain tests use a ${keyring.reason}`);
  return () => keyring.stop();
});

// Every test uses fresh database ids, so nothing it stores can meet another test's
// or a real user's keys; whatever it left is removed afterwards.
const usedDatabaseIds: string[] = [];
const newDatabaseId = () => {
  const id = randomBytes(16).toString('hex');
  usedDatabaseIds.push(id);
  return id;
};
const itemsOf = async (databaseId: string) => (await keyring.items()).filter((item) => item.account.startsWith(`${databaseId}:`));
afterEach(async () => {
  if (!keyring) return; // beforeAll failed, and says why
  for (const databaseId of usedDatabaseIds.splice(0)) for (const item of await itemsOf(databaseId)) await keyring.clear(item.account);
});

describe('the keychain store, against the real keyring', () => {
  it('stores a key under service Talktally, account <databaseId>:connection:<id>, where secret-tool finds exactly it', async () => {
    const databaseId = newDatabaseId();
    const store = createKeychainSecretStore(databaseId);
    const key = newKey();
    expect(await store.has(3)).toBe(false);
    expect(await store.get(3)).toBeNull();

    await store.set(3, key);

    expect(await store.get(3)).toBe(key);
    expect(await store.has(3)).toBe(true);
    expect(await keyring.lookup(account(databaseId, 3))).toBe(key);
    expect(await itemsOf(databaseId)).toEqual([expect.objectContaining({ account: account(databaseId, 3), secret: key })]);
    // Nothing else in the keyring holds the key, and neighbouring ids have nothing.
    expect((await keyring.items()).filter((item) => item.secret === key).map((item) => item.account)).toEqual([account(databaseId, 3)]);
    expect(await store.get(2)).toBeNull();
    expect(await store.has(4)).toBe(false);
    // A new store for the same database (the app restarted) finds it: it lives in the keyring, not in memory.
    expect(await createKeychainSecretStore(databaseId).get(3)).toBe(key);
  });

  it('stores a pasted key without its surrounding whitespace', async () => {
    const databaseId = newDatabaseId();
    const store = createKeychainSecretStore(databaseId);
    const key = newKey();
    await store.set(1, `  ${key}\r\n`);
    expect(await keyring.lookup(account(databaseId, 1))).toBe(key);
    expect(await store.get(1)).toBe(key);
  });

  it('replaces a key in place: one item, holding the new key', async () => {
    const databaseId = newDatabaseId();
    const store = createKeychainSecretStore(databaseId);
    const [first, second] = [newKey(), newKey()];
    await store.set(1, first);
    await store.set(1, second);
    expect(await store.get(1)).toBe(second);
    expect(await keyring.lookup(account(databaseId, 1))).toBe(second);
    expect(await itemsOf(databaseId)).toEqual([expect.objectContaining({ account: account(databaseId, 1), secret: second })]);
  });

  it('deletes a key (true), after which it is gone from the keyring; deleting a missing key is false', async () => {
    const databaseId = newDatabaseId();
    const store = createKeychainSecretStore(databaseId);
    const key = newKey();
    await store.set(5, key);
    // Read first, so a store that cached what it read would still answer after the delete.
    expect(await store.get(5)).toBe(key);
    expect(await store.has(5)).toBe(true);
    expect(await store.delete(5)).toBe(true);
    expect(await store.get(5)).toBeNull();
    expect(await store.has(5)).toBe(false);
    expect(await keyring.lookup(account(databaseId, 5))).toBeNull();
    expect(await itemsOf(databaseId)).toEqual([]);
    expect(await store.delete(5)).toBe(false);
    expect(await store.delete(6)).toBe(false);
  });

  it('reads the keychain on every call: changes made outside the app show at once', async () => {
    const databaseId = newDatabaseId();
    const store = createKeychainSecretStore(databaseId);
    const [mine, theirs] = [newKey(), newKey()];
    await store.set(1, mine);
    expect(await store.get(1)).toBe(mine);

    await keyring.store(account(databaseId, 1), theirs);
    expect(await store.get(1)).toBe(theirs);

    await keyring.clear(account(databaseId, 1));
    expect(await store.get(1)).toBeNull();
    expect(await store.has(1)).toBe(false);
    expect(await store.delete(1)).toBe(false);
  });

  it('keeps two databases apart even when their connection ids are the same', async () => {
    const [idA, idB] = [newDatabaseId(), newDatabaseId()];
    const [storeA, storeB] = [createKeychainSecretStore(idA), createKeychainSecretStore(idB)];
    const [keyA, keyB] = [newKey(), newKey()];
    await storeA.set(1, keyA);
    await storeB.set(1, keyB);

    expect(await storeA.get(1)).toBe(keyA);
    expect(await storeB.get(1)).toBe(keyB);
    expect(await keyring.lookup(account(idA, 1))).toBe(keyA);
    expect(await keyring.lookup(account(idB, 1))).toBe(keyB);

    expect(await storeA.delete(1)).toBe(true);
    expect(await storeA.has(1)).toBe(false);
    expect(await storeB.get(1)).toBe(keyB);
    expect(await itemsOf(idB)).toEqual([expect.objectContaining({ account: account(idB, 1), secret: keyB })]);
  });

  it.each([
    ['quotes, backslashes and shell syntax', `sk-"double" 'single' \\back\\slash $(id) \`id\` \${HOME} %s %n`],
    ['Cyrillic, CJK and an emoji', 'ключ-鍵-🔑-ñ'],
    ['a decomposed accent (kept, not normalised)', 'cafe\u0301-key'],
    ['the longest key accepted (4,096 characters)', 'k'.repeat(4096)],
  ])('round-trips a key with %s exactly', async (_, key) => {
    const databaseId = newDatabaseId();
    const store = createKeychainSecretStore(databaseId);
    await store.set(1, key);
    expect(await store.get(1)).toBe(key);
    expect(await keyring.lookup(account(databaseId, 1))).toBe(key);
  });

  it.each([
    ['an empty key', '', /empty/],
    ['only whitespace', ' \t \r\n ', /empty/],
    ['a line break inside', 'sk-live-secret\nsecond-line', /line break/],
    ['a tab inside', 'sk-live-secret\tpart', /control character/],
    ['a NUL inside', 'sk-live-secret\u0000part', /control character/],
    ['a DEL inside', 'sk-live-secret\u007fpart', /control character/],
    ['a Unicode line separator inside', 'sk-live-secret\u2028part', /line break/],
    ['more than 4,096 characters', `sk-live-secret${'k'.repeat(4083)}`, /4,097 characters.*at most 4,096/],
  ])('refuses %s, stores nothing and keeps the key that was there', async (_, bad, wording) => {
    const databaseId = newDatabaseId();
    const store = createKeychainSecretStore(databaseId);
    const good = newKey();
    await store.set(1, good);

    const error = await store.set(1, bad).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidApiKeyError);
    expect(String(error)).toMatch(wording);
    expect(inspect(error)).not.toContain('sk-live-secret');
    await expect(store.set(2, bad)).rejects.toBeInstanceOf(InvalidApiKeyError);

    expect(await store.get(1)).toBe(good);
    expect(await itemsOf(databaseId)).toEqual([expect.objectContaining({ account: account(databaseId, 1), secret: good })]);
  });

  it('refuses a key that is not text, and connection or database ids that would make a wrong account', async () => {
    const databaseId = newDatabaseId();
    const store = createKeychainSecretStore(databaseId);
    await expect(store.set(1, 12345 as unknown as string)).rejects.toThrow(/must be text/);
    for (const id of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      await expect(store.set(id, newKey())).rejects.toThrow(TypeError);
      await expect(store.get(id)).rejects.toThrow(TypeError);
    }
    for (const badDatabaseId of ['', ' ', 'a:b', 'abc\n', ' abc']) expect(() => createKeychainSecretStore(badDatabaseId)).toThrow(TypeError);
    expect(await itemsOf(databaseId)).toEqual([]);
  });
});

describe('the keychain store with a keytar double', () => {
  /** A keytar whose every call fails as libsecret does in a process without a D-Bus session. */
  const noSessionBus = (): KeytarLike => {
    const fail = () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    return { getPassword: fail, setPassword: fail, deletePassword: fail };
  };

  it('turns every keychain failure into a KeychainUnavailableError a recruiter can read', async () => {
    const store = createKeychainSecretStore(newDatabaseId(), { keytar: noSessionBus() });
    const cases: [string, string, () => Promise<unknown>][] = [
      ['set', 'store', () => store.set(1, newKey())],
      ['get', 'read', () => store.get(1)],
      ['has', 'read', () => store.has(1)],
      ['delete', 'remove', () => store.delete(1)],
    ];
    for (const [operation, action, call] of cases) {
      const error = await call().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(KeychainUnavailableError);
      expect(error).toMatchObject({
        name: 'KeychainUnavailableError',
        operation,
        details: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
        message: unavailable(action, 'Cannot autolaunch D-Bus without X11 $DISPLAY'),
      });
      // The raw error is not attached: logging a cause would print whatever it quoted.
      expect((error as Error).cause).toBeUndefined();
    }
  });

  it('never puts the key in an error, even when the keychain echoes it back', async () => {
    const pasted = '  sk-live-"echoed"\\secret\n';
    const key = pasted.trim();
    const echoing: KeytarLike = {
      getPassword: () => Promise.reject(new Error('unused')),
      deletePassword: () => Promise.reject(new Error('unused')),
      setPassword: (service, account, password) =>
        Promise.reject(new Error(`Failed to store ${password} (as JSON ${JSON.stringify({ password })}; pasted ${pasted}) for ${service}/${account}`)),
    };
    const store = createKeychainSecretStore(newDatabaseId(), { keytar: echoing });
    const error = await store.set(1, pasted).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    const everything = `${String(error)}\n${inspect(error, { depth: 10 })}\n${(error as Error).stack ?? ''}\n${JSON.stringify(error)}`;
    expect(everything).toContain('[key removed]');
    expect(everything).toContain('Talktally/');
    for (const fragment of [key, 'sk-live-', 'echoed']) expect(everything).not.toContain(fragment);
  });

  it('also wraps errors keytar throws synchronously (its argument checks throw, not reject)', async () => {
    const throwing: KeytarLike = {
      getPassword: () => {
        throw new Error('Account is required.');
      },
      setPassword: () => {
        throw new Error('Password is required.');
      },
      deletePassword: () => {
        throw new Error('Service is required.');
      },
    };
    const store = createKeychainSecretStore(newDatabaseId(), { keytar: throwing });
    await expect(store.get(1)).rejects.toThrow(KeychainUnavailableError);
    await expect(store.set(1, newKey())).rejects.toThrow(unavailable('store', 'Password is required.'));
    await expect(store.delete(1)).rejects.toThrow(KeychainUnavailableError);
  });

  it('fails a call the keychain does not answer in time, fails later calls at once while it hangs, and recovers when it answers', async () => {
    // A keychain waiting on an unlock prompt: the call is answered only when the test says so.
    let answerHungCall: (value: string | null) => void = () => {};
    let calls = 0;
    const hanging: KeytarLike = {
      getPassword: () => {
        calls += 1;
        return calls === 1 ? new Promise<string | null>((resolve) => (answerHungCall = resolve)) : Promise.resolve('answered');
      },
      setPassword: () => Promise.resolve(),
      deletePassword: () => Promise.resolve(true),
    };
    const store = createKeychainSecretStore(newDatabaseId(), { keytar: hanging, timeoutMs: 300 });

    const startedAt = Date.now();
    const first = await store.get(1).catch((caught: unknown) => caught);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
    expect(first).toBeInstanceOf(KeychainTimeoutError);
    expect(first).toBeInstanceOf(KeychainUnavailableError);
    expect(first).toMatchObject({
      operation: 'get',
      message:
        'The system keychain did not answer within 0.3 seconds, so Talktally cannot read API keys right now. ' +
        'If it is asking for your password, unlock it and try again. Keys are never saved anywhere else. (details: no answer within 0.3 seconds)',
    });

    // While the first call hangs, no second one is sent: it would take another of libuv's four threads.
    const quickAt = Date.now();
    await expect(store.set(1, newKey())).rejects.toThrow(/did not answer within 0\.3 seconds, so Talktally cannot store API keys.*an earlier request has had no answer/);
    await expect(store.has(2)).rejects.toBeInstanceOf(KeychainTimeoutError);
    expect(Date.now() - quickAt).toBeLessThan(200);
    expect(calls).toBe(1);

    // The user unlocked the keychain: the hung call returns, and calls go through again.
    answerHungCall(null);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await store.get(1)).toBe('answered');
    expect(await store.delete(1)).toBe(true);
  });

  it('runs keychain calls one at a time, in the order they were made', async () => {
    const log: string[] = [];
    const slow = (name: string, ms: number) => () => new Promise<null>((resolve) => setTimeout(() => (log.push(name), resolve(null)), ms));
    const ordered: KeytarLike = {
      getPassword: (_service, account) => slow(`get ${account.split(':').pop()}`, account.endsWith(':1') ? 60 : 5)(),
      setPassword: () => slow('set', 1)().then(() => undefined),
      deletePassword: () => slow('delete', 1)().then(() => true),
    };
    const store = createKeychainSecretStore(newDatabaseId(), { keytar: ordered });
    await Promise.all([store.get(1), store.get(2), store.set(3, newKey()), store.delete(4)]);
    expect(log).toEqual(['get 1', 'get 2', 'set', 'delete']);
  });

  it('passes service, account and the trimmed key to keytar, and refuses a bad key before calling it', async () => {
    const calls: string[][] = [];
    const recording: KeytarLike = {
      getPassword: (...args) => (calls.push(['get', ...args]), Promise.resolve('stored')),
      setPassword: (...args) => (calls.push(['set', ...args]), Promise.resolve()),
      deletePassword: (...args) => (calls.push(['delete', ...args]), Promise.resolve(true)),
    };
    const databaseId = newDatabaseId();
    const store = createKeychainSecretStore(databaseId, { keytar: recording });
    await store.set(7, ' key-7\n');
    await expect(store.set(7, 'a\nb')).rejects.toThrow(InvalidApiKeyError);
    expect(await store.get(7)).toBe('stored');
    expect(await store.has(8)).toBe(true);
    expect(await store.delete(9)).toBe(true);
    expect(calls).toEqual([
      ['set', 'Talktally', account(databaseId, 7), 'key-7'],
      ['get', 'Talktally', account(databaseId, 7)],
      ['get', 'Talktally', account(databaseId, 8)],
      ['delete', 'Talktally', account(databaseId, 9)],
    ]);
  });
});

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
