import { STATUS_CODES } from 'node:http';
import type { Dataset, SimCall, SimTurn } from '../dataset';
import { json, type Route, type SimRequest, type SimResponse, type SimVendor, type VendorContext } from '../http';
import { hashInt } from './common';

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
const ACTION_TYPES = ['CALL_TRANSFER', 'DATA_EXTRACTION', 'IN_CALL_DATA_EXTRACTION', 'WORKFLOW_TRIGGER', 'SMS', 'APPOINTMENT_BOOKING', 'CUSTOM_ACTION', 'KNOWLEDGE_BASE'] as const;
type ActionType = (typeof ACTION_TYPES)[number];

const ACTION_NAMES: Record<ActionType, string> = {
  CALL_TRANSFER: 'Transfer to Recruiter',
  DATA_EXTRACTION: 'Extract Phone Number',
  IN_CALL_DATA_EXTRACTION: 'Extract Email During Call',
  WORKFLOW_TRIGGER: 'Start Follow-up Workflow',
  SMS: 'Send Confirmation SMS',
  APPOINTMENT_BOOKING: 'Book Interview',
  CUSTOM_ACTION: 'Check Application Status',
  KNOWLEDGE_BASE: 'Query Job Details',
};

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

const hex = (value: number, width: number): string => (value >>> 0).toString(16).padStart(width, '0').slice(-width);

/** A Mongo ObjectId as HighLevel uses for ids: creation seconds, a random part, then a counter. */
function objectId(createdAtMs: number, counter: number, ...salt: (string | number)[]): string {
  return `${hex(Math.floor(createdAtMs / 1000), 8)}${hex(hashInt(...salt), 8)}${hex(hashInt(...salt, 'tail'), 2)}${hex(counter, 6)}`;
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** HighLevel contact ids: 20 letters and digits. */
const contactIdOf = (call: SimCall): string =>
  Array.from({ length: 20 }, (_, i) => ALPHANUMERIC[hashInt(call.contact.phone, 'contact', i) % ALPHANUMERIC.length]).join('');

/** The call's counter is its dataset index, so an id leads back to its call without a lookup table. */
export const callLogId = (call: SimCall): string => objectId(call.startedAtMs, call.index, call.id, 'call');

function callByLogId(dataset: Dataset, id: string): SimCall | undefined {
  if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
  const call = dataset.calls[parseInt(id.slice(18), 16)];
  return call && callLogId(call) === id ? call : undefined;
}

/** About one call in twenty is a test call placed from the agent's dashboard. */
const isTrial = (call: SimCall): boolean => hashInt(call.id, 'trial') % 20 === 0;

/** Only calls with a conversation trigger actions: up to two, chosen from the call's id. */
function actionTypesOf(call: SimCall): ActionType[] {
  if (call.talkSeconds === 0) return [];
  const count = hashInt(call.id, 'actions') % 3;
  return Array.from({ length: count }, (_, i) => ACTION_TYPES[hashInt(call.id, 'action', i) % ACTION_TYPES.length] as ActionType);
}

function executedCallActions(call: SimCall): Record<string, unknown>[] {
  const types = actionTypesOf(call);
  return types.map((actionType, i) => ({
    actionId: objectId(call.startedAtMs, i, call.id, 'action', i),
    actionType,
    actionName: ACTION_NAMES[actionType],
    description: `${ACTION_NAMES[actionType]} when the caller asks for it`,
    actionParameters: {},
    executedAt: new Date(call.startedAtMs + Math.round(((i + 1) * call.talkSeconds * 1000) / (types.length + 1))).toISOString(),
  }));
}

/**
 * Voice-AI bots speak in sentences and HighLevel keeps their line breaks: the
 * bot's first sentence ends its line, so the rest of the turn arrives on a line
 * without a speaker prefix.
 */
export function transcriptLine(turn: SimTurn): string {
  return turn.role === 'agent' ? `bot: ${turn.text.replace('. ', '.\n')}` : `human: ${turn.text}`;
}

const emailOf = (name: string): string => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
const SHIFTS = ['Days', 'Nights', 'Weekends', 'Flexible'];

/**
 * What each agent was set up to extract, under the names its account chose
 * (the spec: extractedData's keys are per agent; HighLevel's example is one
 * agent's). One agent extracts nothing and sends no extractedData at all.
 */
const EXTRACTIONS: ((call: SimCall) => Record<string, unknown> | undefined)[] = [
  // HighLevel's example.
  (call) => ({ phoneNumber: call.contact.phone, customerName: call.contact.name, email: emailOf(call.contact.name) }),
  (call) => ({ 'Full Name': call.contact.name, phone: call.contact.phone }),
  (call) => ({
    caller_name: call.contact.name,
    contact_number: call.contact.phone,
    email: emailOf(call.contact.name),
    'Preferred shift': SHIFTS[hashInt(call.id, 'shift') % SHIFTS.length],
    'Right to work in the UK': hashInt(call.id, 'rtw') % 5 === 0 ? 'No' : 'Yes',
  }),
  () => undefined,
  // A split name, the number in a field of its own, and values that are not text.
  (call) => ({
    FirstName: call.contact.name.split(' ')[0],
    LastName: call.contact.name.split(' ').slice(1).join(' '),
    'Mobile Number': call.contact.phone,
    'Years of experience': hashInt(call.id, 'years') % 15,
    'Has driving licence': hashInt(call.id, 'licence') % 2 === 0,
  }),
];

/** What the call's agent picked up during the conversation; nothing when nobody spoke. */
function extractedData(call: SimCall): Record<string, unknown> | undefined {
  const extraction = EXTRACTIONS[call.agentIndex % EXTRACTIONS.length] as (typeof EXTRACTIONS)[number];
  const extracted = extraction(call);
  if (extracted === undefined) return undefined;
  return call.talkSeconds === 0 ? {} : extracted;
}

/**
 * The dataset's call as a HighLevel call log. There is no direction, status,
 * callee number or recording: `fromNumber` is the person the agent talked to.
 */
export function callLog(call: SimCall, dataset: Dataset, context: VendorContext): Record<string, unknown> {
  const turns = call.hasTranscript ? dataset.transcriptOf(call) : [];
  const extracted = extractedData(call);
  const log: Record<string, unknown> = {
    id: callLogId(call),
    agentId: dataset.agents[call.agentIndex]?.id ?? null,
    isAgentDeleted: false,
    createdAt: new Date(call.startedAtMs).toISOString(),
    duration: call.talkSeconds,
    trialCall: isTrial(call),
    executedCallActions: executedCallActions(call),
    // HighLevel sends an empty string, not null, when there is nothing to say.
    summary: call.summary ?? '',
    transcript: turns.map(transcriptLine).join('\n'),
    contactId: contactIdOf(call),
    // Optional in the spec. A trial call is placed from the agent's page in the browser: no caller number.
    ...(isTrial(call) ? {} : { fromNumber: call.contact.phone }),
    // Optional in the spec: an agent set up to extract nothing sends none.
    ...(extracted === undefined ? {} : { extractedData: extracted }),
    messageId: objectId(call.startedAtMs, call.index, call.id, 'message'),
  };
  const breakage = context.faults.breakageOf('highlevel', callLogId(call));
  if (breakage === 'missing-field') delete log.createdAt;
  if (breakage === 'wrong-type') log.duration = 'one hundred and eighty';
  return log;
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
    const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
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
    contactIds: q.text('contactId')?.split(',').map((s) => s.trim()),
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
  const selected = sorted(inRange.filter((c) => matches(c, dataset, query)), query);
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
