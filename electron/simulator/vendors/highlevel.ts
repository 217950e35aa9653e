import { STATUS_CODES } from 'node:http';
import type { Dataset, SimCall } from '../dataset';
import { json, type Route, type SimRequest, type SimResponse, type SimVendor, type VendorContext } from '../http';
import { ACTION_TYPES, actionTypesOf, callByLogId, callLog, contactIdOf, isTrial, type ActionType } from './highlevel-call-log';

/**
 * HighLevel Voice AI / LeadConnector (shared/vendors/highlevel-voice-ai.txt):
 * call logs of a location's voice-AI agents, paged 1-based, with the transcript
 * inline as `bot:`/`human:` text. Auth by `Authorization: Bearer <token>` plus
 * a `Version: 2021-04-15` header; every request names its locationId.
 */
const TOKEN = 'pit-sim-3f9b2c71-8a4e-4d10-b6c2-7e5a9d0f1c84';

/** The scopes HighLevel's spec (apps/voice-ai.json) puts on the endpoints simulated here. */
const DASHBOARD_SCOPE = 'voice-ai-dashboard.readonly';
const AGENTS_SCOPE = 'voice-ai-agents.readonly';
/**
 * Tokens the simulated location issued, each with the scopes it was given: a
 * Private Integration Token carries only the scopes ticked when it was made.
 * TOKEN has both; the others one each, or only a scope no route here needs.
 */
const SCOPED_TOKENS: Record<string, string> = {
  [DASHBOARD_SCOPE]: 'pit-sim-6d21a0e4-1c7b-4f3a-9e58-2b4c8d7f0a19',
  [AGENTS_SCOPE]: 'pit-sim-a94e7c03-5b2d-4e81-8f6a-0c3d9b1e7f42',
  'contacts.readonly': 'pit-sim-0f7b3e58-9a1c-4d26-b4e7-5c8a2f6d1e03',
};
const SCOPES_OF_TOKEN = new Map<string, readonly string[]>([
  [TOKEN, [DASHBOARD_SCOPE, AGENTS_SCOPE]],
  ...Object.entries(SCOPED_TOKENS).map(([scope, token]): [string, string[]] => [token, [scope]]),
]);
/** HighLevel location ids are 20 letters and digits. */
const LOCATION_ID = 'SimLoc0HighLevel0001';
const API_VERSION = '2021-04-15';
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 50;
const DAILY_LIMIT = 200_000;
/** Before this (March 1973) a Unix millisecond value is almost surely seconds sent by mistake. */
const MIN_PLAUSIBLE_MS = 100_000_000_000;

const SORT_FIELDS = ['duration', 'createdAt'] as const;
const SORT_DIRECTIONS = ['ascend', 'descend'] as const;
const CALL_TYPES = ['LIVE', 'TRIAL'] as const;
/** HighLevel's NestJS-style error body; 422s carry a list of messages. */
const errorBody = (status: number, message: string | string[]) => ({ statusCode: status, message, error: STATUS_CODES[status] });
const fail = (status: number, message: string | string[]): SimResponse => json(status, errorBody(status, message));

/** The spec's UnauthorizedDTO, word for word (common/common-schemas.json). */
const INVALID_TOKEN_MESSAGE = 'Invalid token: access token is invalid';
/** What HighLevel answers a good token without the endpoint's scope: a 401, not a 403. */
const MISSING_SCOPE_MESSAGE = 'The token is not authorized for this scope.';

const bearerToken = (request: SimRequest): string | undefined => /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];

/** A route that answers only a token carrying `scope`. */
function needsScope(scope: string, handle: Route['handle']): Route['handle'] {
  return (request, context) => {
    const scopes = SCOPES_OF_TOKEN.get(bearerToken(request) ?? '') ?? [];
    return scopes.includes(scope) ? handle(request, context) : fail(401, MISSING_SCOPE_MESSAGE);
  };
}

function agentRecord(agent: Dataset['agents'][number]): Record<string, unknown> {
  return {
    id: agent.id,
    locationId: LOCATION_ID,
    agentName: agent.name,
    businessName: 'Talktally Simulated Recruiting',
    welcomeMessage: `Hi, this is ${agent.name.split(' ')[0]}. How can I help you today?`,
    language: 'en-US',
    inboundNumber: agent.phone,
    timezone: 'Europe/London',
    maxCallDuration: 1800,
  };
}

