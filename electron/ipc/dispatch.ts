import type { z } from 'zod';
import { isChannel, type Channel } from '../../shared/ipc/channels';
import { contract, type ParsedRequestOf, type ResponseOf } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import { InvalidFieldError, UserFacingError } from './errors';

/** Main's side of the contract: exactly one handler per channel, typed by it. */
export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export type Dispatch = (channel: unknown, payload: unknown) => Promise<IpcResult<unknown>>;

/** Something to write problems to; never given a payload, so no secret can reach it. */
export type Logger = Pick<Console, 'error'>;

/**
 * Checks a request against the contract and runs its handler. Every outcome is
 * an `IpcResult`: an unknown channel, an invalid payload (naming the field), a
 * failure worded for the user, or, for an unexpected error, a generic message
 * while the details go to the log.
 */
export function createDispatch(handlers: Handlers, log: Logger = console): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel named ${describe(channel)}.` } };
    }
    const parsed = contract[channel].request.safeParse(payload);
    if (!parsed.success) return { ok: false, error: invalidRequest(channel, parsed.error) };
    try {
      const handler = handlers[channel] as (request: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof UserFacingError || error instanceof InvalidFieldError) return { ok: false, error: error.toIpcError() };
      log.error(`[ipc] ${channel} failed:`, error);
      return { ok: false, error: { code: 'FAILED', message: `Something went wrong while handling ${channel}.` } };
    }
  };
}

function invalidRequest(channel: Channel, error: z.ZodError) {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(request)';
  return {
    code: 'INVALID_REQUEST' as const,
    field,
    message: `Invalid request on ${channel}: ${field}: ${issue?.message ?? 'not valid'}.`,
  };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : `of type ${typeof value}`;
}
