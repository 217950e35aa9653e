import type { Dataset, SimCall, SimPerson } from '../dataset';
import { json, type SimRequest, type SimResponse, type SimVendor, type VendorContext } from '../http';
import { hashInt, iso, isResponse } from './common';
import { DAY_MS } from '../../../shared/time';

/**
 * Talkover's public API (shared/vendors/talkover.txt): Laravel-style paged
 * lists of calls and agents under /api/v1, a Bearer environment token
 * (`talq_…`), dates as YYYY-MM-DD only. No call-detail or transcript endpoint.
 */
const API_KEY = 'talq_0123456789abcdef0123456789abcdef';

const CALL_STATUSES = ['initiated', 'ringing', 'answered', 'completed', 'failed', 'busy', 'no-answer'];
const DIRECTIONS = ['inbound', 'outbound'];
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

type FieldErrors = Record<string, string[]>;

const validationError = (errors: FieldErrors): SimResponse => json(422, { success: false, message: 'The given data was invalid.', errors });
const notFound = (message: string): SimResponse => json(404, { success: false, message });

/** Codes from the docs' error table; the others are the simulator's guess in the same style. */
const ERROR_CODES: Record<number, string> = {
  401: 'INVALID_TOKEN',
  404: 'NOT_FOUND',
  422: 'VALIDATION_ERROR',
  429: 'RATE_LIMIT_EXCEEDED',
  500: 'SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** A deterministic v4-shaped UUID, as Talkover's ids look ("call-uuid-1" in the docs). */
function uuidOf(...parts: string[]): string {
  const hex = [0, 1, 2, 3]
    .map((i) =>
      hashInt(...parts, i)
        .toString(16)
        .padStart(8, '0'),
    )
    .join('');
  const variant = '89ab'[parseInt(hex.charAt(16), 16) % 4] ?? '8';
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const talkoverCallId = (call: SimCall): string => uuidOf('call', call.id);

// Every list request checks each call's agent: hash each agent once.
const agentIds = new WeakMap<SimPerson, string>();
export function talkoverAgentId(agent: SimPerson): string {
  const known = agentIds.get(agent);
  if (known !== undefined) return known;
  const id = uuidOf('agent', agent.id);
  agentIds.set(agent, id);
  return id;
}

/** The docs' `sid` ("call_sid_123") is a placeholder; a telephony platform's call SID looks like this. */
const callSid = (call: SimCall): string => `CA${[0, 1, 2, 3].map((i) => hashInt('sid', call.id, i).toString(16).padStart(8, '0')).join('')}`;

/** The dataset's numbers are British: show them the national way, as *_formatted does for US numbers. */
const nationalFormat = (e164: string): string => {
  const national = `0${e164.replace(/^\+44/, '')}`;
  return national.startsWith('07') ? `${national.slice(0, 5)} ${national.slice(5)}` : `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
};

const isTestCall = (call: SimCall): boolean => hashInt(call.id, 'testing') % 25 === 0;
const stillGoing = (call: SimCall, nowMs: number): boolean => call.startedAtMs + call.totalSeconds * 1000 > nowMs;

/** Talkover has no voicemail or missed status: unanswered calls of every kind end as "no-answer". */
const FINAL_STATUS: Record<SimCall['outcome'], string> = {
  answered: 'completed',
  missed: 'no-answer',
  no_answer: 'no-answer',
  voicemail: 'no-answer',
  busy: 'busy',
  failed: 'failed',
};

function statusOf(call: SimCall, nowMs: number): string {
  if (!stillGoing(call, nowMs)) return FINAL_STATUS[call.outcome];
  return call.outcome === 'answered' ? 'answered' : 'ringing';
}

/** The agent's line and the contact's, as the call's `from` and `to`. */
function numbersOf(call: SimCall, agent: SimPerson | undefined): { from: string; to: string } {
  const agentLine = agent?.phone ?? '';
  return call.direction === 'outbound' ? { from: agentLine, to: call.contact.phone } : { from: call.contact.phone, to: agentLine };
}

const agentLabel = (agent: SimPerson): string => agent.name.split(' – ')[1] ?? agent.name;

/** One call as Talkover's list endpoints return it. */
export function talkoverCall(call: SimCall, dataset: Dataset, context: VendorContext): Record<string, unknown> {
  const agent = dataset.agents[call.agentIndex];
  const { from, to } = numbersOf(call, agent);
  const record: Record<string, unknown> = {
    id: talkoverCallId(call),
    sid: callSid(call),
    to,
    to_formatted: nationalFormat(to),
    from,
    from_formatted: nationalFormat(from),
    is_testing: isTestCall(call),
    direction: call.direction,
    status: statusOf(call, context.nowMs),
    duration: call.talkSeconds,
    agent: agent ? { id: talkoverAgentId(agent), name: agent.name, label: agentLabel(agent) } : null,
    created_at: iso(call.startedAtMs),
    updated_at: iso(Math.min(call.updatedAtMs, context.nowMs)),
  };
  const breakage = context.faults.breakageOf('talkover', String(record.id));
  if (breakage === 'missing-field') delete record.created_at;
  if (breakage === 'wrong-type') record.duration = 'one hundred and twenty';
  return record;
}

function agentRecord(agent: SimPerson, dataset: Dataset): Record<string, unknown> {
  return {
    id: talkoverAgentId(agent),
    name: agent.name,
    label: agentLabel(agent),
    phone_number: agent.phone,
    created_at: iso(dataset.options.nowMs - dataset.options.days * DAY_MS),
  };
}

const addError = (errors: FieldErrors, field: string, message: string): void => {
  errors[field] = [...(errors[field] ?? []), message];
};

/** An integer parameter checked the way Laravel's `integer|min|max` rules word it. */
function intField(request: SimRequest, name: string, fallback: number, max: number, errors: FieldErrors): number {
  const raw = request.query.get(name);
  if (raw === null) return fallback;
  const label = name.replace(/_/g, ' ');
  if (!/^\d+$/.test(raw)) addError(errors, name, `The ${label} must be an integer.`);
  else if (Number(raw) < 1) addError(errors, name, `The ${label} must be at least 1.`);
  else if (Number(raw) > max) addError(errors, name, `The ${label} must not be greater than ${max}.`);
  else return Number(raw);
  return fallback;
}

/** Midnight UTC of a YYYY-MM-DD date; anything else (a datetime, 2026-02-30) is a validation error. */
function dateField(request: SimRequest, name: string, errors: FieldErrors): number | null {
  const raw = request.query.get(name);
  if (raw === null) return null;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== raw) {
    addError(errors, name, `The ${name.replace(/_/g, ' ')} must be a valid date.`);
    return null;
  }
  return ms;
}

function choiceField(request: SimRequest, name: string, allowed: readonly string[], errors: FieldErrors): string | null {
  const raw = request.query.get(name);
  if (raw === null || raw === '') return null;
  if (!allowed.includes(raw)) addError(errors, name, `The selected ${name} is invalid.`);
  return raw;
}

interface Paging {
  page: number;
  perPage: number;
}

interface CallQuery extends Paging {
  status: string | null;
  direction: string | null;
  agentId: string | null;
  fromMs: number | null;
  /** Exclusive: the midnight after date_to, which Talkover includes. */
  toMs: number | null;
  search: string | null;
}

function readPaging(request: SimRequest, errors: FieldErrors): Paging {
  return {
    perPage: intField(request, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE, errors),
    page: intField(request, 'page', 1, Number.MAX_SAFE_INTEGER, errors),
  };
}

function readCallQuery(request: SimRequest): CallQuery | SimResponse {
  const errors: FieldErrors = {};
  const status = choiceField(request, 'status', CALL_STATUSES, errors);
  const direction = choiceField(request, 'direction', DIRECTIONS, errors);
  const fromMs = dateField(request, 'date_from', errors);
  const dateTo = dateField(request, 'date_to', errors);
  if (fromMs !== null && dateTo !== null && dateTo < fromMs) addError(errors, 'date_to', 'The date to must be a date after or equal to date from.');
  const paging = readPaging(request, errors);
  if (Object.keys(errors).length > 0) return validationError(errors);
  // "search=+44…" arrives with the plus decoded as a space: compare without it.
  const search = request.query.get('search')?.trim().replace(/^\+/, '') || null;
  return { ...paging, status, direction, agentId: request.query.get('agent_id') || null, fromMs, toMs: dateTo === null ? null : dateTo + DAY_MS, search };
}

function matches(call: SimCall, query: CallQuery, context: VendorContext): boolean {
  const agent = context.dataset.agents[call.agentIndex];
  const agentId = agent ? talkoverAgentId(agent) : '';
  if (!context.faults.agentAllowed('talkover', agentId)) return false;
  if (query.agentId !== null && query.agentId !== agentId) return false;
  if (query.direction !== null && query.direction !== call.direction) return false;
  if (query.status !== null && query.status !== statusOf(call, context.nowMs)) return false;
  if (query.search === null) return true;
  const { from, to } = numbersOf(call, agent);
  return [from, to, callSid(call)].some((text) => text.includes(query.search ?? ''));
}

/**
 * The order of the list is not documented. The simulator answers oldest first;
 * the 'callsOrder' variant answers newest first, and 'newest-shifting' also
 * starts each page one record early, as happens when a call arrives between
 * two page requests of a newest-first list.
 */
function pageOf<T>(items: readonly T[], { page, perPage }: Paging, order: string | undefined): { data: T[]; pagination: Record<string, unknown> } {
  const ordered = order === 'newest' || order === 'newest-shifting' ? [...items].reverse() : items;
  const stride = order === 'newest-shifting' ? Math.max(1, perPage - 1) : perPage;
  const offset = (page - 1) * stride;
  const data = ordered.slice(offset, offset + perPage);
  const total = items.length;
  const lastPage = total <= perPage ? 1 : 1 + Math.ceil((total - perPage) / stride);
  return {
    data,
    pagination: {
      current_page: page,
      last_page: lastPage,
      per_page: perPage,
      total,
      from: data.length > 0 ? offset + 1 : null,
      to: data.length > 0 ? offset + data.length : null,
    },
  };
}

function listCalls(query: CallQuery, context: VendorContext): SimResponse {
  const { dataset } = context;
  const candidates = dataset.callsBetween(query.fromMs ?? 0, query.toMs ?? Number.MAX_SAFE_INTEGER).filter((c) => matches(c, query, context));
  const { data, pagination } = pageOf(candidates, query, context.faults.variant('talkover', 'callsOrder'));
  return json(200, { success: true, data: data.map((c) => talkoverCall(c, dataset, context)), pagination });
}

/** Known agents this key may see, by Talkover id. */
const visibleAgent = (agentId: string, context: VendorContext): SimPerson | undefined =>
  context.faults.agentAllowed('talkover', agentId) ? context.dataset.agents.find((a) => talkoverAgentId(a) === agentId) : undefined;

export const talkoverSim: SimVendor = {
  vendor: 'talkover',
  basePath: '/talkover/api/v1',
  // Standard plan; Professional allows 1,000 a minute. No rate-limit headers are documented.
  rateLimit: { limit: 100, intervalMs: 60_000 },
  credentials: { apiKey: API_KEY },
  authenticate(request) {
    return request.headers.authorization === `Bearer ${API_KEY}` ? null : json(401, { success: false, message: 'Unauthorized' });
  },
  errorBody: (status, message) => ({ success: false, error: { code: ERROR_CODES[status] ?? 'ERROR', message, details: null } }),
  routes: [
    {
      method: 'GET',
      path: '/calls',
      handle(request, context) {
        const query = readCallQuery(request);
        return isResponse(query) ? query : listCalls(query, context);
      },
    },
    {
      method: 'GET',
      path: '/agents',
      handle(request, context) {
        const errors: FieldErrors = {};
        const paging = readPaging(request, errors);
        if (Object.keys(errors).length > 0) return validationError(errors);
        const agents = context.dataset.agents.filter((a) => context.faults.agentAllowed('talkover', talkoverAgentId(a)));
        const { data, pagination } = pageOf(agents, paging, undefined);
        // Shown with `meta` in one public example and `pagination` elsewhere.
        const envelope = context.faults.variant('talkover', 'agentsEnvelope') === 'pagination' ? 'pagination' : 'meta';
        return json(200, { success: true, data: data.map((a) => agentRecord(a, context.dataset)), [envelope]: pagination });
      },
    },
    {
      method: 'GET',
      path: '/agents/:agentId/calls',
      handle(request, context) {
        const agentId = request.params.agentId ?? '';
        if (!visibleAgent(agentId, context)) return notFound('Agent not found.');
        const query = readCallQuery(request);
        return isResponse(query) ? query : listCalls({ ...query, agentId }, context);
      },
    },
  ],
};
