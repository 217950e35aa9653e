import type { SimCall, SimPerson } from '../dataset';
import { json, type SimRequest, type SimResponse, type SimVendor, type VendorContext } from '../http';
import { hashInt, intParam, iso, isResponse } from './common';
import { DAY_MS } from '../../../shared/time';

/**
 * Talknex's REST API (shared/vendors/talknex.txt): agents and calls with
 * prefixed ids and camelCase fields, the transcript and sentiment only in a
 * call's detail. Auth by `Authorization: Bearer <key>`.
 *
 * The list envelope, its paging and its filters are not published, so the
 * simulator serves the plausible styles, switched per test with the 'paging'
 * variant: 'cursor' (default), 'page' (totals beside `data`) or
 * 'page-nested' (totals in a `pagination` object). Filters: `from`/`to` (ISO
 * datetimes on createdAt, `from` inclusive, `to` exclusive), `agentId`, and
 * `limit` (default 20, at most 100).
 *
 * What an unpublished list may do wrong, switched with the 'list-fault'
 * variant:
 * - 'repeat-page': the paging parameter (`cursor` or `page`) is ignored, so
 *   every request answers the first page again;
 * - 'short-page' (page styles): page 2 comes back with only half its calls,
 *   the rest never served, while the totals still count them;
 * - 'capped-pages': at most 40 calls a page whatever `limit` asks, while the
 *   envelope echoes the `limit` asked and counts `totalPages` by it.
 * And the 'list-fields' variant 'webhook' gives list records only what the
 * documented webhook call object has (id, agentId, to, from, duration,
 * endReason, sentiment, metadata: no status, no createdAt); the detail keeps
 * every field.
 */
const API_KEY = 'tnx_sim_4c1e8b7a2f9d0e63b5a7c2d1';
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
/** "Transcripts are kept 90 days by default." */
const TRANSCRIPT_RETENTION_MS = 90 * DAY_MS;
/** Full ISO 8601 datetimes with a zone; a date alone or a zoneless time is ambiguous, so refused. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const ERROR_CODES: Record<number, string> = {
  400: 'validation_error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limit_exceeded',
};

/** `{ error: { code, message, field } }`; `field` only where one parameter is to blame. */
function errorBody(status: number, message: string, field?: string): unknown {
  const code = ERROR_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
  return { error: { code, message, ...(field ? { field } : {}) } };
}

const error = (status: number, message: string, field?: string): SimResponse => json(status, errorBody(status, message, field));
const invalid = (field: string, message: string): SimResponse => error(400, message, field);

export const talknexCallId = (call: SimCall): string => `call_${call.id}`;
export const talknexAgentId = (agent: SimPerson): string => `agent_${agent.id}`;

/** Twilio-style call statuses, as the "initiated" of the docs' example suggests; voicemail is the agent's own outcome. */
const STATUS: Record<SimCall['outcome'], string> = {
  answered: 'completed',
  missed: 'canceled',
  no_answer: 'no-answer',
  voicemail: 'voicemail',
  busy: 'busy',
  failed: 'failed',
};

/** A call that has not hung up by the simulated "now" is still in progress. */
const isLive = (call: SimCall, nowMs: number): boolean => call.startedAtMs + call.totalSeconds * 1000 > nowMs;

function agentRecord(agent: SimPerson, context: VendorContext): Record<string, unknown> {
  const { nowMs, days } = context.dataset.options;
  return {
    id: talknexAgentId(agent),
    name: agent.name,
    phoneNumber: agent.phone,
    language: 'en-GB',
    status: 'active',
    createdAt: iso(nowMs - (days + 30 + agent.index) * DAY_MS),
  };
}

/** The call as the list shows it; `live` hides what only exists once the call has ended. */
function callFields(call: SimCall, context: VendorContext, live: boolean): Record<string, unknown> {
  const agent = context.dataset.agents[call.agentIndex];
  const outbound = call.direction === 'outbound';
  const id = talknexCallId(call);
  const record: Record<string, unknown> = {
    id,
    status: live ? 'in-progress' : STATUS[call.outcome],
    direction: call.direction,
    agentId: agent ? talknexAgentId(agent) : null,
    from: outbound ? agent?.phone : call.contact.phone,
    to: outbound ? call.contact.phone : agent?.phone,
    contact: { id: `contact_${hashInt(call.contact.phone).toString(36)}`, name: call.contact.name },
    createdAt: iso(call.startedAtMs),
    endedAt: live ? null : iso(call.startedAtMs + call.totalSeconds * 1000),
    duration: live ? null : call.talkSeconds,
    summary: live ? null : call.summary,
    recordingUrl: !live && call.talkSeconds > 0 ? `https://recordings.talknex.ai/${id}.mp3` : null,
    metadata: outbound ? { leadId: `lead_${hashInt(call.id, 'lead') % 10_000}` } : {},
    updatedAt: iso(live ? call.startedAtMs : call.updatedAtMs),
  };
  const breakage = context.faults.breakageOf('talknex', id);
  if (breakage === 'missing-field') delete record.createdAt;
  if (breakage === 'wrong-type') record.duration = 'seventy-four';
  return record;
}

