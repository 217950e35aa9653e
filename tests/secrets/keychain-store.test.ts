/**
 * The keychain secret store against a real keyring (a private gnome-keyring of this file's own,
 * see tests/helpers/keyring.ts; `secret-tool` checks what it holds): storing, reading, replacing
 * and deleting keys, keys with any characters, and the keys and ids it refuses. Failures of the
 * keychain are in keychain-failures.test.ts and keychain-unreachable.test.ts.
 */
import { inspect } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKeychainSecretStore, InvalidApiKeyError } from '../../electron/secrets/keychain';
import { useKeyring, type Keyring } from '../helpers/keyring';
import { account, newDatabaseId, newKey, takeUsedDatabaseIds } from './keychain-setup';

let keyring: Keyring;
beforeAll(async () => {
  keyring = await useKeyring();
  console.info(`keychain tests use a ${keyring.reason}`);
  return () => keyring.stop();
});

// Whatever a test left under the database ids it used is removed afterwards (see keychain-setup.ts).
const itemsOf = async (databaseId: string) => (await keyring.items()).filter((item) => item.account.startsWith(`${databaseId}:`));
afterEach(async () => {
  if (!keyring) return; // beforeAll failed, and says why
  for (const databaseId of takeUsedDatabaseIds()) for (const item of await itemsOf(databaseId)) await keyring.clear(item.account);
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
