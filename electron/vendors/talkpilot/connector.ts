import { capabilitiesOf, publishedRateLimits } from '../described';
import type { CallFields } from '../../../shared/calls';
import type { AgentListing, CallsPage, Connector, ConnectorOptions, ConnectionTestResult, RecordWarning, TimeWindow, TranscriptResult } from '../connector';
import { createVendorHttp } from '../http/client';
import { VendorRequestError, isVendorRequestError, lacksPermission } from '../http/errors';
import type { Query, VendorHttp } from '../http/types';
import { expectShape, readRecords } from '../records';
import { testConnectionWith } from '../test-connection';
import { inWindow, isoMs } from '../windows';
import { mapAgent, mapCall, mapTranscript, type Agent } from './map';
import { AgentSchema, CallSchema, PageSchema, type CallRecord } from './schemas';

/** Each customer has their own; the user copies it from TalkPilot. */
export const TALKPILOT_BASE_URL_FORMAT = 'https://{project_ref}.supabase.co/functions/v1/api/v1';
/** Published per key: 60 requests a minute and 1,000 an hour; the client paces both. */
const RATE_LIMIT = publishedRateLimits('talkpilot');
/** The documented maximum `limit`. */
const PAGE_SIZE = 100;
/** Endpoint names for errors, with placeholders instead of ids. */
const AGENTS_ENDPOINT = '/agents';
const CALLS_ENDPOINT = '/agents/{agentId}/calls';
const CALL_ENDPOINT = '/agents/{agentId}/calls/{callId}';

const MISSING_BASE_URL = `The TalkPilot base URL is missing: add your project's API address (${TALKPILOT_BASE_URL_FORMAT}) to the connection's settings.`;

/**
 * The docs write paths as `/v1/agents/...` under a base that already ends in
 * `/api/v1` (their examples call `$TP_BASE/agents/...`), so paths here start at
 * `/agents`. A base pasted without its version (ending in `/api`) gets `/v1`.
 */
export function apiBaseOf(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith('/api') ? `${trimmed}/v1` : trimmed;
}

interface AgentDirectory {
  agents: Agent[];
  warnings: RecordWarning[];
}

/** Reads every page of a paged endpoint, yielding each page's records; stops at `pages` or at an empty page. */
async function* pagesOf(http: VendorHttp, path: string, endpoint: string, query: Query = {}): AsyncGenerator<unknown[]> {
  for (let page = 1; ; page += 1) {
    const body = await http.getJson(path, { ...query, page, limit: PAGE_SIZE });
    const { data, pagination } = expectShape(PageSchema, body, 'talkpilot', endpoint);
    yield data;
    if (page >= pagination.pages || data.length === 0) return;
  }
}

async function listAgents(http: VendorHttp): Promise<AgentDirectory> {
  const directory: AgentDirectory = { agents: [], warnings: [] };
  for await (const items of pagesOf(http, '/agents', AGENTS_ENDPOINT)) {
    const { values, warnings } = readRecords({ vendor: 'talkpilot', stream: 'calls', noun: 'agent', items, schema: AgentSchema, map: mapAgent });
    directory.agents.push(...values);
    directory.warnings.push(...warnings);
  }
  return directory;
}

const agentPath = (agentId: string): string => `/agents/${encodeURIComponent(agentId)}`;

/** A 404 under an agent: it (or the call) was deleted, or this key may not see it. */
const isMissingAgent = (error: unknown): error is VendorRequestError => isVendorRequestError(error) && error.kind === 'not_found';

function missingAgentWarning(agentId: string, error: VendorRequestError): RecordWarning {
  return {
    stream: 'calls',
    vendorRecordId: agentId,
    message: `TalkPilot agent ${agentId} was not found, or this API key may not read it: its calls were skipped.`,
    raw: { agentId, status: error.status ?? null, vendorMessage: error.vendorMessage ?? null },
  };
}