/** One call as GET /calls answers it. */
export function callRecord(call: SimCall, context: VendorContext): Record<string, unknown> {
  const live = isLive(call, context.nowMs);
  const record = callFields(call, context, live);
  if (context.faults.variant('talknex', 'list-fields') !== 'webhook') return record;
  // The webhook's call object: the fields it documents, as far as the full record has them.
  const answered = !live && call.outcome === 'answered';
  const webhook: Record<string, unknown> = { id: record.id, agentId: record.agentId, to: record.to, from: record.from, duration: record.duration };
  webhook.endReason = live ? null : STATUS[call.outcome];
  webhook.sentiment = answered ? call.sentiment : null;
  webhook.metadata = record.metadata;
  return webhook;
}

/**
 * GET /calls/:id: the call plus sentiment and transcript. A held transcript
 * shows the call as still in progress; after the retention period the
 * transcript is gone (null) while the call and its sentiment stay.
 */
export function callDetail(call: SimCall, context: VendorContext): Record<string, unknown> {
  const held = context.faults.takeTranscriptHold('talknex', talknexCallId(call));
  const live = held || isLive(call, context.nowMs);
  const answered = !live && call.outcome === 'answered';
  const kept = context.nowMs - call.startedAtMs < TRANSCRIPT_RETENTION_MS;
  const transcript =
    answered && call.hasTranscript && kept
      ? context.dataset.transcriptOf(call).map((t) => ({ role: t.role === 'agent' ? 'agent' : 'caller', text: t.text, startMs: t.startMs, endMs: t.endMs }))
      : null;
  return { ...callFields(call, context, live), sentiment: answered ? call.sentiment : null, transcript };
}

/** An ISO datetime query parameter in Unix ms, undefined when absent, or the validation error. */
function dateParam(request: SimRequest, name: string): number | undefined | SimResponse {
  const value = request.query.get(name);
  if (value === null) return undefined;
  const ms = ISO_DATETIME.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? invalid(name, `${name} must be an ISO 8601 datetime, e.g. 2026-05-05T10:23:00Z`) : ms;
}

const encodeCursor = (id: string): string => Buffer.from(`after:${id}`).toString('base64url');
const decodeCursor = (cursor: string): string =>
  Buffer.from(cursor, 'base64url')
    .toString('utf8')
    .replace(/^after:/, '');

interface Listing<T> {
  items: readonly T[];
  idOf: (item: T) => string;
  render: (item: T) => unknown;
}

/** A list's faults, from the 'list-fault' variant (see the top of this file). */
type ListFault = 'repeat-page' | 'short-page' | 'capped-pages' | undefined;
const listFault = (context: VendorContext): ListFault => context.faults.variant('talknex', 'list-fault') as ListFault;
/** What 'capped-pages' serves at most, whatever `limit` asks. */
const PAGE_CAP = 40;

/**
 * Cursor style: `{ data, hasMore, nextCursor }`. Like many cursor APIs,
 * hasMore only says the page came back full, so a list that ends on a full
 * page is followed by one empty page.
 */
function byCursor<T>(request: SimRequest, { items, idOf, render }: Listing<T>, limit: number, fault: ListFault): SimResponse {
  const cursor = fault === 'repeat-page' ? null : request.query.get('cursor');
  let start = 0;
  if (cursor !== null) {
    const after = items.findIndex((item) => idOf(item) === decodeCursor(cursor));
    if (after === -1) return invalid('cursor', 'cursor is not valid for this query');
    start = after + 1;
  }
  const size = fault === 'capped-pages' ? Math.min(limit, PAGE_CAP) : limit;
  const page = items.slice(start, start + size);
  const last = page.at(-1);
  const hasMore = page.length === size;
  return json(200, { data: page.map(render), hasMore, nextCursor: hasMore && last !== undefined ? encodeCursor(idOf(last)) : null });
}

