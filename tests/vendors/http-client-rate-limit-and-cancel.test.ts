/**
 * The vendor HTTP client's rate limiter and cancelling, against a real local server: never more
 * than the limit in any interval, retries taking a slot, one limiter per connection, and an
 * abort signal ending a request at once wherever it is (a Retry-After wait, the limiter, in
 * flight). Answers and retries are in http-client-answers.test.ts and http-client-retries.test.ts.
 */
import { describe, it } from 'vitest';
import { connect, failure, send, serve } from './http-client-setup';

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
