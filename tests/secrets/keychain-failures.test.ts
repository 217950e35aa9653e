/**
 * The keychain secret store over a keytar double: every failure wrapped in a
 * KeychainUnavailableError in plain words, the key never in an error, a keychain that does not
 * answer in time, calls one at a time, and what reaches keytar. The real keyring is in
 * keychain-store.test.ts, a real process without one in keychain-unreachable.test.ts.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createKeychainSecretStore,
  InvalidApiKeyError,
  KeychainTimeoutError,
  KeychainUnavailableError,
  type KeytarLike,
} from '../../electron/secrets/keychain';
import { account, newDatabaseId, newKey, unavailable } from './keychain-setup';

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
    await expect(store.set(1, newKey())).rejects.toThrow(
      /did not answer within 0\.3 seconds, so Talktally cannot store API keys.*an earlier request has had no answer/,
    );
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
