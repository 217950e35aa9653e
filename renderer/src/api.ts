import type { Channel } from '../../shared/ipc/channels';
import type { RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { IpcError } from '../../shared/ipc/result';

/** A failed request, carrying main's typed error so screens can say what went wrong. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

/** Calls a channel and returns its value, or throws an ApiError with main's explanation. */
export async function request<C extends Channel>(channel: C, payload?: RequestOf<C>): Promise<ResponseOf<C>> {
  const call = window.api[channel] as (payload?: RequestOf<C>) => Promise<{ ok: true; value: ResponseOf<C> } | { ok: false; error: IpcError }>;
  const result = await call(payload);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
