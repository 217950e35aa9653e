import { capabilitiesOf, defaultBaseUrlOf, publishedRateLimits } from '../described';
import type { AgentListing, CallsPage, Connector, ConnectorOptions, TimeWindow, VendorCall } from '../connector';
import { createVendorHttp } from '../http/client';
import { isVendorRequestError } from '../http/errors';
import type { Query } from '../http/types';
import { expectShape, readRecords } from '../records';
import { testConnectionWith } from '../test-connection';
import { inWindow } from '../windows';
import { mapCallLog, mapCallLogWithTranscript, mapTranscript, type AgentNames } from './map';
import { AgentSchema, AgentsPageSchema, CallLogSchema, CallLogsPageSchema, type Agent } from './schemas';
import { isScopeRefusal, needingScope, SCOPES } from './scopes';

export const HIGHLEVEL_BASE_URL = defaultBaseUrlOf('highlevel');
const API_VERSION = '2021-04-15';
const CALL_LOGS = '/voice-ai/dashboard/call-logs';
const AGENTS = '/voice-ai/agents';
/** "Page size (max 50)." */
const PAGE_SIZE = 50;
/** Published burst limit: 100 requests per 10 seconds (the 200,000 a day is out of a sync's reach). */
const RATE_LIMIT = publishedRateLimits('highlevel');

/** Thrown before any request: every HighLevel endpoint is scoped to a location. */
export const MISSING_LOCATION_MESSAGE =
  "HighLevel Voice AI needs the sub-account's location ID (Settings › Business Profile in HighLevel): add it to this connection.";

/** A page's items and the list's total, from a checked envelope. */
type PageReader = (body: unknown) => { total: number; items: unknown[] };

/** What a list is, in words, and the scope HighLevel wants for it. */
interface Listing {
  path: string;
  what: string;
  scope: string;
  readPage: PageReader;
}

const CALL_LOGS_LISTING: Listing = {
  path: CALL_LOGS,
  what: 'call logs',
  scope: SCOPES.callLogs,
  readPage(body) {
    const page = expectShape(CallLogsPageSchema, body, 'highlevel', CALL_LOGS);
    return { total: page.total, items: page.callLogs };
  },
};

const AGENTS_LISTING: Listing = {
  path: AGENTS,
  what: 'agent names',
  scope: SCOPES.agents,
  readPage(body) {
    const page = expectShape(AgentsPageSchema, body, 'highlevel', AGENTS);
    return { total: page.total, items: page.agents };
  },
};

/**
 * HighLevel Voice AI (LeadConnector): call logs of a location's voice-AI
 * agents, paged, each with its transcript inline. Calls are read oldest first
 * over a fixed date range, so calls logged during a sync join the end of the
 * list and never shift a page already read.
 */
