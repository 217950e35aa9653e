import type { IpcError, IpcErrorCode } from '../../shared/ipc/result';

/**
 * An error whose message is meant for the user, thrown by handlers and the core.
 * Anything else that escapes a handler is reported without its details.
 */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    readonly code: Exclude<IpcErrorCode, 'UNKNOWN_CHANNEL' | 'INVALID_REQUEST' | 'FORBIDDEN_SENDER'>,
    message: string,
  ) {
    super(message);
  }

  toIpcError(): IpcError {
    return { code: this.code, message: this.message };
  }
}

export const notFound = (what: string) => new UserFacingError('NOT_FOUND', `${what} was not found. It may have been removed.`);

/** Input that passed the schema but is still wrong (a label already taken, a key the keychain refuses): answered as INVALID_REQUEST naming the field. */
export class InvalidFieldError extends Error {
  override name = 'InvalidFieldError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }

  toIpcError(): IpcError {
    return { code: 'INVALID_REQUEST', field: this.field, message: this.message };
  }
}
