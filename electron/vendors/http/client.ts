import { setTimeout as sleep } from 'node:timers/promises';
import got, { HTTPError, RequestError, TimeoutError, type Options, type RetryObject } from 'got';
import pThrottle from 'p-throttle';
import { RateBudget } from './rate-budget';
import { VendorRequestError, clip, vendorMessageOf, type VendorRequestErrorInit } from './errors';
import { createRedactor, secretsOf } from './redact';
import type { Query, RateLimit, VendorHttp, VendorHttpOptions } from './types';

const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504, 521, 522, 524];
// got's defaults, spelled out so an upgrade of got cannot change what we retry.
const RETRY_ERROR_CODES = ['ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN'];
// The vendor counts arrivals, we count departures: a request slowed by opening a
// connection (or by a busy network) must not land in the same window as a later
// one on a warm socket. So each window is taken a tenth longer than published,
// and never less than 100 ms longer. (A 429 that still slips through is retried
// after its Retry-After.)
const limiterIntervalMs = (intervalMs: number) => intervalMs + Math.max(100, Math.round(intervalMs / 10));

type Failure = Omit<VendorRequestErrorInit, 'vendor' | 'endpoint'>;

/**
 * Thrown before sending when the vendor's announced budget for this key is used
 * up for longer than we wait: the request is not sent, and the sync pauses
 * that stream until its next run instead of sitting on a timer for an hour.
 */
class BudgetUsedUp extends Error {
  constructor(readonly waitMs: number) {
    super('rate budget used up');
  }
}

/** One getJson call. It rides in got's `context`, which every retry of the call shares. */
class Call {
  attempt = 0;
  startedAt = Date.now();
  constructor(readonly label: string) {}

  line(outcome: string): string {
    if (this.attempt === 0) return `${this.label} -> ${outcome} before sending`;
    return `${this.label} -> ${outcome} in ${Date.now() - this.startedAt} ms (attempt ${this.attempt})`;
  }
}

function callOf(options: Pick<Options, 'context'>): Call | undefined {
  const call = options.context.call;
  return call instanceof Call ? call : undefined;
}

/** Resolves when a request may start under every limit; rejects when `signal` aborts while waiting. */
function createLimiter(limits: RateLimit | readonly RateLimit[], signal: AbortSignal | undefined): () => Promise<void> {
  // p-throttle refuses to wrap anything once its signal has fired; getJson turns those calls away first.
  const live = signal && !signal.aborted ? { signal } : {};
  const slots = [limits]
    .flat()
    .map(({ limit, intervalMs }) => pThrottle({ limit, interval: limiterIntervalMs(intervalMs), strict: true, ...live })(async () => {}));
  return async () => {
    for (const slot of slots) await slot();
  };
}

