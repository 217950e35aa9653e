import http from 'node:http';
import type { ConnectionSettings } from '../../shared/connections';
import type { AddressInfo, Socket } from 'node:net';
import { VENDORS, type Vendor } from '../../shared/vendors';
import { createDataset, type Dataset, type DatasetOptions } from './dataset';
import { Faults } from './faults';
import { matchPath, type SimRequest, type SimResponse, type SimVendor } from './http';
import { SlidingWindowLimiter, type RateWindow } from './rate-limit';
import { SIM_VENDORS } from './vendors';
import { TALKPILOT_RATE_LIMITS } from './vendors/talkpilot';
import { talkpilotAccountOf, type TalkpilotAccount } from './vendors/talkpilot-calls';

export interface SimulatorOptions {
  seed?: number;
  /** Calls per vendor. */
  calls?: number;
  users?: number;
  agents?: number;
  days?: number;
  /** The simulated "now": the data ends here. Default: the real time, rounded down to the hour. */
  nowMs?: number;
  /** Share of TalkPilot calls purged and soft-deleted. */
  purgedShare?: number;
  deletedShare?: number;
  /**
   * 'published' enforces each vendor's documented limits; a number multiplies them (benchmarks, the demo); 'off' disables
   * them. Limits a test gives a TalkPilot key (`talkpilot.setKeyLimits`) apply whatever this says.
   */
  rateLimits?: 'published' | 'off' | number;
  /**
   * Replaces each vendor's (shortest) rate-limit interval, so a test can run "60 a minute" as "60 a second"; a vendor's
   * longer windows shrink in proportion (TalkPilot's hour becomes a minute).
   */
  rateLimitWindowMs?: number;
  port?: number;
}

export interface RequestRecord {
  vendor: Vendor | null;
  method: string;
  /** The full URL path and query as received: tests check no key ever appears in it. */
  url: string;
  status: number | 'reset';
  atMs: number;
}

