import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, describe, it } from 'vitest';
import { createVendorHttp } from '../../electron/vendors/http/client';
import { isVendorRequestError, type VendorRequestError } from '../../electron/vendors/http/errors';
import type { VendorHttpOptions } from '../../electron/vendors/http/types';
import type { Vendor } from '../../shared/vendors';

/** A TEST key in the shape of a live one; it must never come back out of the client. */
const KEY = `tp_live_${'0123456789abcdef'.repeat(2)}`;

interface Seen {
  at: number;
  url: URL;
  headers: IncomingHttpHeaders;
}
type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

// The tests run concurrently (most of their time is spent waiting), so servers are closed at the end, not after each test.
const servers: http.Server[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A vendor on 127.0.0.1 that records when each request arrived; `n` counts from 0. */
async function serve(handler: Handler) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ at: Date.now(), url: new URL(req.url ?? '/', 'http://vendor'), headers: req.headers });
    handler(req, res, seen.length - 1);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const gaps = () => seen.slice(1).map((s, i) => s.at - seen[i]!.at);
  return { url: `http://127.0.0.1:${port}`, seen, gaps, server };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain' : 'application/json';
  res.writeHead(status, { 'content-type': type, ...headers }).end(text);
}

function connect(baseUrl: string, overrides: Partial<VendorHttpOptions> = {}) {
  const lines: string[] = [];
  const client = createVendorHttp({
    vendor: 'talentlynk',
    baseUrl,
    headers: { authorization: `Bearer ${KEY}`, 'x-api-key': KEY },
    secrets: [KEY],
    rateLimit: { limit: 100, intervalMs: 1000 },
    timeoutMs: 1000,
    retries: 3,
    backoffLimitMs: 50,
    log: (line) => lines.push(line),
    ...overrides,
  });
  return { client, lines };
}

async function failure(promise: Promise<unknown>): Promise<VendorRequestError> {
  const error = await promise.then(
    () => new Error('expected the request to fail'),
    (e: unknown) => e,
  );
  if (!isVendorRequestError(error)) throw new Error(`expected a VendorRequestError, got ${String(error)}`);
  return error;
}

describe.concurrent('successful requests', () => {
  it('parses JSON, encodes the query, sends the auth headers and keeps the base path', async ({ expect }) => {
    const vendor = await serve((_req, res) => send(res, 200, { data: [{ id: 'call_1' }], total: 1 }));
    const { client, lines } = connect(`${vendor.url}/talentlynk/v1/partners`);

    const body = await client.getJson('/reports/call-logs', {
      startDate: '2025-01-01T00:00:00Z',
      page: 2,
      archived: false,
      cursor: undefined,
      q: 'a b&c',
    });

    expect(body).toEqual({ data: [{ id: 'call_1' }], total: 1 });
    const [request] = vendor.seen;
    expect(request!.url.pathname).toBe('/talentlynk/v1/partners/reports/call-logs');
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({
      startDate: '2025-01-01T00:00:00Z',
      page: '2',
      archived: 'false',
      q: 'a b&c',
    });
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.headers['x-api-key']).toBe(KEY);
    expect(request!.headers.accept).toBe('application/json');
    expect(client.requestCount).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^talentlynk GET \/reports\/call-logs\?startDate=2025-01-01T00%3A00%3A00Z&page=2&archived=false&q=a\+b%26c -> 200 in \d+ ms \(attempt 1\)$/,
    );
  });
});

