/**
 * The vendor HTTP client's requests and answers, against a real local server: what a request
 * sends, vendor errors that are not retried and the words they become, bodies that are not
 * JSON, redirects refused, and the key never let out. Retries are in http-client-retries.test.ts,
 * the rate limiter and cancelling in http-client-rate-limit-and-cancel.test.ts.
 */
import { inspect } from 'node:util';
import { describe, it } from 'vitest';
import type { VendorRequestError } from '../../electron/vendors/http/errors';
import type { Vendor } from '../../shared/vendors';
import { KEY, connect, failure, send, serve } from './http-client-setup';

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
