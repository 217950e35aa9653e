import type { Dataset, SimCall, SimPerson } from '../dataset';
import { json, type SimRequest, type SimResponse, type SimVendor, type VendorContext } from '../http';
import type { RateWindow } from '../rate-limit';
import { hashInt, intParam, iso, isResponse } from './common';
import { talkpilotAccountOf, type TalkpilotCallState } from './talkpilot-calls';
import { API_KEY, agentByUuid, agentUuid, callByUuid, callUuid, hex8 } from './talkpilot-ids';
import { DAY_MS } from '../../../shared/time';

export { agentUuid, callUuid } from './talkpilot-ids';

/**
 * TalkPilot's API (shared/vendors/talkpilot.txt), under a base path that
 * mirrors the real per-customer base URL `https://{ref}.supabase.co/functions/v1/api/v1`.
 * The docs write paths as `/v1/agents/...` and their examples call
 * `$TP_BASE/agents/...`: the `/v1` of the headings is the last segment of the
 * base, so routes here are `/health`, `/agents`, `/agents/:agentId/calls`, ….
 * Auth by `X-API-Key`; every call belongs to an agent (the dataset's agents).
 * What happens to calls after they end (staff ticks, trash, purges) is in
 * talkpilot-calls.ts.
 */
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;

/** "60 requests/min and 1,000/hour per key by default"; an admin may customise a key's (sim.talkpilot.setKeyLimits). */
export const TALKPILOT_RATE_LIMITS: readonly RateWindow[] = [
  { limit: 60, intervalMs: 60_000 },
  { limit: 1_000, intervalMs: 3_600_000 },
];

const CODES: Record<number, string> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

// Unique per response, as a real request id is; never part of what tests compare.
let responseCount = 0;

function errorBody(status: number, message: string, details: unknown[] = []): unknown {
  responseCount += 1;
  const code = CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'ERROR');
  return { error: { code, message, details, request_id: `req_${responseCount.toString(16).padStart(12, '0')}` } };
}

const error = (status: number, message: string, details?: unknown[]): SimResponse => json(status, errorBody(status, message, details));
const invalid = (field: string) => (message: string) => error(400, 'Invalid query parameters', [{ field, message }]);

const REASONS = ['user_hangup', 'agent_hangup', 'call_transfer'] as const;
const REQUESTS = ['Question about a vacancy', 'Reschedule an interview', 'Payslip query', 'Update availability', 'Reference request', 'Timesheet correction'];
const NOTES = ['Callback arranged for Thursday', 'Sent the job description by email', 'Wants a recruiter to call back'];

/** Only a call that ran its course can end in a transfer or with the agent hanging up; the others ended with the caller. */
const reasonOf = (call: SimCall): string =>
  call.outcome === 'answered' ? (REASONS[hashInt(call.id, 'reason') % REASONS.length] ?? 'user_hangup') : 'user_hangup';

/** The account's view of the call: ticks, trash, purges and deletions included. */
const callStateOf = (call: SimCall, context: VendorContext): TalkpilotCallState => talkpilotAccountOf(context.dataset).stateOf(call);

export interface CallRecordOptions {
  /** The detail view adds transcript, audio_file_url and final_score. */
  detail: boolean;
  /** The post-call analysis is held back (faults.holdTranscript): no summary, score, verdict or transcript yet. */
  held?: boolean;
}

/** One call as TalkPilot's list (or, with `detail`, its detail endpoint) returns it. */
export function callRecord(call: SimCall, context: VendorContext, options: CallRecordOptions): Record<string, unknown> {
  const { dataset } = context;
  const state = callStateOf(call, context);
  const agent = dataset.agents[call.agentIndex];
  // Summary, score and verdict come from the AI step after the call; `done` is staff's tick and independent of it.
  const analysed = state.analysed && !options.held;
  const answered = call.outcome === 'answered';
  const reason = reasonOf(call);
  const record: Record<string, unknown> = {
    id: callUuid(call),
    call_id: `lk_call_${call.id}`,
    customer_name: call.contact.name,
    customer_request: answered ? REQUESTS[hashInt(call.id, 'request') % REQUESTS.length] : null,
    phone_number: state.purged ? null : call.contact.phone,
    duration: state.durationSeconds,
    done: state.done,
    general_success: analysed ? answered && hashInt(call.id, 'success') % 5 !== 0 : null,
    disconnection_reason: reason,
    call_summary: analysed ? call.summary : null,
    employee: reason === 'call_transfer' ? (dataset.users[call.userIndex]?.name ?? null) : null,
    note: answered && hashInt(call.id, 'note') % 6 === 0 ? NOTES[hashInt(call.id, 'note text') % NOTES.length] : null,
    agent_id: agent ? agentUuid(agent) : null,
    is_purged: state.purged,
    deleted_at: state.deletedAtMs === null ? null : iso(state.deletedAtMs),
    created_at: iso(call.startedAtMs),
    updated_at: iso(state.updatedAtMs),
  };
  if (options.detail) Object.assign(record, detailFields(state, context, analysed));
  const breakage = context.faults.breakageOf('talkpilot', callUuid(call));
  if (breakage === 'missing-field') delete record.created_at;
  if (breakage === 'wrong-type') record.duration = 'ninety-two';
  return record;
}