describe.concurrent('retries', () => {
  it('waits out a 429 Retry-After given in seconds', async ({ expect }) => {
    const vendor = await serve((_req, res, n) =>
      n === 0 ? send(res, 429, { message: 'Too many requests' }, { 'retry-after': '1' }) : send(res, 200, { ok: true }),
    );
    const { client, lines } = connect(vendor.url);

    expect(await client.getJson('/calls')).toEqual({ ok: true });
    expect(vendor.seen).toHaveLength(2);
    expect(vendor.gaps()[0]).toBeGreaterThanOrEqual(990);
    expect(client.requestCount).toBe(2);
    expect(lines[0]).toMatch(/-> 429 in \d+ ms \(attempt 1\), retrying in 1000 ms$/);
    expect(lines[1]).toMatch(/-> 200 in \d+ ms \(attempt 2\)$/);
  });

  it('waits out a 429 Retry-After given as an HTTP date', async ({ expect }) => {
    let retryAt = 0;
    const vendor = await serve((_req, res, n) => {
      if (n > 0) return send(res, 200, { ok: true });
      // HTTP dates have whole seconds, so this is between 1 and 2 s ahead.
      const header = new Date(Date.now() + 2000).toUTCString();
      retryAt = Date.parse(header);
      send(res, 429, { message: 'slow down' }, { 'retry-after': header });
    });
    const { client } = connect(vendor.url);

    expect(await client.getJson('/calls')).toEqual({ ok: true });
    expect(vendor.seen).toHaveLength(2);
    expect(vendor.seen[1]!.at).toBeGreaterThanOrEqual(retryAt - 10);
    expect(vendor.gaps()[0]).toBeGreaterThanOrEqual(990);
  });

  it('retries 500, 502 and 503 with growing delays that stop at the cap', async ({ expect }) => {
    const statuses = [500, 502, 503];
    const vendor = await serve((_req, res, n) => send(res, statuses[n] ?? 200, { ok: n >= 3 }));
    // got's backoff is 1 s, 2 s, 4 s, … so the cap must be above 1 s to see it grow.
    const { client, lines } = connect(vendor.url, { backoffLimitMs: 1500 });

    expect(await client.getJson('/calls')).toEqual({ ok: true });
    expect(client.requestCount).toBe(4);
    const [first, second, third] = vendor.gaps() as [number, number, number];
    expect(first).toBeGreaterThanOrEqual(990); // 1 s + jitter
    expect(second).toBeGreaterThan(first); // 2 s, capped to 1.5 s
    expect(second).toBeGreaterThanOrEqual(1490);
    expect(third).toBeLessThan(1500 + 100 + 150); // 4 s, capped: cap + jitter + scheduling
    expect(lines.map((line) => line.match(/-> (\d+)/)?.[1])).toEqual(['500', '502', '503', '200']);
  }, 10_000);

  it('retries a connection the server resets', async ({ expect }) => {
    const vendor = await serve((req, res, n) => (n < 2 ? req.socket.destroy() : send(res, 200, { ok: true })));
    const { client, lines } = connect(vendor.url);

    expect(await client.getJson('/calls')).toEqual({ ok: true });
    expect(vendor.seen).toHaveLength(3);
    expect(client.requestCount).toBe(3);
    expect(lines.slice(0, 2)).toEqual([expect.stringContaining('-> ECONNRESET'), expect.stringContaining('-> ECONNRESET')]);
  });

  it('gives up on a server that never answers with kind timeout', async ({ expect }) => {
    const vendor = await serve(() => {});
    const { client } = connect(vendor.url, { timeoutMs: 200, retries: 2 });

    const error = await failure(client.getJson('/calls'));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('TalentLynk did not answer /calls within 0.2 s after 3 tries.');
    expect(vendor.seen).toHaveLength(3);
    expect(client.requestCount).toBe(3);
  });
});