export interface Simulator {
  /** Each vendor's base URL on 127.0.0.1, as a connection's settings would hold it. */
  baseUrls: Record<Vendor, string>;
  /** The credentials each vendor accepts. */
  credentials: Record<Vendor, SimVendor['credentials']>;
  datasets: Record<Vendor, Dataset>;
  faults: Faults;
  /** Every request received, in order. */
  requests: RequestRecord[];
  /** The simulated TalkPilot account: staff ticks, trash, purges, deletions, auto-delete, keys and their limits. */
  talkpilot: TalkpilotAccount;
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/** Starts the vendor simulator on 127.0.0.1 (port chosen by the system unless given). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const nowMs = options.nowMs ?? Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const base: Omit<DatasetOptions, 'seed'> = {
    calls: options.calls ?? 2_000,
    users: options.users ?? 30,
    agents: options.agents ?? 5,
    days: options.days ?? 90,
    nowMs,
  };
  const seed = options.seed ?? 1;
  const datasets = Object.fromEntries(
    VENDORS.map((vendor, i) => [
      vendor,
      createDataset({
        ...base,
        seed: seed * 10 + i,
        ...(vendor === 'talkpilot' ? { purgedShare: options.purgedShare ?? 0.02, deletedShare: options.deletedShare ?? 0.01 } : {}),
      }),
    ]),
  ) as Record<Vendor, Dataset>;
  const faults = new Faults();
  const requests: RequestRecord[] = [];
  const scale = options.rateLimits ?? 'published';
  const talkpilot = talkpilotAccountOf(datasets.talkpilot);
  const limiter = new SlidingWindowLimiter();

  /** Test-sized windows: the vendor's shortest interval becomes rateLimitWindowMs, and its others shrink alike. */
  const shrunk = (vendor: SimVendor, windows: readonly RateWindow[]): RateWindow[] => {
    const factor = options.rateLimitWindowMs === undefined ? 1 : options.rateLimitWindowMs / vendor.rateLimit.intervalMs;
    return windows.map((w) => ({ limit: w.limit, intervalMs: Math.round(w.intervalMs * factor) }));
  };
  /** The limits this key is held to: a TalkPilot key's own (customised by an admin), else the vendor's published ones. */
  const windowsFor = (vendor: SimVendor, keyId: string): RateWindow[] => {
    const custom = vendor.vendor === 'talkpilot' ? talkpilot.limitsOf(keyId) : undefined;
    if (custom)
      return shrunk(vendor, [
        { limit: custom.perMinute, intervalMs: 60_000 },
        { limit: custom.perHour, intervalMs: 3_600_000 },
      ]);
    if (scale === 'off') return [];
    const published = vendor.vendor === 'talkpilot' ? TALKPILOT_RATE_LIMITS : [vendor.rateLimit];
    const multiplier = typeof scale === 'number' ? scale : 1;
    return shrunk(
      vendor,
      published.map((w) => ({ limit: Math.max(1, Math.round(w.limit * multiplier)), intervalMs: w.intervalMs })),
    );
  };

  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`simulator bug: ${String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const simVendor = SIM_VENDORS.find((v) => url.pathname.startsWith(`${v.basePath}/`) || url.pathname === v.basePath);
    const record: RequestRecord = { vendor: simVendor?.vendor ?? null, method: req.method ?? 'GET', url: req.url ?? '', status: 404, atMs: Date.now() };
    requests.push(record);
    const send = (response: SimResponse) => {
      record.status = response.status;
      const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers }).end(body);
    };
    if (!simVendor) return send({ status: 404, body: { message: `No simulated vendor at ${url.pathname}` } });

    const path = url.pathname.slice(simVendor.basePath.length) || '/';
    const request: SimRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])),
      params: {},
    };

    const fault = faults.take(simVendor.vendor, path);
    if (fault?.kind === 'reset') {
      record.status = 'reset';
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.kind === 'status') {
      return send({
        status: fault.status,
        body: simVendor.errorBody(fault.status, fault.status === 429 ? 'Too many requests' : 'Internal server error'),
        headers: fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
      });
    }
    if (fault?.kind === 'html') {
      record.status = 200;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    }

    // Keys a test added to the TalkPilot account (sim.talkpilot.addKey) are as good as the main one.
    const extraTalkpilotKey = simVendor.vendor === 'talkpilot' && talkpilot.knowsKey(request.headers['x-api-key']);
    const authProblem = extraTalkpilotKey ? null : simVendor.authenticate(request);
    if (authProblem) return send(authProblem);

    // Limits are per key: TalkPilot's are per API key (a test may add keys); the others have one key each.
    const keyId = simVendor.vendor === 'talkpilot' ? (request.headers['x-api-key'] ?? '') : simVendor.credentials.apiKey;
    const windows = windowsFor(simVendor, keyId);
    const now = Date.now();
    const decision = windows.length > 0 ? limiter.take(`${simVendor.vendor}:${keyId}`, windows, now) : null;
    // TalkPilot's Reset is when the window described has emptied (rate-limit.ts); HighLevel's hook reads the
    // window's length back from "now + interval", as it always has.
    const limitHeaders =
      decision && simVendor.rateLimitHeaders
        ? simVendor.rateLimitHeaders(
            decision.shown.limit,
            decision.shown.remaining,
            simVendor.vendor === 'talkpilot' ? decision.shown.resetMs : now + decision.shown.intervalMs,
          )
        : {};
    if (decision && decision.waitMs > 0) {
      return send({
        status: 429,
        body: simVendor.errorBody(429, 'Rate limit exceeded'),
        headers: { ...limitHeaders, 'retry-after': String(Math.max(1, Math.ceil(decision.waitMs / 1000))) },
      });
    }

    for (const route of simVendor.routes) {
      const params = route.method === request.method ? matchPath(route.path, path) : null;
      if (!params) continue;
      const response = route.handle({ ...request, params }, { vendor: simVendor.vendor, dataset: datasets[simVendor.vendor], faults, nowMs });
      if (fault?.kind === 'malformed-json') {
        record.status = response.status;
        res.writeHead(response.status, { 'content-type': 'application/json' }).end(JSON.stringify(response.body).slice(0, 40));
        return;
      }
      return send({ ...response, headers: { ...limitHeaders, ...response.headers } });
    }
    send({ status: 404, body: simVendor.errorBody(404, `No route for ${request.method} ${path}`) });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const root = `http://127.0.0.1:${port}`;
  return {
    baseUrls: Object.fromEntries(SIM_VENDORS.map((v) => [v.vendor, `${root}${v.basePath}`])) as Record<Vendor, string>,
    credentials: Object.fromEntries(SIM_VENDORS.map((v) => [v.vendor, v.credentials])) as Record<Vendor, SimVendor['credentials']>,
    datasets,
    faults,
    requests,
    talkpilot,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A simulator as the demo needs it, wherever it runs (in the core's worker in the app). */
export type ServedSimulator = Pick<Simulator, 'baseUrls' | 'credentials' | 'close'>;

/** The settings a user would enter for a simulated vendor: its base URL, plus the app or location id it asks for. */
export function simulatedSettings(sim: Pick<Simulator, 'baseUrls' | 'credentials'>, vendor: Vendor): ConnectionSettings {
  const { appId, locationId } = sim.credentials[vendor];
  return { baseUrl: sim.baseUrls[vendor], ...(appId ? { appId } : {}), ...(locationId ? { locationId } : {}) };
}
