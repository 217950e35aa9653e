import type { CallsPage, Connector, ConnectorOptions, TimeWindow, VendorCall } from '../connector';
import { createVendorHttp } from '../http/client';
import { isVendorRequestError } from '../http/errors';
import type { Query } from '../http/types';
import { expectShape, readRecords } from '../records';
import { testConnectionWith } from '../test-connection';
import { inWindow } from '../windows';
import { mapCallLog, mapCallLogWithTranscript, mapTranscript } from './map';
import { AgentSchema, AgentsPageSchema, CallLogSchema, CallLogsPageSchema } from './schemas';

export const HIGHLEVEL_BASE_URL = 'https://services.leadconnectorhq.com';
const API_VERSION = '2021-04-15';
const CALL_LOGS = '/voice-ai/dashboard/call-logs';
const AGENTS = '/voice-ai/agents';
/** "Page size (max 50)." */
const PAGE_SIZE = 50;
/** Published burst limit: 100 requests per 10 seconds (the 200,000 a day is out of a sync's reach). */
const RATE_LIMIT = { limit: 100, intervalMs: 10_000 };

/** Thrown before any request: every HighLevel endpoint is scoped to a location. */
export const MISSING_LOCATION_MESSAGE =
  "HighLevel Voice AI needs the sub-account's location ID (Settings › Business Profile in HighLevel): add it to this connection.";

/** A page's items and the list's total, from a checked envelope. */
type PageReader = (body: unknown) => { total: number; items: unknown[] };

const callLogsPage: PageReader = (body) => {
  const page = expectShape(CallLogsPageSchema, body, 'highlevel', CALL_LOGS);
  return { total: page.total, items: page.callLogs };
};

const agentsPage: PageReader = (body) => {
  const page = expectShape(AgentsPageSchema, body, 'highlevel', AGENTS);
  return { total: page.total, items: page.agents };
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
  async function* pages(path: string, query: Query, readPage: PageReader): AsyncGenerator<unknown[]> {
    let read = 0;
    for (let page = 1; ; page++) {
      const { total, items } = readPage(await http.getJson(path, { ...query, page, pageSize: PAGE_SIZE }));
      if (items.length === 0) return;
      read += items.length;
      yield items;
      if (read >= total) return;
    }
  }

  /** One listing (one agent's, or the whole location's) of the calls logged in the window. */
  async function* callPages(window: TimeWindow, location: string, agentId: string | undefined): AsyncGenerator<CallsPage> {
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
    for await (const items of pages(CALL_LOGS, query, callLogsPage)) {
      const { values, warnings } = readRecords({ vendor: 'highlevel', stream: 'calls', noun: 'call', items, schema: CallLogSchema, map: mapCallLogWithTranscript });
      yield { calls: values, warnings };
    }
  }

  async function agentNames(): Promise<string[]> {
    const names: string[] = [];
    for await (const items of pages(AGENTS, { locationId: locationId() }, agentsPage)) {
      for (const item of items) {
        const agent = AgentSchema.safeParse(item);
        if (agent.success) names.push(agent.data.agentName || agent.data.id);
      }
    }
    return names;
  }

  return {
    vendor: 'highlevel',
    // No limit on the date range is published: one listing pages through any window.
    maxCallWindowMs: Infinity,
    dayGranularity: false,
    transcripts: 'inline',
    hasActivity: false,
    get requestCount() {
      return http.requestCount;
    },

    async testConnection() {
      if (!settings.locationId) return { ok: false, message: `Missing location ID: ${MISSING_LOCATION_MESSAGE}` };
      return testConnectionWith('highlevel', async () => {
        const names = await agentNames();
        // Agents and call logs need different scopes: check the one syncing uses too.
        await http.getJson(CALL_LOGS, { locationId: locationId(), page: 1, pageSize: 1 });
        return { kind: 'agents', names };
      });
    },

    async *readCalls(window: TimeWindow) {
      const location = locationId();
      if (window.toMs <= window.fromMs) return;
      // An agent filter means one listing per agent; without one, one listing of the whole location.
      const agents = settings.agentIds?.length ? [...new Set(settings.agentIds)] : [undefined];
      const seen = new Set<string>();
      for (const agentId of agents) {
        for await (const page of callPages(window, location, agentId)) {
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
        body = await http.getJson(`${CALL_LOGS}/${encodeURIComponent(vendorCallId)}`, query);
      } catch (error) {
        // The call log is gone, so there is no transcript to come.
        if (isVendorRequestError(error) && error.kind === 'not_found') return { state: 'none' };
        throw error;
      }
      const log = expectShape(CallLogSchema, body, 'highlevel', `${CALL_LOGS}/:callId`);
      const call = mapCallLog(log, body);
      const transcript = mapTranscript(log);
      return transcript ? { state: 'ready', transcript, call } : { state: 'none', call };
    },

    readActivity: async () => ({ rows: [], warnings: [] }),
  };
}
