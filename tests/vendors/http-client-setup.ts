import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import { createVendorHttp } from '../../electron/vendors/http/client';
import { isVendorRequestError, type VendorRequestError } from '../../electron/vendors/http/errors';
import type { VendorHttpOptions } from '../../electron/vendors/http/types';

/*
 * What the vendor HTTP client tests (tests/vendors/http-client-*.test.ts) share: a vendor on
 * 127.0.0.1 that records every request, and a client pointed at it.
 */

/** A TEST key in the shape of a live one; it must never come back out of the client. */
export const KEY = `tp_live_${'0123456789abcdef'.repeat(2)}`;

interface Seen {
  at: number;
  url: URL;
  headers: IncomingHttpHeaders;
}
type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

// The tests run concurrently (most of their time is spent waiting), so servers are closed at the end, not after each test.
// Registered on import, as tests/helpers/temp.ts does: each test file closes the servers it started.
const servers: http.Server[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A vendor on 127.0.0.1 that records when each request arrived; `n` counts from 0. */
export async function serve(handler: Handler) {
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

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain' : 'application/json';
  res.writeHead(status, { 'content-type': type, ...headers }).end(text);
}

export function connect(baseUrl: string, overrides: Partial<VendorHttpOptions> = {}) {
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

export async function failure(promise: Promise<unknown>): Promise<VendorRequestError> {
  const error = await promise.then(
    () => new Error('expected the request to fail'),
    (e: unknown) => e,
  );
  if (!isVendorRequestError(error)) throw new Error(`expected a VendorRequestError, got ${String(error)}`);
  return error;
}
