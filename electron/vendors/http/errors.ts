import { z } from 'zod';
import { VENDOR_NAMES, type Vendor } from '../../../shared/vendors';
import type { RequestFailureKind } from './types';

/** Facts that only shape the sentence; the caller has already scrubbed every string. */
export interface FailureDetail {
  attempts?: number;
  timeoutMs?: number;
  /** The wait a 429 asked for, when it was longer than we accept. */
  retryAfterMs?: number;
  /** Node's error code for a network failure, e.g. ECONNREFUSED. */
  networkCode?: string;
  /** What a 2xx body looked like when it was not JSON. */
  /** 'shape': valid JSON, but not the envelope the endpoint documents (`vendorMessage` says how). */
  body?: 'html' | 'empty' | 'malformed' | 'redirect' | 'shape';
}

export interface VendorRequestErrorInit {
  kind: RequestFailureKind;
  vendor: Vendor;
  endpoint: string;
  status?: number;
  vendorMessage?: string;
  detail?: FailureDetail;
}

/**
 * A failed vendor request, safe to show and to log: the client builds it from
 * scrubbed strings only and never attaches got's error (whose options hold the
 * auth headers) as `cause`.
 */
export class VendorRequestError extends Error {
  override readonly name = 'VendorRequestError';
  readonly kind: RequestFailureKind;
  readonly vendor: Vendor;
  /** The path without its query string, e.g. /reports/call-logs. */
  readonly endpoint: string;
  // `declare`, so an absent status or message is left out rather than set to undefined.
  declare readonly status?: number;
  declare readonly vendorMessage?: string;

  constructor(init: VendorRequestErrorInit) {
    super(describe(init));
    this.kind = init.kind;
    this.vendor = init.vendor;
    this.endpoint = init.endpoint;
    if (init.status !== undefined) this.status = init.status;
    if (init.vendorMessage !== undefined) this.vendorMessage = init.vendorMessage;
  }
}

export function isVendorRequestError(e: unknown): e is VendorRequestError {
  return e instanceof VendorRequestError;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ENOTFOUND: 'the server name was not found',
  EAI_AGAIN: 'the server name could not be looked up (no network?)',
  ENETUNREACH: 'no network',
  EHOSTUNREACH: 'the server is unreachable',
  EADDRINUSE: 'no free local port',
  ETIMEDOUT: 'the connection timed out',
};

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** One sentence a recruiter can act on; the vendor's own words follow a colon when they help. */
function describe({ kind, vendor, endpoint, status, vendorMessage, detail = {} }: VendorRequestErrorInit): string {
  const name = VENDOR_NAMES[vendor];
  const code = status === undefined ? '' : ` (${status})`;
  const theirs = vendorMessage ? `: ${vendorMessage}` : '.';
  const tries = detail.attempts && detail.attempts > 1 ? ` after ${detail.attempts} tries` : '';
  switch (kind) {
    case 'unauthorized':
      return `${name} refused the API key${code} at ${endpoint}. Check the key in Connections.`;
    case 'forbidden':
      return `${name}: no permission for ${endpoint}${code}${theirs}`;
    case 'not_found':
      return `${name} has no ${endpoint}${code}${theirs}`;
    case 'client_error':
      return `${name} rejected the request to ${endpoint}${code}${theirs}`;
    case 'rate_limited':
      return detail.retryAfterMs === undefined
        ? `${name} is still limiting requests to ${endpoint}${code}${tries}. Try again in a few minutes.`
        : `${name} asked us to wait ${seconds(detail.retryAfterMs)} before calling ${endpoint} again${code}. Try again later.`;
    case 'server_error':
      return `${name} had a server problem at ${endpoint}${code}${tries}${theirs}`;
    case 'timeout':
      return status === undefined
        ? `${name} did not answer ${endpoint} within ${seconds(detail.timeoutMs ?? 30_000)}${tries}.`
        : `${name} timed out the request to ${endpoint}${code}${tries}.`;
    case 'unreachable': {
      const networkCode = detail.networkCode ?? 'unknown';
      const reason = NETWORK_REASONS[networkCode] ?? `network error ${networkCode}`;
      return `${name} could not be reached at ${endpoint}: ${reason}${tries}.`;
    }
    case 'invalid_response':
      switch (detail.body) {
        case 'html':
          return `${name} answered ${endpoint} with something that is not JSON (an HTML page?).`;
        case 'empty':
          return `${name} answered ${endpoint} with an empty body instead of JSON.`;
        case 'shape':
          return `${name} answered ${endpoint} with JSON in an unexpected shape${theirs}`;
        case 'redirect':
          return `${name} redirected ${endpoint} elsewhere${code} instead of answering. Check the server address.`;
        default:
          return `${name} answered ${endpoint} with JSON that is cut off or malformed.`;
      }
    case 'cancelled':
      return `The request to ${name} at ${endpoint} was cancelled.`;
  }
}

const MESSAGE_LIMIT = 300;

/** Field-level problems as vendors list them: strings, `{ message }`s, or `{ field: [messages] }`. */
const Problems = z.union([
  z.array(z.union([z.string(), z.object({ message: z.string() }).transform((p) => p.message)])),
  z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((byField) =>
    Object.entries(byField).map(([field, said]) => `${field}: ${[said].flat().join(', ')}`),
  ),
]);

/** The error bodies our five vendors send, each reduced to one line. */
const ErrorBody = z.union([
  // { error: { code, message, details?, field? } } and { success: false, error: { code, message } }
  z
    .object({ error: z.object({ message: z.string(), field: z.string().nullish(), details: z.unknown().optional() }) })
    .transform(({ error }) => {
      const details = typeof error.details === 'string' ? ` ${error.details}` : '';
      return `${error.message}${details}${error.field ? ` (field: ${error.field})` : ''}`;
    }),
  // { success: false, message, errors? } and { statusCode, message: string | string[], error? }
  z
    .object({ message: z.union([z.string(), z.array(z.string())]), errors: Problems.optional().catch(undefined) })
    .transform(({ message, errors }) => [[message].flat().join('; '), ...(errors ?? [])].join('; ')),
  z.object({ error: z.string() }).transform(({ error }) => error),
]);

/** What the vendor said went wrong, in one line, or undefined if it said nothing. Not yet scrubbed. */
export function vendorMessageOf(body: string): string | undefined {
  let said: string;
  try {
    const json: unknown = JSON.parse(body);
    const known = ErrorBody.safeParse(json);
    said = known.success ? known.data : typeof json === 'string' ? json : JSON.stringify(json);
  } catch {
    // Plain text, or an HTML error page whose text is the message.
    said = body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  }
  said = said.replace(/\s+/g, ' ').trim();
  return said === '' ? undefined : said;
}

/** Cuts a scrubbed message to what fits in a dialog. */
export function clip(text: string, limit = MESSAGE_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
