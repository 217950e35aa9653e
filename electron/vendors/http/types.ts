import type { Vendor } from '../../../shared/vendors';

/** Query values as vendors take them; `undefined` leaves the parameter out. */
export type Query = Record<string, string | number | boolean | undefined>;

export interface RateLimit {
  /** At most `limit` requests (retries included) start in any `intervalMs`. */
  limit: number;
  intervalMs: number;
}

export interface VendorHttpOptions {
  vendor: Vendor;
  /** e.g. https://api.talentlynk.ai/v1/partners; paths are appended to it. */
  baseUrl: string;
  /** Auth headers. Secret: never logged, never in an error message. */
  headers: Record<string, string>;
  /** Strings to scrub from anything logged or thrown (the API key, the app id). */
  secrets: readonly string[];
  /** Every published limit the vendor has (TalkPilot: per minute and per hour); each is kept. */
  rateLimit: RateLimit | readonly RateLimit[];
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt, for 429, 5xx, resets and timeouts. Default 6. */
  retries?: number;
  /** Cap on one exponential backoff delay. Default 30 s. */
  backoffLimitMs?: number;
  /** Longest Retry-After honoured; a longer one fails the request as rate limited. Default 5 min. */
  maxRetryAfterMs?: number;
  /** One line per attempt, already scrubbed of secrets. */
  log?: (line: string) => void;
  /** Cancels waiting and in-flight requests. */
  signal?: AbortSignal;
}

/** What went wrong, in the words "Test connection" and the sync history use. */
export const REQUEST_FAILURE_KINDS = [
  'unauthorized', // 401: wrong key
  'forbidden', // 403: the key lacks a permission
  'not_found', // 404
  'rate_limited', // 429 after every retry
  'server_error', // 5xx after every retry
  'client_error', // another 4xx: the vendor's own message is shown
  'timeout', // no answer in time, after every retry
  'unreachable', // DNS, refused, reset, no network, after every retry
  'invalid_response', // not JSON (an HTML error page, truncated body)
  'cancelled',
] as const;
export type RequestFailureKind = (typeof REQUEST_FAILURE_KINDS)[number];

export interface VendorHttp {
  /** GETs `baseUrl + path` with the query and returns the parsed JSON body. Throws VendorRequestError. */
  getJson(path: string, query?: Query): Promise<unknown>;
  /** Attempts sent so far (retries included): the benchmarks count requests with it. */
  readonly requestCount: number;
}