/** One agent's calls in the window, page by page, each call once. */
async function* agentCalls(http: VendorHttp, agent: Agent, window: TimeWindow): AsyncGenerator<CallsPage> {
  // Whether from/to are inclusive is not documented: ask 1 ms wider and keep the calls that started inside.
  // The fixed `to` keeps calls made during the read off the first pages.
  const query = { from: isoMs(window.fromMs - 1), to: isoMs(window.toMs), include_deleted: true };
  // Newest first: a call inserted mid-read pushes one already seen onto the next page.
  const seen = new Set<string>();
  const isFirstSighting = ({ vendorCallId }: CallFields): boolean => {
    if (seen.has(vendorCallId)) return false;
    seen.add(vendorCallId);
    return true;
  };
  for await (const items of pagesOf(http, `${agentPath(agent.id)}/calls`, CALLS_ENDPOINT, query)) {
    const context = { agent, nowMs: Date.now() };
    const { values, warnings } = readRecords({
      vendor: 'talkpilot',
      stream: 'calls',
      noun: 'call',
      items,
      schema: CallSchema,
      map: (record, raw) => mapCall(record, raw, context),
    });
    const calls = values.filter((call) => inWindow(call.startedAtMs, window) && isFirstSighting(call));
    yield { calls: calls.map((call) => ({ call })), warnings };
  }
}

/** The detail body as a record and a call, or an invalid_response error saying what was wrong with it. */
function readDetail(body: unknown, agent: Agent): { record: CallRecord; call: CallFields } {
  const context = { agent, nowMs: Date.now() };
  const { values, warnings } = readRecords({
    vendor: 'talkpilot',
    stream: 'transcripts',
    noun: 'call',
    items: [body],
    schema: CallSchema,
    map: (record, raw) => ({ record, call: mapCall(record, raw, context) }),
  });
  const [detail] = values;
  if (detail) return detail;
  throw new VendorRequestError({ kind: 'invalid_response', vendor: 'talkpilot', endpoint: CALL_ENDPOINT, vendorMessage: warnings[0]?.message });
}

/**
 * How long after a call ends its detail may still lack a transcript that is
 * coming. The docs publish no transcript status and no delay, but the summary
 * and score are "AI-generated", a step after the call; an hour covers that
 * step and a client clock somewhat off the vendor's. Past it, a detail without
 * a transcript means there is none. (`done` says nothing about this: it is
 * staff's tick, and many calls are never ticked.)
 */
export const TRANSCRIPT_WAIT_MS = 60 * 60_000;

/** Purged: gone for good. No transcript in the detail: none, unless the call ended so recently that it may still be written. */
function transcriptResultOf(record: CallRecord, call: CallFields, receivedAtMs: number): TranscriptResult {
  if (record.is_purged === true) return { state: 'none', call };
  const transcript = mapTranscript(record);
  if (transcript) return { state: 'ready', transcript, call };
  const endedAtMs = call.endedAtMs ?? call.startedAtMs;
  // Still coming: the detail cannot say yet whether there will be one, so the stored "has one" stands and it is asked again.
  return receivedAtMs - endedAtMs < TRANSCRIPT_WAIT_MS ? { state: 'processing', call: { ...call, hasTranscript: null } } : { state: 'none', call };
}

function withHiddenAgents(result: ConnectionTestResult, hidden: readonly string[]): ConnectionTestResult {
  if (!result.ok || hidden.length === 0) return result;
  return { ...result, message: `${result.message} Not visible to this key: ${hidden.join(', ')}.` };
}

/**
 * TalkPilot: voice-AI agents on a per-customer Supabase project. Calls are
 * read per agent (the configured agent ids, or every agent the key can list),
 * newest first in pages of 100; transcripts, scores and signed recording links
 * come from each call's detail. The key goes in the X-API-Key header only.
 */