describe.concurrent('vendor errors that are not retried', () => {
  const cases: [string, Vendor, number, unknown, Partial<VendorRequestError>][] = [
    [
      'NestJS-style 401',
      'talentlynk',
      401,
      { statusCode: 401, message: 'Invalid API key', error: 'Unauthorized' },
      {
        kind: 'unauthorized',
        vendorMessage: 'Invalid API key',
        // The vendor's own words stay in the sentence.
        message: 'TalentLynk refused the API key (401) at /agents. It said: "Invalid API key". Check the key in Connections.',
      },
    ],
    [
      'NestJS-style 401 for a good token short of a scope (HighLevel)',
      'highlevel',
      401,
      { statusCode: 401, message: 'The token is not authorized for this scope.', error: 'Unauthorized' },
      {
        kind: 'unauthorized',
        vendorMessage: 'The token is not authorized for this scope.',
        message: 'HighLevel Voice AI did not accept the request to /agents (401): The token is not authorized for this scope.',
      },
    ],
    [
      '{ success: false, error } 403',
      'talkpilot',
      403,
      { success: false, error: { code: 'FORBIDDEN', message: 'Missing scope calls:read' } },
      {
        kind: 'forbidden',
        vendorMessage: 'Missing scope calls:read',
        message: 'TalkPilot: no permission for /agents (403): Missing scope calls:read',
      },
    ],
    [
      '{ error: { code, message } } 404',
      'talkover',
      404,
      { error: { code: 'NOT_FOUND', message: 'Agent 42 does not exist' } },
      { kind: 'not_found', message: 'Talkover has no /agents (404): Agent 42 does not exist' },
    ],
    [
      '{ error: { message, field } } 422',
      'highlevel',
      422,
      { error: { code: 'INVALID', message: 'Date range too long', field: 'endDate' } },
      {
        kind: 'client_error',
        vendorMessage: 'Date range too long (field: endDate)',
        message: 'HighLevel Voice AI rejected the request to /agents (422): Date range too long (field: endDate)',
      },
    ],
    [
      '{ success: false, message, errors } 422',
      'talknex',
      422,
      { success: false, message: 'Validation failed', errors: { startDate: ['must be ISO 8601'] } },
      { kind: 'client_error', vendorMessage: 'Validation failed; startDate: must be ISO 8601' },
    ],
    [
      'NestJS-style 400 with a list of messages',
      'talknex',
      400,
      { statusCode: 400, message: ['limit must not be greater than 100', 'page must be positive'], error: 'Bad Request' },
      { kind: 'client_error', vendorMessage: 'limit must not be greater than 100; page must be positive' },
    ],
    ['plain-text 400', 'talkover', 400, 'startDate is required', { kind: 'client_error', vendorMessage: 'startDate is required' }],
  ];

  it.for(cases)('%s', async ([, vendorId, status, body, expected], { expect }) => {
    const vendor = await serve((_req, res) => send(res, status, body));
    const { client } = connect(vendor.url, { vendor: vendorId });

    const error = await failure(client.getJson('/agents', { page: 1 }));
    expect(error).toMatchObject({ ...expected, status, vendor: vendorId, endpoint: '/agents' });
    expect(vendor.seen).toHaveLength(1);
    expect(client.requestCount).toBe(1);
  });

  it('cuts a long vendor message to about 300 characters', async ({ expect }) => {
    const vendor = await serve((_req, res) => send(res, 400, { message: 'x'.repeat(5000) }));
    const error = await failure(connect(vendor.url).client.getJson('/calls'));
    expect(error.vendorMessage!.length).toBeLessThanOrEqual(300);
    expect(error.vendorMessage!.endsWith('…')).toBe(true);
  });
});

describe.concurrent('bodies that are not JSON', () => {
  it('an HTML page with status 200 is invalid_response, not retried', async ({ expect }) => {
    const page = '<!doctype html><html><head><title>Maintenance</title></head><body><h1>Back soon</h1></body></html>';
    const vendor = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
    const { client } = connect(vendor.url, { vendor: 'talkover' });

    const error = await failure(client.getJson('/calls', { page: 3 }));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toBe('Talkover answered /calls with something that is not JSON (an HTML page?).');
    expect(error.vendorMessage).toBe('Maintenance Back soon');
    expect(vendor.seen).toHaveLength(1);
  });

  it('truncated JSON is invalid_response naming vendor and endpoint', async ({ expect }) => {
    const vendor = await serve((_req, res) => send(res, 200, '{"data":[{"id":"call_1"},{"id":'));
    const error = await failure(connect(vendor.url, { vendor: 'talknex' }).client.getJson('/v2/calls'));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toBe('Talknex answered /v2/calls with JSON that is cut off or malformed.');
  });

  it('an empty 200 is invalid_response', async ({ expect }) => {
    const vendor = await serve((_req, res) => res.writeHead(200).end());
    const error = await failure(connect(vendor.url).client.getJson('/calls'));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toBe('TalentLynk answered /calls with an empty body instead of JSON.');
  });

  it('a redirect is not followed, so the key never reaches the other host', async ({ expect }) => {
    const elsewhere = await serve((_req, res) => send(res, 200, { stolen: true }));
    const vendor = await serve((_req, res) => res.writeHead(302, { location: `${elsewhere.url}/calls` }).end());

    const error = await failure(connect(vendor.url).client.getJson('/calls'));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 302 });
    expect(error.message).toBe('TalentLynk redirected /calls elsewhere (302) instead of answering. Check the server address.');
    expect(elsewhere.seen).toHaveLength(0);
  });
});

