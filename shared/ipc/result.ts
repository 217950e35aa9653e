/** Why a request failed, in a shape that survives structured cloning across IPC. */
export const IPC_ERROR_CODES = [
  /** No such channel in the contract. */
  'UNKNOWN_CHANNEL',
  /** The payload does not match the channel's schema; `field` names the first bad field. */
  'INVALID_REQUEST',
  /** The request came from a frame that is not the app's own page. */
  'FORBIDDEN_SENDER',
  /** The thing asked for does not exist (any more). */
  'NOT_FOUND',
  /** The request was valid but could not be carried out; `message` says why in plain words. */
  'FAILED',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  /** Dotted path of the offending field, for INVALID_REQUEST. */
  field?: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