export function createTalkpilotConnector({ settings, apiKey, http: tuning }: ConnectorOptions): Connector {
  // An empty list means none were chosen: read every agent the key can list.
  const configuredAgents = settings.agentIds?.length ? settings.agentIds : undefined;
  const http =
    settings.baseUrl === undefined
      ? null
      : createVendorHttp({
          vendor: 'talkpilot',
          baseUrl: apiBaseOf(settings.baseUrl),
          headers: { 'X-API-Key': apiKey },
          secrets: [apiKey],
          rateLimit: RATE_LIMIT,
          ...tuning,
        });
  const client = (): VendorHttp => {
    if (!http) throw new Error(MISSING_BASE_URL);
    return http;
  };

  // Listed once per connector (one sync), shared by concurrent callers; a failed listing is asked again next time.
  let listed: Promise<AgentDirectory> | null = null;
  const directory = (): Promise<AgentDirectory> => {
    if (configuredAgents) return Promise.resolve({ agents: configuredAgents.map((id) => ({ id, name: null, phoneNumber: null })), warnings: [] });
    listed ??= listAgents(client()).catch((error: unknown) => {
      listed = null;
      throw error;
    });
    return listed;
  };

  /**
   * For names: the listing the calls read made, or (with agent ids configured,
   * when the calls read lists nothing) one listing of its own.
   */
  let ownListing: Promise<AgentDirectory> | null = null;
  const listAgentsForNames = async (): Promise<AgentListing> => {
    try {
      const { agents } = configuredAgents ? await (ownListing ??= listAgents(client())) : await directory();
      return { state: 'listed', agents: agents.map((a) => ({ id: a.id, name: a.name })) };
    } catch (error) {
      ownListing = null;
      if (isVendorRequestError(error) && (lacksPermission(error) || error.kind === 'forbidden'))
        return { state: 'not_allowed', message: 'this key cannot list agents (it lacks agents:read)' };
      throw error;
    }
  };

  /** The agent's name and line for a re-read call; a call stays readable without them. */
  const agentById = async (id: string): Promise<Agent> => {
    // Any failure here (say, a key without agents:read) already showed, or will show, on the calls themselves.
    const known = await directory().then(
      ({ agents }) => agents.find((a) => a.id === id),
      () => undefined,
    );
    return known ?? { id, name: null, phoneNumber: null };
  };

  return {
    ...capabilitiesOf('talkpilot'),
    get requestCount() {
      return http?.requestCount ?? 0;
    },

    async testConnection() {
      if (!http) return { ok: false, message: MISSING_BASE_URL };
      let hidden: string[] = [];
      const result = await testConnectionWith('talkpilot', async () => {
        // Keyless: a wrong address fails here, before the key is blamed.
        await http.getJson('/health');
        const { agents } = await listAgents(http);
        const shown = configuredAgents ? agents.filter((a) => configuredAgents.includes(a.id)) : agents;
        hidden = configuredAgents ? configuredAgents.filter((id) => !agents.some((a) => a.id === id)) : [];
        return { kind: 'agents', names: shown.map((a) => a.name ?? a.id) };
      });
      return withHiddenAgents(result, hidden);
    },

    async *readCalls(window: TimeWindow) {
      const api = client();
      const { agents, warnings } = await directory();
      if (warnings.length > 0) yield { calls: [], warnings };
      let missing = 0;
      for (const agent of agents) {
        try {
          yield* agentCalls(api, agent, window);
        } catch (error) {
          if (!isMissingAgent(error)) throw error;
          missing += 1;
          yield { calls: [], warnings: [missingAgentWarning(agent.id, error)] };
        }
      }
      // Every agent missing is more likely a wrong base URL or agent list than a quiet account.
      if (agents.length > 0 && missing === agents.length) {
        throw new VendorRequestError({
          kind: 'not_found',
          vendor: 'talkpilot',
          endpoint: CALLS_ENDPOINT,
          status: 404,
          vendorMessage: `none of the ${agents.length} agents could be read with this key. Check the base URL and the agent ids.`,
        });
      }
    },

    async fetchTranscript({ vendorCallId, userId }) {
      const api = client();
      // TalkPilot finds a call only under its agent: without one it cannot be asked, now or later.
      if (userId === null) return { state: 'none' };
      try {
        const body = await api.getJson(`${agentPath(userId)}/calls/${encodeURIComponent(vendorCallId)}`);
        const receivedAtMs = Date.now();
        const { record, call } = readDetail(body, await agentById(userId));
        return transcriptResultOf(record, call, receivedAtMs);
      } catch (error) {
        // The call is gone, or its agent is no longer visible to this key.
        if (isMissingAgent(error)) return { state: 'none' };
        throw error;
      }
    },

    listAgents: listAgentsForNames,

    readActivity: async () => ({ rows: [], warnings: [] }),
  };
}
