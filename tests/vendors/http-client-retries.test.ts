/**
 * The vendor HTTP client's retries, against a real local server: 429s waited out (Retry-After in
 * seconds or as a date), 5xx retried with growing, capped delays, reset connections, timeouts,
 * and giving up with the right kind of error. Answers are in http-client-answers.test.ts, the
 * rate limiter and cancelling in http-client-rate-limit-and-cancel.test.ts.
 */
import { describe, it } from 'vitest';
import { connect, failure, send, serve } from './http-client-setup';

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