describe.concurrent('giving up', () => {
  it('always-500 is server_error after limit + 1 attempts, each delay held to the cap', async ({ expect }) => {
    const vendor = await serve((_req, res) => send(res, 500, { error: { code: 'INTERNAL', message: 'boom' } }));
    const { client, lines } = connect(vendor.url, { retries: 3, backoffLimitMs: 50 });

    const error = await failure(client.getJson('/calls'));
    expect(error.kind).toBe('server_error');
    expect(error.message).toBe('TalentLynk had a server problem at /calls (500) after 4 tries: boom');
    expect(vendor.seen).toHaveLength(4);
    expect(client.requestCount).toBe(4);
    // Uncapped, the third delay would be 4 s.
    for (const gap of vendor.gaps()) expect(gap).toBeLessThan(50 + 100 + 150);
    expect(lines).toHaveLength(4);
  });

  it('always-429 without Retry-After backs off, then is rate_limited', async ({ expect }) => {
    const vendor = await serve((_req, res) => send(res, 429, { message: 'Too many requests' }));
    const { client } = connect(vendor.url, { retries: 2 });

    const error = await failure(client.getJson('/calls'));
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, vendorMessage: 'Too many requests' });
    expect(vendor.seen).toHaveLength(3);
  });

  it('a Retry-After above maxRetryAfterMs fails at once as rate_limited', async ({ expect }) => {
    const vendor = await serve((_req, res) => send(res, 429, { message: 'quota' }, { 'retry-after': '10' }));
    const { client } = connect(vendor.url, { maxRetryAfterMs: 1000 });

    const started = Date.now();
    const error = await failure(client.getJson('/calls'));
    expect(Date.now() - started).toBeLessThan(500);
    expect(error.kind).toBe('rate_limited');
    expect(error.message).toBe('TalentLynk asked us to wait 10 s before calling /calls again (429). Try again later.');
    expect(vendor.seen).toHaveLength(1);
  });

  it('a refused port is unreachable after the retries', async ({ expect }) => {
    const gone = await serve(() => {});
    await new Promise((resolve) => gone.server.close(resolve));
    const { client } = connect(gone.url, { vendor: 'talknex', retries: 2 });

    const error = await failure(client.getJson('/calls'));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe('Talknex could not be reached at /calls: connection refused after 3 tries.');
    expect(client.requestCount).toBe(3);
  });
});