function detailFields(state: TalkpilotCallState, context: VendorContext, analysed: boolean): Record<string, unknown> {
  const { call } = state;
  const spoke = state.durationSeconds > 0;
  const turns = analysed && call.hasTranscript && !state.purged ? context.dataset.transcriptOf(call) : null;
  let transcript = turns && JSON.stringify(turns.map((t) => ({ role: t.role === 'agent' ? 'agent' : 'user', text: t.text })));
  // setVariant('talkpilot', 'transcript', 'not-json'): the JSON-in-a-string field arrives cut short, as a broken write would leave it.
  if (transcript && context.faults.variant('talkpilot', 'transcript') === 'not-json') transcript = transcript.slice(0, 30);
  return {
    final_score: analysed && spoke ? call.score : null,
    transcript,
    // Nothing was said in a 0-second call, so nothing was recorded.
    audio_file_url: state.purged || !spoke ? null : recordingUrl(call),
  };
}

export const recordingUrl = (call: SimCall): string =>
  `https://sim-project.supabase.co/storage/v1/object/sign/recordings/${callUuid(call)}.wav?token=${hex8(call.id, 'audio')}${hex8(call.id, 'signed')}`;

export function agentRecord(agent: SimPerson, dataset: Dataset): Record<string, unknown> {
  const createdAtMs = dataset.options.nowMs - (dataset.options.days + 30 + agent.index) * DAY_MS;
  return {
    id: agentUuid(agent),
    name: agent.name,
    phone_number: agent.phone,
    is_active: true,
    language: 'en',
    created_at: iso(createdAtMs),
    updated_at: iso(createdAtMs),
  };
}