export function createVendorHttp(options: VendorHttpOptions): VendorHttp {
  const { vendor, signal } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5 * 60_000;
  const scrub = createRedactor(secretsOf(options.secrets, options.headers));
  const log = (line: string): void => options.log?.(scrub(line));
  const takePublishedSlot = createLimiter(options.rateLimit, signal);
  const budget = new RateBudget();
  /** A slot under the published limits and under what the vendor announced is left for this key. */
  const takeSlot = async (): Promise<void> => {
    for (;;) {
      const waitMs = budget.reserve(Date.now());
      if (waitMs === 0) break;
      if (waitMs > maxRetryAfterMs) throw new BudgetUsedUp(waitMs);
      await sleep(waitMs, undefined, signal ? { signal } : {});
    }
    await takePublishedSlot();
  };
  let requestCount = 0;

  const client = got.extend({
    prefixUrl: options.baseUrl,
    allowAbsoluteUrls: false,
    headers: { accept: 'application/json', 'user-agent': 'Talktally', ...options.headers },
    // Text, so we parse it ourselves and can tell an HTML page from JSON cut short.
    responseType: 'text',
    // A redirect would skip the limiter, and got forwards custom auth headers (x-api-key) across origins.
    followRedirect: false,
    timeout: { request: timeoutMs },
    signal,
    retry: {
      limit: options.retries ?? 6,
      methods: ['GET'],
      statusCodes: RETRY_STATUS_CODES,
      errorCodes: RETRY_ERROR_CODES,
      backoffLimit: options.backoffLimitMs ?? 30_000,
      noise: 100, // got's maximum jitter
      // Without it got caps Retry-After at the request timeout.
      maxRetryAfter: maxRetryAfterMs,
      // Only called when got has decided to retry: log the failed attempt, keep got's delay.
      calculateDelay: ({ error, computedValue }: RetryObject) => {
        const call = callOf(error.options);
        if (call) log(`${call.line(outcomeOf(error, signal))}, retrying in ${Math.round(computedValue)} ms`);
        return computedValue;
      },
    },
    hooks: {
      // Runs before every attempt, retries included, so each one takes a slot.
      beforeRequest: [
        async (request) => {
          await takeSlot();
          requestCount += 1;
          const call = callOf(request);
          if (call) {
            call.attempt += 1;
            call.startedAt = Date.now();
          }
        },
      ],
      afterResponse: [
        (response) => {
          budget.observe(response.headers, Date.now());
          const call = callOf(response.request.options);
          // Errors are logged where got retries or gives up, so each attempt logs once.
          if (call && response.statusCode < 400) log(call.line(String(response.statusCode)));
          return response;
        },
      ],
    },
  });

  async function getJson(path: string, query: Query = {}): Promise<unknown> {
    const queryAt = path.indexOf('?');
    const pathname = queryAt === -1 ? path : path.slice(0, queryAt);
    const searchParams = new URLSearchParams(queryAt === -1 ? '' : path.slice(queryAt + 1));
    for (const [key, value] of Object.entries(query)) if (value !== undefined) searchParams.append(key, String(value));
    const call = new Call(`${vendor} GET ${pathname}${searchParams.size > 0 ? `?${searchParams}` : ''}`);
    const fail = ({ vendorMessage, ...failure }: Failure): VendorRequestError =>
      new VendorRequestError({
        ...failure,
        vendor,
        endpoint: scrub(pathname),
        ...(vendorMessage === undefined ? {} : { vendorMessage: clip(scrub(vendorMessage)) }),
      });

    if (signal?.aborted) {
      log(call.line('cancelled'));
      throw fail({ kind: 'cancelled' });
    }
    let response;
    try {
      // got wants the path relative to prefixUrl.
      response = await client.get(pathname.replace(/^\/+/, ''), { searchParams, context: { call } });
    } catch (error) {
      // The attempt got gave up on; retried ones were logged in calculateDelay.
      log(call.line(outcomeOf(error, signal)));
      throw fail(classify(error, { signal, timeoutMs, maxRetryAfterMs, attempts: call.attempt }));
    }
    if (response.statusCode >= 300) {
      throw fail({ kind: 'invalid_response', status: response.statusCode, detail: { body: 'redirect' } });
    }
    const body = response.body;
    try {
      return JSON.parse(body);
    } catch {
      const html = /^\s*</.test(body);
      const shape = html ? 'html' : body.trim() === '' ? 'empty' : 'malformed';
      // An HTML page's text can explain itself (a proxy or maintenance page); cut-off data cannot.
      const vendorMessage = html ? vendorMessageOf(body) : undefined;
      throw fail({ kind: 'invalid_response', status: response.statusCode, vendorMessage, detail: { body: shape } });
    }
  }

  return {
    getJson,
    get requestCount() {
      return requestCount;
    },
  };
}

/** What a log line says an attempt ended with. */
function outcomeOf(error: unknown, signal: AbortSignal | undefined): string {
  if (signal?.aborted) return 'cancelled';
  if (error instanceof HTTPError) return String(error.response.statusCode);
  if (error instanceof RequestError && error.cause instanceof BudgetUsedUp) return 'paused (rate budget used up)';
  return error instanceof RequestError ? error.code : 'error';
}

interface Facts {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  maxRetryAfterMs: number;
  attempts: number;
}

/** Turns got's final error into our kinds. Reads only status, body and code: got's error holds the headers. */
function classify(error: unknown, { signal, timeoutMs, maxRetryAfterMs, attempts }: Facts): Failure {
  if (signal?.aborted || (error instanceof RequestError && error.code === 'ERR_ABORTED')) return { kind: 'cancelled' };
  if (error instanceof RequestError && error.cause instanceof BudgetUsedUp) {
    return { kind: 'rate_limited', vendorMessage: 'the rate limit announced for this key is used up', detail: { retryAfterMs: error.cause.waitMs } };
  }
  if (error instanceof HTTPError) {
    const status = error.response.statusCode;
    const body = error.response.body;
    const vendorMessage = typeof body === 'string' ? vendorMessageOf(body) : undefined;
    const retryAfterMs = retryAfterOf(error.response.headers['retry-after']);
    const said = { status, vendorMessage, detail: { attempts } };
    if (status === 401) return { kind: 'unauthorized', ...said };
    if (status === 403) return { kind: 'forbidden', ...said };
    if (status === 404) return { kind: 'not_found', ...said };
    if (status === 408) return { kind: 'timeout', ...said };
    if (status === 429) {
      const tooLong = retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs;
      return { kind: 'rate_limited', ...said, detail: tooLong ? { retryAfterMs } : { attempts } };
    }
    return { kind: status >= 500 ? 'server_error' : 'client_error', ...said };
  }
  if (error instanceof TimeoutError) return { kind: 'timeout', detail: { attempts, timeoutMs } };
  const code = error instanceof RequestError ? error.code : 'unknown';
  // Node's HTTP parser rejected what came back: it answered, but not in HTTP.
  if (code.startsWith('HPE_')) return { kind: 'invalid_response', detail: { body: 'malformed' } };
  return { kind: 'unreachable', detail: { attempts, networkCode: code } };
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now; got reads it the same way. */
function retryAfterOf(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const ms = /^\d+$/.test(header) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}
