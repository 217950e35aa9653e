/** The keychain's failures, in words a recruiter can act on. Keys never appear in them. */

/** Which store operation failed, so a caller can word its own message. */
export type KeychainOperation = 'set' | 'get' | 'has' | 'delete';

/**
 * The OS keychain could not be used. The key was not stored anywhere: there is no
 * plain-text fallback. `details` is the keychain's own error, with the key removed.
 */
export class KeychainUnavailableError extends Error {
  override name = 'KeychainUnavailableError';
  readonly operation: KeychainOperation;
  readonly details: string;

  constructor(operation: KeychainOperation, details: string, message?: string) {
    super(
      message ??
        `Talktally cannot reach the system keychain (GNOME Keyring / KWallet on Linux, Keychain on macOS, ` +
          `Credential Manager on Windows), so it cannot ${ACTION[operation]} API keys. ` +
          `Keys are never saved anywhere else. (details: ${details})`,
    );
    this.operation = operation;
    this.details = details;
  }
}

/**
 * The keychain did not answer in time: usually it is locked and waiting for its
 * password on a prompt, or its service hangs. A KeychainUnavailableError, so every
 * caller that copes with a keychain that is down copes with this one too.
 */
export class KeychainTimeoutError extends KeychainUnavailableError {
  override name = 'KeychainTimeoutError';

  constructor(operation: KeychainOperation, timeoutMs: number, stillWaiting: boolean) {
    const count = Math.round(timeoutMs / 100) / 10;
    const seconds = `${count.toLocaleString('en-US')} second${count === 1 ? '' : 's'}`;
    const details = stillWaiting ? `an earlier request has had no answer for over ${seconds}` : `no answer within ${seconds}`;
    super(
      operation,
      details,
      `The system keychain did not answer within ${seconds}, so Talktally cannot ${ACTION[operation]} API keys right now. ` +
        `If it is asking for your password, unlock it and try again. Keys are never saved anywhere else. (details: ${details})`,
    );
  }
}

/** A key that cannot be a vendor's API key. The message never contains the key. */
export class InvalidApiKeyError extends Error {
  override name = 'InvalidApiKeyError';
}

const ACTION: Record<KeychainOperation, string> = { set: 'store', get: 'read', has: 'read', delete: 'remove' };