/** The documented page/limit paging and `{ data, pagination }` envelope. */
function paged<T>(request: SimRequest, items: readonly T[], toJson: (item: T) => unknown): SimResponse {
  const page = intParam(request, 'page', 1, { min: 1, max: 1_000_000 }, invalid('page'));
  if (isResponse(page)) return page;
  const limit = intParam(request, 'limit', DEFAULT_LIMIT, { min: 1, max: MAX_LIMIT }, invalid('limit'));
  if (isResponse(limit)) return limit;
  return json(200, {
    data: items.slice((page - 1) * limit, page * limit).map(toJson),
    pagination: { page, limit, total: items.length, pages: Math.ceil(items.length / limit) },
  });
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** from/to are documented as ISO 8601 datetimes: a date alone or a time without a zone is refused. */
function dateParam(request: SimRequest, name: string): number | undefined | SimResponse {
  const raw = request.query.get(name);
  if (raw === null) return undefined;
  const ms = ISO_DATETIME.test(raw) ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(ms) ? invalid(name)(`${name} must be an ISO 8601 datetime with a time zone, e.g. 2026-03-15T00:00:00Z`) : ms;
}

function booleanParam(request: SimRequest, name: string): boolean | undefined | SimResponse {
  const raw = request.query.get(name);
  if (raw === null) return undefined;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return invalid(name)(`${name} must be true or false`);
}

interface CallFilters {
  from: number | undefined;
  to: number | undefined;
  done: boolean | undefined;
  includeDeleted: boolean;
  phoneNumber: string | null;
  search: string | null;
}

function callFilters(request: SimRequest): CallFilters | SimResponse {
  const from = dateParam(request, 'from');
  if (isResponse(from)) return from;
  const to = dateParam(request, 'to');
  if (isResponse(to)) return to;
  if (from !== undefined && to !== undefined && from > to) return invalid('to')('to must not be before from');
  const done = booleanParam(request, 'done');
  if (isResponse(done)) return done;
  const includeDeleted = booleanParam(request, 'include_deleted');
  if (isResponse(includeDeleted)) return includeDeleted;
  return {
    from,
    to,
    done,
    includeDeleted: includeDeleted ?? false,
    phoneNumber: request.query.get('phone_number'),
    search: request.query.get('search')?.toLowerCase() ?? null,
  };
}

/** The agent's calls matching the filters, newest first. `from` and `to` are both inclusive here. */
function agentCalls(agent: SimPerson, filters: CallFilters, context: VendorContext): SimCall[] {
  const inRange = context.dataset.callsBetween(filters.from ?? 0, filters.to === undefined ? Infinity : filters.to + 1);
  const matches = (call: SimCall): boolean => {
    if (call.agentIndex !== agent.index || callStateOf(call, context).deletedForever) return false;
    const record = callRecord(call, context, { detail: false });
    if (!filters.includeDeleted && record.deleted_at !== null) return false;
    if (filters.done !== undefined && record.done !== filters.done) return false;
    if (filters.phoneNumber !== null && record.phone_number !== filters.phoneNumber) return false;
    const haystack = [record.customer_name, record.phone_number, record.call_summary].join(' ').toLowerCase();
    return filters.search === null || haystack.includes(filters.search);
  };
  return inRange.filter(matches).reverse();
}

/** A key may be limited to some agents: the others do not exist as far as it can tell. */
function visibleAgent(request: SimRequest, context: VendorContext): SimPerson | SimResponse {
  const agent = agentByUuid(context.dataset, request.params.agentId ?? '');
  if (!agent || !context.faults.agentAllowed('talkpilot', agentUuid(agent))) return error(404, 'Agent not found');
  return agent;
}

/** Keys carry permissions; a test may narrow them with setVariant('talkpilot', 'permissions', 'calls:read'). */
function missingPermission(context: VendorContext, permission: string): SimResponse | null {
  const granted = context.faults.variant('talkpilot', 'permissions');
  if (granted === undefined || granted.split(',').includes(permission)) return null;
  return error(403, `This API key lacks the ${permission} permission`);
}

export const talkpilotSim: SimVendor = {
  vendor: 'talkpilot',
  basePath: '/talkpilot/functions/v1/api/v1',
  // The shorter of TALKPILOT_RATE_LIMITS; the server enforces both, per key (server.ts).
  rateLimit: { limit: 60, intervalMs: 60_000 },
  credentials: { apiKey: API_KEY },
  authenticate(request) {
    if (request.path === '/health') return null;
    return request.headers['x-api-key'] === API_KEY ? null : error(401, 'Invalid or missing API key');
  },
  errorBody: (status, message) => errorBody(status, message),
  // "X-RateLimit-Reset (Unix time)": whole seconds, rounded up so waiting until then is always enough.
  rateLimitHeaders: (limit, remaining, resetMs) => ({
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': String(Math.ceil(resetMs / 1000)),
  }),
  routes: [
    {
      method: 'GET',
      path: '/health',
      handle: (_request, context) => json(200, { status: 'ok', timestamp: iso(context.nowMs) }),
    },
    {
      method: 'GET',
      path: '/agents',
      handle(request, context) {
        const denied = missingPermission(context, 'agents:read');
        if (denied) return denied;
        const visible = context.dataset.agents.filter((a) => context.faults.agentAllowed('talkpilot', agentUuid(a)));
        return paged(request, visible, (a) => agentRecord(a, context.dataset));
      },
    },
    {
      method: 'GET',
      path: '/agents/:agentId/calls',
      handle(request, context) {
        const denied = missingPermission(context, 'calls:read');
        if (denied) return denied;
        const agent = visibleAgent(request, context);
        if (isResponse(agent)) return agent;
        const filters = callFilters(request);
        if (isResponse(filters)) return filters;
        return paged(request, agentCalls(agent, filters, context), (c) => callRecord(c, context, { detail: false }));
      },
    },
    {
      method: 'GET',
      path: '/agents/:agentId/calls/:callId',
      handle(request, context) {
        const denied = missingPermission(context, 'calls:read');
        if (denied) return denied;
        const agent = visibleAgent(request, context);
        if (isResponse(agent)) return agent;
        const call = callByUuid(context.dataset, request.params.callId ?? '');
        if (!call || call.agentIndex !== agent.index || callStateOf(call, context).deletedForever) return error(404, 'Call not found');
        const held = context.faults.takeTranscriptHold('talkpilot', callUuid(call));
        return json(200, callRecord(call, context, { detail: true, held }));
      },
    },
  ],
};