/** Query problems are collected, as class-validator does, and answered together in one 422. */
class QueryReader {
  readonly problems: string[] = [];
  constructor(private readonly query: URLSearchParams) {}

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.query.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value)) this.problems.push(`${name} must be an integer number`);
    else if (value < min) this.problems.push(`${name} must not be less than ${min}`);
    else if (value > max) this.problems.push(`${name} must not be greater than ${max}`);
    else return value;
    return fallback;
  }

  unixMs(name: string): number | undefined {
    const raw = this.query.get(name);
    if (raw === null) return undefined;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < MIN_PLAUSIBLE_MS) {
      this.problems.push(`${name} must be a Unix timestamp in milliseconds`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const raw = this.query.get(name);
    if (raw === null) return undefined;
    if ((values as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of the following values: ${values.join(', ')}`);
    return undefined;
  }

  list<T extends string>(name: string, values: readonly T[]): T[] | undefined {
    const raw = this.query.get(name);
    if (raw === null) return undefined;
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const invalid = items.filter((item) => !(values as readonly string[]).includes(item));
    if (invalid.length > 0) this.problems.push(`each value in ${name} must be one of the following values: ${values.join(', ')}`);
    return items as T[];
  }

  text(name: string): string | undefined {
    return this.query.get(name) ?? undefined;
  }

  /**
   * The answer to a request that cannot be served, or null. Every request is scoped to a
   * location: a missing one joins the other problems in the 422, someone else's is a 403.
   */
  refusal(): SimResponse | null {
    const locationId = this.query.get('locationId');
    if (!locationId) this.problems.push('locationId should not be empty', 'locationId must be a string');
    if (this.problems.length > 0) return fail(422, this.problems);
    return locationId === LOCATION_ID ? null : fail(403, 'The token does not have access to this location.');
  }
}

interface CallLogQuery {
  page: number;
  pageSize: number;
  range?: { startMs: number; endMs: number };
  agentId?: string;
  contactIds?: string[];
  callType?: (typeof CALL_TYPES)[number];
  actionTypes?: ActionType[];
  sortBy: (typeof SORT_FIELDS)[number];
  sort: (typeof SORT_DIRECTIONS)[number];
}

function readCallLogQuery(query: URLSearchParams): CallLogQuery | SimResponse {
  const q = new QueryReader(query);
  const startMs = q.unixMs('startDate');
  const endMs = q.unixMs('endDate');
  if ((query.get('startDate') === null) !== (query.get('endDate') === null)) q.problems.push('startDate and endDate must be provided together');
  if (startMs !== undefined && endMs !== undefined && startMs >= endMs) q.problems.push('startDate must be less than endDate');
  const parsed = {
    page: q.int('page', 1, 1, Number.MAX_SAFE_INTEGER),
    pageSize: q.int('pageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    agentId: q.text('agentId'),
    contactIds: q
      .text('contactId')
      ?.split(',')
      .map((s) => s.trim()),
    callType: q.oneOf('callType', CALL_TYPES),
    actionTypes: q.list('actionType', ACTION_TYPES),
    // "Defaults to newest if omitted."
    sortBy: q.oneOf('sortBy', SORT_FIELDS) ?? 'createdAt',
    sort: q.oneOf('sort', SORT_DIRECTIONS) ?? 'descend',
  };
  const refused = q.refusal();
  if (refused) return refused;
  return { ...parsed, ...(startMs !== undefined && endMs !== undefined ? { range: { startMs, endMs } } : {}) };
}

function matches(call: SimCall, dataset: Dataset, query: CallLogQuery): boolean {
  if (query.agentId !== undefined && dataset.agents[call.agentIndex]?.id !== query.agentId) return false;
  if (query.contactIds && !query.contactIds.includes(contactIdOf(call))) return false;
  if (query.callType && isTrial(call) !== (query.callType === 'TRIAL')) return false;
  if (query.actionTypes && !actionTypesOf(call).some((t) => query.actionTypes?.includes(t))) return false;
  return true;
}

/** Ties keep creation order, so a page boundary never moves between requests. */
function sorted(calls: readonly SimCall[], query: CallLogQuery): SimCall[] {
  const key = (c: SimCall) => (query.sortBy === 'duration' ? c.talkSeconds : c.startedAtMs);
  const ascending = [...calls].sort((a, b) => key(a) - key(b) || a.index - b.index);
  return query.sort === 'ascend' ? ascending : ascending.reverse();
}

function listCallLogs(request: SimRequest, context: VendorContext): SimResponse {
  const query = readCallLogQuery(request.query);
  if ('status' in query) return query;
  const { dataset } = context;
  // endDate is inclusive: the docs' example range ends on ...199000, the last second of a day.
  const inRange = query.range ? dataset.callsBetween(query.range.startMs, query.range.endMs + 1) : dataset.calls;
  const selected = sorted(
    inRange.filter((c) => matches(c, dataset, query)),
    query,
  );
  const first = (query.page - 1) * query.pageSize;
  return json(200, {
    total: selected.length,
    page: query.page,
    pageSize: query.pageSize,
    callLogs: selected.slice(first, first + query.pageSize).map((c) => callLog(c, dataset, context)),
  });
}

/** Requests today, for X-RateLimit-Daily-Remaining. The daily cap is reported, not enforced: no test comes near it. */
const today = { day: '', count: 0 };
function dailyRemaining(nowMs: number): number {
  const day = new Date(nowMs).toISOString().slice(0, 10);
  if (today.day !== day) Object.assign(today, { day, count: 0 });
  today.count += 1;
  return Math.max(0, DAILY_LIMIT - today.count);
}

export const highlevelSim: SimVendor = {
  vendor: 'highlevel',
  basePath: '/highlevel',
  // "100 requests per 10 seconds" burst limit per app and location.
  rateLimit: { limit: 100, intervalMs: 10_000 },
  credentials: { apiKey: TOKEN, locationId: LOCATION_ID, scopedTokens: SCOPED_TOKENS },
  authenticate(request) {
    if (!SCOPES_OF_TOKEN.has(bearerToken(request) ?? '')) return fail(401, INVALID_TOKEN_MESSAGE);
    const version = request.headers.version;
    if (version === undefined) return fail(400, 'Version header is missing');
    return version === API_VERSION ? null : fail(400, `Version header must be ${API_VERSION}`);
  },
  errorBody,
  rateLimitHeaders(limit, remaining, resetMs) {
    const now = Date.now();
    // The hook is given the window's end, not its length; it runs in the same tick
    // the window was measured, so rounding recovers the length exactly.
    const intervalMs = Math.round((resetMs - now) / 10) * 10;
    return {
      'x-ratelimit-max': String(limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-interval-milliseconds': String(intervalMs),
      'x-ratelimit-daily-remaining': String(dailyRemaining(now)),
    };
  },
  routes: [
    { method: 'GET', path: '/voice-ai/dashboard/call-logs', handle: needsScope(DASHBOARD_SCOPE, listCallLogs) },
    {
      method: 'GET',
      path: '/voice-ai/dashboard/call-logs/:callId',
      handle: needsScope(DASHBOARD_SCOPE, (request, context) => {
        const refused = new QueryReader(request.query).refusal();
        if (refused) return refused;
        const call = callByLogId(context.dataset, request.params.callId ?? '');
        return call ? json(200, callLog(call, context.dataset, context)) : fail(404, 'Call log not found');
      }),
    },
    {
      method: 'GET',
      path: '/voice-ai/agents',
      handle: needsScope(AGENTS_SCOPE, (request, context) => {
        const q = new QueryReader(request.query);
        const page = q.int('page', 1, 1, Number.MAX_SAFE_INTEGER);
        const pageSize = q.int('pageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        const refused = q.refusal();
        if (refused) return refused;
        const agents = context.dataset.agents;
        const first = (page - 1) * pageSize;
        return json(200, { total: agents.length, page, pageSize, agents: agents.slice(first, first + pageSize).map(agentRecord) });
      }),
    },
  ],
};
