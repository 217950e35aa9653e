import type { Vendor } from '../../shared/vendors';
import type { Dataset } from './dataset';
import type { Faults } from './faults';

/** A request as vendor route files see it. */
export interface SimRequest {
  method: string;
  /** The path below the vendor's base path, e.g. "/reports/call-logs". */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** Values of `:name` segments in the route's path. */
  params: Record<string, string>;
}

export interface SimResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): SimResponse => ({ status, body, headers });

/** What a route handler may use: this vendor's data, the injected faults, the simulated clock. */
export interface VendorContext {
  vendor: Vendor;
  dataset: Dataset;
  faults: Faults;
  nowMs: number;
}

export interface Route {
  method: 'GET';
  /** Below the vendor's base path; `:name` segments become params. */
  path: string;
  handle(request: SimRequest, context: VendorContext): SimResponse;
}

/** One vendor's API, as the simulator implements it from the vendor's docs. */
export interface SimVendor {
  vendor: Vendor;
  /** Where the base URL points below the server root, e.g. "/talentlynk/v1/partners". */
  basePath: string;
  /** The published limit the simulator enforces per key. */
  rateLimit: { limit: number; intervalMs: number };
  /** The credentials the simulator accepts, as headers a test or the demo would send. */
  credentials: {
    apiKey: string;
    appId?: string;
    locationId?: string;
    /** More keys the vendor accepts, each named by the only scope it carries (HighLevel); `apiKey` carries them all. */
    scopedTokens?: Record<string, string>;
  };
  /** Null when the request carries valid credentials, otherwise the vendor's own 401/403 response. */
  authenticate(request: SimRequest): SimResponse | null;
  /** The vendor's error envelope, for faults and rate limiting. */
  errorBody(status: number, message: string): unknown;
  /** Headers the vendor adds about its rate limit, when it documents them. */
  rateLimitHeaders?(limit: number, remaining: number, resetMs: number): Record<string, string>;
  routes: Route[];
}

/** Matches "/agents/:agentId/calls" against a path, returning the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = decodeURIComponent(got[i] as string);
    if (w.startsWith(':')) params[w.slice(1)] = g;
    else if (w !== g) return null;
  }
  return params;
}