export function createHighlevelConnector({ settings, apiKey, http: tuning }: ConnectorOptions): Connector {
  const http = createVendorHttp({
    vendor: 'highlevel',
    baseUrl: settings.baseUrl ?? HIGHLEVEL_BASE_URL,
    headers: { authorization: `Bearer ${apiKey}`, version: API_VERSION },
    secrets: [apiKey],
    rateLimit: RATE_LIMIT,
    ...tuning,
  });

  const locationId = (): string => {
    if (!settings.locationId) throw new Error(MISSING_LOCATION_MESSAGE);
    return settings.locationId;
  };

  /** Each page's items, 1-based, until `total` items are read or a page comes back empty. */
  async function* pages({ path, what, scope, readPage }: Listing, query: Query): AsyncGenerator<unknown[]> {
    let read = 0;
    for (let page = 1; ; page++) {
      const { total, items } = readPage(await needingScope(http.getJson(path, { ...query, page, pageSize: PAGE_SIZE }), what, scope));
      if (items.length === 0) return;
      read += items.length;
      yield items;
      if (read >= total) return;
    }
  }

  /** One listing (one agent's, or the whole location's) of the calls logged in the window. */
  async function* callPages(window: TimeWindow, location: string, agentId: string | undefined, names: AgentNames): AsyncGenerator<CallsPage> {
    const query: Query = {
      locationId: location,
      agentId,
      // endDate may be inclusive (the docs' example ends on the last second of a day):
      // asking up to toMs covers both readings, and the window filter drops a call at toMs.
      startDate: window.fromMs,
      endDate: window.toMs,
      sortBy: 'createdAt',
      sort: 'ascend',
    };
    for await (const items of pages(CALL_LOGS_LISTING, query)) {
      const { values, warnings } = readRecords({
        vendor: 'highlevel',
        stream: 'calls',
        noun: 'call',
        items,
        schema: CallLogSchema,
        map: (log, raw) => mapCallLogWithTranscript(log, raw, names),
      });
      yield { calls: values, warnings };
    }
  }

  async function readAgents(): Promise<Agent[]> {
    const agents: Agent[] = [];
    for await (const items of pages(AGENTS_LISTING, { locationId: locationId() })) {
      for (const item of items) {
        // A malformed agent only costs its name on calls.
        const agent = AgentSchema.safeParse(item);
        if (agent.success) agents.push(agent.data);
      }
    }
    return agents;
  }

  // Read once per connector (one sync): a call log names its agent by id only.
  let listing: Promise<AgentListing> | undefined;
  const listAgents = (): Promise<AgentListing> => {
    listing ??= readAgents()
      .then((agents): AgentListing => ({ state: 'listed', agents: agents.map((a) => ({ id: a.id, name: a.agentName || null })) }))
      .catch((error: unknown): AgentListing => {
        // Names are a nicety: a token with the call-logs scope alone still syncs, agents shown by id.
        if (isScopeRefusal(error)) return { state: 'not_allowed', message: `this token cannot list agents (it lacks the scope ${SCOPES.agents})` };
        if (isVendorRequestError(error) && error.kind === 'not_found')
          return { state: 'not_allowed', message: 'this location has no agent list HighLevel will show' };
        // Anything else may pass: let the next read try again.
        listing = undefined;
        throw error;
      });
    return listing;
  };
  const agentNames = async (): Promise<AgentNames> => {
    const listed = await listAgents();
    return new Map(listed.state === 'listed' ? listed.agents.flatMap((a) => (a.name ? [[a.id, a.name] as const] : [])) : []);
  };

  return {
    ...capabilitiesOf('highlevel'),
    get requestCount() {
      return http.requestCount;
    },

    async testConnection() {
      if (!settings.locationId) return { ok: false, message: `Missing location ID: ${MISSING_LOCATION_MESSAGE}` };
      return testConnectionWith('highlevel', async () => {
        // First the request syncing starts with: a token that can sync passes, whatever else it may not do.
        await needingScope(http.getJson(CALL_LOGS, { locationId: locationId(), page: 1, pageSize: 1 }), CALL_LOGS_LISTING.what, SCOPES.callLogs);
        try {
          // Agents need a scope of their own, and only name the calls' agents.
          const agents = await readAgents();
          return { kind: 'agents', names: agents.map((a) => a.agentName || a.id) };
        } catch (error) {
          if (!isScopeRefusal(error)) throw error;
          return {
            works: `HighLevel Voice AI call logs can be read. Agent names need the scope ${SCOPES.agents}, which this token lacks, so calls show each agent by its id.`,
          };
        }
      });
    },

    async *readCalls(window: TimeWindow) {
      const location = locationId();
      if (window.toMs <= window.fromMs) return;
      // An agent filter means one listing per agent; without one, one listing of the whole location.
      const agents = settings.agentIds?.length ? [...new Set(settings.agentIds)] : [undefined];
      const names = await agentNames();
      const seen = new Set<string>();
      for (const agentId of agents) {
        for await (const page of callPages(window, location, agentId, names)) {
          // Keep only calls that started inside the window, each once, so neighbouring
          // windows and pages whose edges shifted never share a call.
          const fresh = (c: VendorCall) => inWindow(c.call.startedAtMs, window) && !seen.has(c.call.vendorCallId);
          const calls = page.calls.filter(fresh);
          for (const c of calls) seen.add(c.call.vendorCallId);
          yield { calls, warnings: page.warnings };
        }
      }
    },

    async fetchTranscript({ vendorCallId }) {
      const query = { locationId: locationId() };
      let body: unknown;
      try {
        body = await needingScope(http.getJson(`${CALL_LOGS}/${encodeURIComponent(vendorCallId)}`, query), CALL_LOGS_LISTING.what, SCOPES.callLogs);
      } catch (error) {
        // The call log is gone, so there is no transcript to come.
        if (isVendorRequestError(error) && error.kind === 'not_found') return { state: 'none' };
        throw error;
      }
      const log = expectShape(CallLogSchema, body, 'highlevel', `${CALL_LOGS}/:callId`);
      const call = mapCallLog(log, body, await agentNames());
      const transcript = mapTranscript(log);
      return transcript ? { state: 'ready', transcript, call } : { state: 'none', call };
    },

    listAgents,

    readActivity: async () => ({ rows: [], warnings: [] }),
  };
}
