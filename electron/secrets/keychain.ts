import type * as Keytar from 'keytar';
import { InvalidApiKeyError, KeychainUnavailableError, type KeychainOperation } from './keychain-errors';
import { lineOf } from './keychain-line';
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store';

export { InvalidApiKeyError, KeychainTimeoutError, KeychainUnavailableError, type KeychainOperation } from './keychain-errors';

/** The part of keytar this store uses; tests pass a double with the same shape. */
export type KeytarLike = Pick<typeof Keytar, 'getPassword' | 'setPassword' | 'deletePassword'>;

export interface KeychainSecretStoreOptions {
  /** Used instead of the real keytar (tests). */
  keytar?: KeytarLike;
  /** How long one keychain call may take before it fails with KeychainTimeoutError (tests shorten it). */
  timeoutMs?: number;
}

/**
 * Long enough for a person to answer the keychain's own unlock or "allow access"
 * prompt; short enough that a keychain nobody answers fails in plain words
 * instead of leaving the Connections screen loading for ever.
 */
export const KEYCHAIN_TIMEOUT_MS = 30_000;

/** No vendor issues keys anywhere near this long; a longer paste is something else. */
export const MAX_KEY_LENGTH = 4096;

/** The keychain account of one connection of one database file. */
export function keychainAccount(databaseId: string, connectionId: number): string {
  return `${databaseId}:connection:${connectionId}`;
}

/**
 * The SecretStore of one database file, backed by the OS keychain through keytar.
 * Every key sits under service `Talktally`, account `<databaseId>:connection:<id>`,
 * so two database files never share (or overwrite) each other's keys.
 */
export function createKeychainSecretStore(databaseId: string, options: KeychainSecretStoreOptions = {}): SecretStore {
  checkDatabaseId(databaseId);
  const timeoutMs = options.timeoutMs ?? KEYCHAIN_TIMEOUT_MS;
  const keytarFor = (operation: KeychainOperation, secrets: readonly string[]) =>
    options.keytar ? Promise.resolve(options.keytar) : loadKeytar(operation, secrets);

  /** Runs one keytar call, in turn and in time; any failure, thrown or rejected, becomes a KeychainUnavailableError. */
  async function run<T>(operation: KeychainOperation, secrets: readonly string[], call: (keytar: KeytarLike) => Promise<T>): Promise<T> {
    const keytar = await keytarFor(operation, secrets);
    return lineOf(keytar).run(operation, timeoutMs, async () => {
      try {
        return await call(keytar);
      } catch (error) {
        throw new KeychainUnavailableError(operation, describe(error, secrets));
      }
    });
  }

  return {
    async set(connectionId, key) {
      const account = accountFor(databaseId, connectionId);
      const clean = cleanApiKey(key);
      // Both forms are scrubbed: an error could echo what we passed or what was pasted.
      const secrets = typeof key === 'string' ? [key, clean] : [clean];
      await run('set', secrets, (keytar) => keytar.setPassword(KEYCHAIN_SERVICE, account, clean));
    },
    async get(connectionId) {
      const account = accountFor(databaseId, connectionId);
      // No cache: the keychain is the only copy, and the user may edit or remove it outside the app.
      return run('get', [], (keytar) => keytar.getPassword(KEYCHAIN_SERVICE, account));
    },
    async has(connectionId) {
      const account = accountFor(databaseId, connectionId);
      const key = await run('has', [], (keytar) => keytar.getPassword(KEYCHAIN_SERVICE, account));
      return key !== null;
    },
    async delete(connectionId) {
      const account = accountFor(databaseId, connectionId);
      return run('delete', [], (keytar) => keytar.deletePassword(KEYCHAIN_SERVICE, account));
    },
  };
}

/**
 * Whether a call to the real keychain timed out and is still unanswered. Such a
 * call holds a libuv thread, and Node joins those threads before it exits, so
 * the process cannot end normally until the keychain answers (only a signal
 * ends it): a command-line tool checks this before it exits.
 */
