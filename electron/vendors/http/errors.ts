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
  /** Set when the vendor asked for a wait longer than we hold a request for: the sync pauses and resumes next run. */
  declare readonly retryAfterMs?: number;

  constructor(init: VendorRequestErrorInit) {
    super(describe(init));
    this.kind = init.kind;
    this.vendor = init.vendor;
    this.endpoint = init.endpoint;
    if (init.status !== undefined) this.status = init.status;
    if (init.vendorMessage !== undefined) this.vendorMessage = init.vendorMessage;
    if (init.kind === 'rate_limited' && init.detail?.retryAfterMs !== undefined) this.retryAfterMs = init.detail.retryAfterMs;
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

/** "40 s", "about 58 min", "about 3 h": a wait in the words a person uses. */
export function waitInWords(ms: number): string {
  if (ms < 90_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (ms < 90 * 60_000) return `about ${Math.round(ms / 60_000)} min`;
  return `about ${Math.round(ms / 3_600_000)} h`;
}

/** A message that only repeats the status line, so says nothing about why. */
const STATUS_ONLY = /^(unauthori[sz]ed|forbidden|access denied)[.!]?$/i;
/** Words for a key that is itself bad: "Invalid JWT", "Invalid or missing API key", "Key *** is revoked". */
const BAD = /\b(invalid|missing|expired|revoked|unknown|wrong|incorrect|malformed|not valid|unrecognized|disabled)\b/i;
const KEY = /\b(api[\s_-]?key|key|token|jwt|credentials?|app[\s_-]?id)\b/i;
const NOT_SIGNED_IN = /\b(unauthenticated|not authenticated|authentication failed)\b/i;
/** Words for a good key that may not do this one thing: "The token is not authorized for this scope." */
const SHORT_OF_PERMISSION = /\b(scopes?|permissions?|access to|not allowed|insufficient|lacks?)\b/i;

/**
 * Whether a 401 or 403 says the key itself is wrong, so "wrong key" is the
 * right advice. A 401 is not enough: HighLevel answers a good token that
 * lacks a scope with 401 too. Only the vendor's words decide; a 401 that says
 * nothing (or only "Unauthorized") is taken to mean the key.
 */
export function blamesTheKey({ kind, vendorMessage }: Pick<VendorRequestErrorInit, 'kind' | 'vendorMessage'>): boolean {
  if (kind !== 'unauthorized' && kind !== 'forbidden') return false;
  const said = vendorMessage?.trim() ?? '';
  if (said === '' || STATUS_ONLY.test(said)) return kind === 'unauthorized';
  if (SHORT_OF_PERMISSION.test(said)) return false;
  return NOT_SIGNED_IN.test(said) || (BAD.test(said) && KEY.test(said));
}

/** Whether a refused request was for want of a permission the vendor names (a scope, an access right), not a bad key. */
export function lacksPermission({ kind, vendorMessage }: Pick<VendorRequestErrorInit, 'kind' | 'vendorMessage'>): boolean {
  return (kind === 'unauthorized' || kind === 'forbidden') && SHORT_OF_PERMISSION.test(vendorMessage ?? '');
}

/** One sentence a recruiter can act on; the vendor's own words follow a colon when they help. */
function describe({ kind, vendor, endpoint, status, vendorMessage, detail = {} }: VendorRequestErrorInit): string {
  const name = VENDOR_NAMES[vendor];
  const code = status === undefined ? '' : ` (${status})`;
  const theirs = vendorMessage ? `: ${vendorMessage}` : '.';
  const tries = detail.attempts && detail.attempts > 1 ? ` after ${detail.attempts} tries` : '';
  switch (kind) {
    case 'unauthorized':
    case 'forbidden': {
      if (blamesTheKey({ kind, vendorMessage })) {
        const said = vendorMessage && !STATUS_ONLY.test(vendorMessage) ? ` It said: "${vendorMessage}".` : '';
        return `${name} refused the API key${code} at ${endpoint}.${said} Check the key in Connections.`;
      }
      // A good key short of a permission (a scope, a location): the vendor's words say which.
      return kind === 'unauthorized'
        ? `${name} did not accept the request to ${endpoint}${code}${theirs}`
        : `${name}: no permission for ${endpoint}${code}${theirs}`;
    }
    case 'not_found':
      return `${name} has no ${endpoint}${code}${theirs}`;
    case 'client_error':
      return `${name} rejected the request to ${endpoint}${code}${theirs}`;
    case 'rate_limited':
      return detail.retryAfterMs === undefined
        ? `${name} is still limiting requests to ${endpoint}${code}${tries}. Try again in a few minutes.`
        : `${name} asked us to wait ${waitInWords(detail.retryAfterMs)} before calling ${endpoint} again${code}. Try again later.`;
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
      return invalidBody(detail.body, name, endpoint, code, theirs);
    case 'cancelled':
      return `The request to ${name} at ${endpoint} was cancelled.`;
  }
}

/** A 2xx answer we could not read, by what its body looked like. */
function invalidBody(body: FailureDetail['body'], name: string, endpoint: string, code: string, theirs: string): string {
  switch (body) {
    case 'html':
      return `${name} answered ${endpoint} with something that is not JSON (an HTML page?).`;
    case 'empty':
      return `${name} answered ${endpoint} with an empty body instead of JSON.`;
    case 'shape':
      return `${name} answered ${endpoint} with JSON in an unexpected shape${theirs}`;
    case 'redirect':
      return `${name} redirected ${endpoint} elsewhere${code} instead of answering. Check the server address.`;
    case 'malformed':
    case undefined:
      return `${name} answered ${endpoint} with JSON that is cut off or malformed.`;
  }
}

const MESSAGE_LIMIT = 300;

/** Field-level problems as vendors list them: strings, `{ message }`s, or `{ field: [messages] }`. */
const Problems = z.union([
  z.array(z.union([z.string(), z.object({ message: z.string() }).transform((p) => p.message)])),
  z
    .record(z.string(), z.union([z.string(), z.array(z.string())]))
    .transform((byField) => Object.entries(byField).map(([field, said]) => `${field}: ${[said].flat().join(', ')}`)),
]);

/** The error bodies our five vendors send, each reduced to one line. */
const ErrorBody = z.union([
  // { error: { code, message, details?, field? } } and { success: false, error: { code, message } }
  z.object({ error: z.object({ message: z.string(), field: z.string().nullish(), details: z.unknown().optional() }) }).transform(({ error }) => {
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