/** Page style, pages from 1: `{ data, page, limit, total, totalPages }`, or with the totals nested in `pagination`. */
function byPage<T>(request: SimRequest, { items, render }: Listing<T>, limit: number, fault: ListFault, nested: boolean): SimResponse {
  const asked = intParam(request, 'page', 1, { min: 1, max: 1_000_000 }, (message) => invalid('page', message));
  if (isResponse(asked)) return asked;
  const page = fault === 'repeat-page' ? 1 : asked;
  const size = fault === 'capped-pages' ? Math.min(limit, PAGE_CAP) : limit;
  let slice = items.slice((page - 1) * size, page * size);
  if (fault === 'short-page' && page === 2) slice = slice.slice(0, Math.ceil(slice.length / 2));
  // The totals count every item, and pages by the `limit` asked (which 'capped-pages' does not honour).
  const totals = { page, limit, total: items.length, totalPages: Math.ceil(items.length / limit) };
  const data = slice.map(render);
  return json(200, nested ? { data, pagination: totals } : { data, ...totals });
}

function paged<T>(request: SimRequest, context: VendorContext, listing: Listing<T>): SimResponse {
  const limit = intParam(request, 'limit', DEFAULT_PAGE_SIZE, { min: 1, max: MAX_PAGE_SIZE }, (message) => invalid('limit', message));
  if (isResponse(limit)) return limit;
  const style = context.faults.variant('talknex', 'paging');
  const fault = listFault(context);
  if (style === 'page' || style === 'page-nested') return byPage(request, listing, limit, fault, style === 'page-nested');
  return byCursor(request, listing, limit, fault);
}

/** Keys are scoped to one organisation: agents "of another org" (limitKeyToAgents) are not this key's. */
const ownAgent = (agent: SimPerson, context: VendorContext): boolean => context.faults.agentAllowed('talknex', talknexAgentId(agent));

function ownCall(call: SimCall, context: VendorContext): boolean {
  const agent = context.dataset.agents[call.agentIndex];
  return agent === undefined || ownAgent(agent, context);
}

function handledBy(call: SimCall, agentId: string | null, context: VendorContext): boolean {
  const agent = context.dataset.agents[call.agentIndex];
  return agentId === null || (agent !== undefined && talknexAgentId(agent) === agentId);
}

function listCalls(request: SimRequest, context: VendorContext): SimResponse {
  const fromMs = dateParam(request, 'from');
  if (isResponse(fromMs)) return fromMs;
  const toMs = dateParam(request, 'to');
  if (isResponse(toMs)) return toMs;
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) return invalid('to', 'to must be after from');
  const agentId = request.query.get('agentId');
  const calls = context.dataset
    .callsBetween(fromMs ?? -Infinity, toMs ?? Infinity)
    .filter((call) => ownCall(call, context) && handledBy(call, agentId, context))
    // Newest first, as call histories are listed.
    .toReversed();
  return paged(request, context, { items: calls, idOf: talknexCallId, render: (call) => callRecord(call, context) });
}

function findCall(request: SimRequest, context: VendorContext): SimCall | SimResponse {
  const id = request.params.id ?? '';
  const call = id.startsWith('call_') ? context.dataset.callById(id.slice('call_'.length)) : undefined;
  if (!call) return error(404, `No call ${id}`);
  if (!ownCall(call, context)) return error(403, 'This call belongs to another organization');
  return call;
}

export const talknexSim: SimVendor = {
  vendor: 'talknex',
  basePath: '/talknex/v1',
  rateLimit: { limit: 100, intervalMs: 60_000 },
  credentials: { apiKey: API_KEY },
  authenticate(request) {
    const header = request.headers.authorization;
    if (!header) return error(401, 'Missing API key: send Authorization: Bearer <your-api-key>');
    return /^Bearer\s+(\S+)$/i.exec(header)?.[1] === API_KEY ? null : error(401, 'Invalid API key');
  },
  errorBody: (status, message) => errorBody(status, message),
  routes: [
    {
      method: 'GET',
      path: '/agents',
      handle(request, context) {
        const agents = context.dataset.agents.filter((agent) => ownAgent(agent, context));
        return paged(request, context, { items: agents, idOf: talknexAgentId, render: (agent) => agentRecord(agent, context) });
      },
    },
    {
      method: 'GET',
      path: '/agents/:id',
      handle(request, context) {
        const agent = context.dataset.agents.find((a) => talknexAgentId(a) === request.params.id);
        if (!agent) return error(404, `No agent ${request.params.id ?? ''}`);
        if (!ownAgent(agent, context)) return error(403, 'This agent belongs to another organization');
        return json(200, agentRecord(agent, context));
      },
    },
    { method: 'GET', path: '/calls', handle: listCalls },
    {
      method: 'GET',
      path: '/calls/:id',
      handle(request, context) {
        const call = findCall(request, context);
        return isResponse(call) ? call : json(200, callDetail(call, context));
      },
    },
  ],
};
