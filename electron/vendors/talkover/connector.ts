import { capabilitiesOf, defaultBaseUrlOf, publishedRateLimits } from '../described';
import type { CallFields } from '../../../shared/calls';
import type { Connector, ConnectorOptions, RecordWarning, TimeWindow } from '../connector';
import { createVendorHttp } from '../http/client';
import type { Query, VendorHttp } from '../http/types';
import { expectShape, readRecords } from '../records';
import { testConnectionWith } from '../test-connection';
import { inWindow, utcDay } from '../windows';
import { agentName, mapCall } from './map';
import { AgentSchema, CallSchema, ListEnvelopeSchema } from './schemas';

export const TALKOVER_BASE_URL = defaultBaseUrlOf('talkover');
/** Standard plan. Professional allows 1,000 a minute; the lower one is safe for both. */
const RATE_LIMIT = publishedRateLimits('talkover');
/** "per_page: default 20, max 100." */
const PAGE_SIZE = 100;

/**
 * Every page of a list endpoint, in order, until the vendor says it was the
 * last. An empty page also ends it, so a wrong last_page cannot loop forever.
 */
async function* listPages(http: VendorHttp, path: string, query: Query): AsyncGenerator<unknown[]> {
  for (let page = 1; ; page++) {
    const body = await http.getJson(path, { ...query, per_page: PAGE_SIZE, page });
    const { data, pageInfo } = expectShape(ListEnvelopeSchema, body, 'talkover', path);
    yield data;
    if (data.length === 0 || page >= pageInfo.last_page) return;
  }
}

/**
 * date_from/date_to are whole UTC days, date_to included: ask for the days
 * that cover the window. Calls outside it are dropped after reading.
 */
const coveringDays = (window: TimeWindow): Query => ({ date_from: utcDay(window.fromMs), date_to: utcDay(window.toMs - 1) });

/** A bad record whose start is still readable and lies outside the window belongs to a neighbouring window, which will report it. */
function startedOutside(raw: unknown, window: TimeWindow): boolean {
  const createdAt = raw && typeof raw === 'object' && 'created_at' in raw ? raw.created_at : undefined;
  const ms = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN;
  return !Number.isNaN(ms) && !inWindow(ms, window);
}

/**
 * What one window read has already handed out. The list's order is not
 * documented, so a call (or bad record) can come back on two pages when calls
 * arrive while we page: each is passed on once.
 */
function createOnceFilter(window: TimeWindow) {
  const seenCalls = new Set<string>();
  const seenWarnings = new Set<string>();
  const firstTime = (seen: Set<string>, id: string): boolean => {
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  return {
    calls: (calls: CallFields[]) => calls.filter((c) => inWindow(c.startedAtMs, window) && firstTime(seenCalls, c.vendorCallId)),
    warnings: (warnings: RecordWarning[]) =>
      warnings.filter((w) => !startedOutside(w.raw, window) && (w.vendorRecordId === null || firstTime(seenWarnings, w.vendorRecordId))),
  };
}

/**
 * Talkover: voice-AI agents' calls for one environment. Paged lists filtered
 * by whole days; no transcripts (they go out by webhook only) and no activity.
 * The environment token goes in the Authorization header only.
 */
export function createTalkoverConnector({ settings, apiKey, http: tuning }: ConnectorOptions): Connector {
  const http = createVendorHttp({
    vendor: 'talkover',
    baseUrl: settings.baseUrl ?? TALKOVER_BASE_URL,
    headers: { authorization: `Bearer ${apiKey}` },
    secrets: [apiKey],
    rateLimit: RATE_LIMIT,
    ...tuning,
  });
  // One agent_id-filtered listing per chosen agent, or one listing of every call.
  const listings: Query[] = settings.agentIds?.length ? [...new Set(settings.agentIds)].map((agentId) => ({ agent_id: agentId })) : [{}];

  return {
    ...capabilitiesOf('talkover'),
    get requestCount() {
      return http.requestCount;
    },

    testConnection: () =>
      testConnectionWith('talkover', async () => {
        const names: string[] = [];
        for await (const items of listPages(http, '/agents', {})) {
          for (const item of items) {
            const agent = AgentSchema.safeParse(item);
            if (agent.success) names.push(agentName(agent.data));
          }
        }
        return { kind: 'agents', names };
      }),

    async *readCalls(window: TimeWindow) {
      if (window.toMs <= window.fromMs) return;
      const once = createOnceFilter(window);
      for (const listing of listings) {
        for await (const items of listPages(http, '/calls', { ...listing, ...coveringDays(window) })) {
          const { values, warnings } = readRecords({ vendor: 'talkover', stream: 'calls', noun: 'call', items, schema: CallSchema, map: mapCall });
          yield { calls: once.calls(values).map((call) => ({ call })), warnings: once.warnings(warnings) };
        }
      }
    },

    // No transcript endpoint exists: Talkover sends transcripts to webhooks only.
    fetchTranscript: async () => ({ state: 'none' }),

    readActivity: async () => ({ rows: [], warnings: [] }),
  };
}