export function hasUnansweredKeychainCall(): boolean {
  return loadedKeytar !== undefined && lineOf(loadedKeytar).waiting;
}

let loaded: Promise<KeytarLike> | undefined;
let loadedKeytar: KeytarLike | undefined;

/**
 * keytar is a native addon linked against libsecret on Linux: loading it can fail
 * on a machine without libsecret, so it is loaded on first use, never on import.
 * A failed load is not remembered, so the next call tries again.
 */
async function loadKeytar(operation: KeychainOperation, secrets: readonly string[]): Promise<KeytarLike> {
  loaded ??= import('keytar').then((module: unknown) => {
    // keytar is CommonJS: module.exports arrives as `default` (Node's export
    // detection names only getPassword on the namespace itself).
    const keytar = asKeytar(isObject(module) && 'default' in module ? module.default : undefined) ?? asKeytar(module);
    if (!keytar) throw new Error('the keytar module does not have getPassword, setPassword and deletePassword');
    loadedKeytar = keytar;
    return keytar;
  });
  try {
    return await loaded;
  } catch (error) {
    loaded = undefined;
    throw new KeychainUnavailableError(operation, describe(error, secrets));
  }
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

function asKeytar(value: unknown): KeytarLike | null {
  if (!isObject(value)) return null;
  const candidate = value as Partial<Record<keyof KeytarLike, unknown>>;
  const complete = typeof candidate.getPassword === 'function' && typeof candidate.setPassword === 'function' && typeof candidate.deletePassword === 'function';
  return complete ? (value as KeytarLike) : null;
}

/** Characters no API key contains: C0/C1 controls (newline, tab, NUL…) and Unicode line/paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** The key as it will be stored, or an InvalidApiKeyError that does not quote it. Exported so a change can check a key before it starts. */
export function cleanApiKey(key: unknown): string {
  if (typeof key !== 'string') throw new InvalidApiKeyError('The API key must be text.');
  // Keys are usually pasted, often with a trailing newline or space.
  const clean = key.trim();
  if (clean === '') throw new InvalidApiKeyError("The API key is empty. Paste the key from the vendor's settings page.");
  if (CONTROL.test(clean)) {
    throw new InvalidApiKeyError(
      'The API key contains a line break or another invisible control character, which API keys never have. Copy the key again, on its own.',
    );
  }
  if (clean.length > MAX_KEY_LENGTH) {
    throw new InvalidApiKeyError(
      `The API key is ${clean.length.toLocaleString('en-US')} characters long; keys are at most ${MAX_KEY_LENGTH.toLocaleString('en-US')}. Check that only the key was pasted.`,
    );
  }
  return clean;
}

function checkDatabaseId(databaseId: unknown): void {
  // A colon or control character would make accounts ambiguous or unreadable in the keychain's UI.
  if (typeof databaseId !== 'string' || databaseId.trim() === '' || databaseId !== databaseId.trim() || /[:\p{Cc}]/u.test(databaseId)) {
    throw new TypeError(`The database id must be non-empty text without colons or control characters (got ${JSON.stringify(databaseId)}).`);
  }
}

function accountFor(databaseId: string, connectionId: unknown): string {
  if (typeof connectionId !== 'number' || !Number.isSafeInteger(connectionId) || connectionId < 1) {
    throw new TypeError(`A connection id is a whole number from 1 (got ${String(connectionId)}).`);
  }
  return keychainAccount(databaseId, connectionId);
}

/**
 * The underlying error in one line, for the "details" of a message a person reads.
 * Anything we handed to the keychain that is secret is cut out first: libsecret and
 * D-Bus errors can quote their arguments. No error is attached as `cause`, since
 * logging it would print whatever it holds.
 */
function describe(error: unknown, secrets: readonly string[]): string {
  let text = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) {
    if (secret === '') continue;
    // Also the JSON-escaped form, in case a layer quoted the key (a key may contain quotes and backslashes).
    for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) text = text.split(form).join('[key removed]');
  }
  text = text.replace(/[\p{Cc}\u2028\u2029\s]+/gu, ' ').trim() || 'no message';
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