describe.concurrent('secrets', () => {
  /** Everything an error could show or a log could hold. */
  function everythingSaid(errors: VendorRequestError[], lines: string[]): string {
    const said = errors.flatMap((e) => [e.message, e.vendorMessage, e.stack, String(e), JSON.stringify(e), inspect(e, { depth: 10 })]);
    return [...said, ...lines].join('\n');
  }

  it('never lets the key out, even when the vendor echoes it', async ({ expect }) => {
    const vendor = await serve((req, res) => {
      const echo = `${req.headers.authorization} / ${req.headers['x-api-key']}`;
      const path = new URL(req.url ?? '/', 'http://vendor').pathname;
      if (path === '/401') return send(res, 401, `Key ${KEY} is revoked`);
      if (path === '/422') return send(res, 422, { error: { code: 'BAD_KEY', message: `Invalid key ${echo}`, field: KEY } });
      if (path === '/500') return send(res, 500, { success: false, message: [echo, KEY], errors: [KEY] });
      if (path === '/html') return res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>Hello ${echo}</p>`);
      send(res, 200, { ok: true });
    });
    const { client, lines } = connect(vendor.url, { retries: 1 });
    // Only the header is declared here: the bare key inside `Bearer <key>` must still be caught.
    const headerOnly = connect(vendor.url, { secrets: [], headers: { authorization: `Bearer ${KEY}` } });

    const errors = await Promise.all([
      failure(client.getJson('/401')),
      failure(client.getJson('/422')),
      failure(client.getJson('/500')),
      failure(client.getJson('/html')),
      failure(headerOnly.client.getJson('/401')),
    ]);
    await client.getJson('/ok');

    expect(errors.map((e) => e.kind)).toEqual(['unauthorized', 'client_error', 'server_error', 'invalid_response', 'unauthorized']);
    for (const e of errors) expect(e.vendorMessage).toContain('***');
    expect(errors.every((e) => e.cause === undefined)).toBe(true);
    const said = everythingSaid(errors, [...lines, ...headerOnly.lines]);
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(said).not.toContain(KEY);
    expect(said).not.toContain(KEY.slice('tp_live_'.length));
  });
});

describe.concurrent('rate limit', () => {
  it('never lets more than limit requests arrive in any interval', async ({ expect }) => {
    const vendor = await serve((_req, res) => send(res, 200, { ok: true }));
    const { client } = connect(vendor.url, { rateLimit: { limit: 5, intervalMs: 500 } });
    // got's first request in a process is tens of ms slower; that start-up lag is not what this measures.
    await client.getJson('/warm-up');
    await new Promise((resolve) => setTimeout(resolve, 600));
    vendor.seen.length = 0;

    const started = Date.now();
    await Promise.all(Array.from({ length: 15 }, (_, i) => client.getJson('/calls', { page: i })));
    const arrivals = vendor.seen.map((s) => s.at).sort((a, b) => a - b);

    expect(arrivals).toHaveLength(15);
    // At most 5 in any 500 ms window ⇔ any 6 consecutive arrivals span at least 500 ms.
    for (let i = 0; i + 5 < arrivals.length; i++) expect(arrivals[i + 5]! - arrivals[i]!).toBeGreaterThanOrEqual(500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(client.requestCount).toBe(16);
  });

  it('makes retries take a slot too', async ({ expect }) => {
    const vendor = await serve((_req, res, n) => send(res, n === 0 ? 500 : 200, { n }));
    const { client } = connect(vendor.url, { rateLimit: { limit: 2, intervalMs: 1000 } });

    await Promise.all([client.getJson('/a'), client.getJson('/b')]);
    expect(vendor.seen).toHaveLength(3);
    expect(client.requestCount).toBe(3);
    // Backoff alone would retry after 50–150 ms; the third slot opens a second after the first.
    expect(vendor.seen[2]!.at - vendor.seen[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('keeps one limiter per connection', async ({ expect }) => {
    const vendor = await serve((_req, res) => send(res, 200, { ok: true }));
    const one = connect(vendor.url, { rateLimit: { limit: 1, intervalMs: 5000 } });
    const two = connect(vendor.url, { rateLimit: { limit: 1, intervalMs: 5000 } });

    const started = Date.now();
    await Promise.all([one.client.getJson('/calls'), two.client.getJson('/calls')]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe.concurrent('cancelling', () => {
  async function cancelAfter(ms: number, run: (signal: AbortSignal) => Promise<unknown>) {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), ms);
    return failure(run(controller.signal));
  }

  it('during a long Retry-After wait rejects at once with kind cancelled', async ({ expect }) => {
    const vendor = await serve((_req, res) => send(res, 503, { message: 'busy' }, { 'retry-after': '60' }));
    const started = Date.now();
    const error = await cancelAfter(150, (signal) => connect(vendor.url, { signal }).client.getJson('/calls'));

    expect(error.kind).toBe('cancelled');
    expect(error.message).toBe('The request to TalentLynk at /calls was cancelled.');
    expect(Date.now() - started).toBeLessThan(650);
    expect(vendor.seen).toHaveLength(1);
  });

  it('while waiting for the rate limiter, and the slot it waited for is never used', async ({ expect }) => {
    const vendor = await serve((_req, res) => send(res, 200, { ok: true }));
    const controller = new AbortController();
    const { client } = connect(vendor.url, { signal: controller.signal, rateLimit: { limit: 1, intervalMs: 400 } });
    await client.getJson('/calls');

    const started = Date.now();
    const waiting = failure(client.getJson('/calls'));
    setTimeout(() => controller.abort(), 100);
    expect((await waiting).kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(300);
    // Past the moment the slot would have opened: nothing was counted or sent.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(client.requestCount).toBe(1);
    expect(vendor.seen).toHaveLength(1);
  });

  it('while the request is in flight, and before it starts', async ({ expect }) => {
    const vendor = await serve(() => {});
    const controller = new AbortController();
    const { client } = connect(vendor.url, { signal: controller.signal, timeoutMs: 10_000 });

    const started = Date.now();
    const inFlight = failure(client.getJson('/calls'));
    setTimeout(() => controller.abort(), 100);
    expect((await inFlight).kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(600);

    expect((await failure(client.getJson('/calls'))).kind).toBe('cancelled');
    const bornCancelled = connect(vendor.url, { signal: AbortSignal.abort() }).client;
    expect((await failure(bornCancelled.getJson('/calls'))).kind).toBe('cancelled');
    expect(vendor.seen).toHaveLength(1);
  });
});
