import type { CallFields } from '../../../shared/calls';
import type { Connector, ConnectorOptions, TimeWindow, TranscriptResult } from '../connector';
import { createVendorHttp } from '../http/client';
import { VendorRequestError, isVendorRequestError } from '../http/errors';
import type { Query, VendorHttp } from '../http/types';
import { expectShape, readRecords, recordIdOf } from '../records';
import { testConnectionWith } from '../test-connection';
import { inWindow, isoMs, splitWindow } from '../windows';
import { mapCall, mapCallDetail, mapTranscript, type AgentNames } from './map';
import { AgentSchema, CallDetailSchema, CallSchema, ListEnvelopeSchema, type Agent, type CallDetail, type ListEnvelope } from './schemas';

export const TALKNEX_BASE_URL = 'https://api.talknex.ai/v1';
/** "100 requests per minute per API key." */
const RATE_LIMIT = { limit: 100, intervalMs: 60_000 };
/** The list parameters are not published: `limit` up to 100, the usual maximum. */
const PAGE_SIZE = 100;
/** No window limit is published, and paging covers any span. */
const CALL_WINDOW_MS = Infinity;
const DETAIL_ENDPOINT = '/calls/:id';

/** Where the next page starts: after a cursor, or at a page number. */
interface Position {
  cursor?: string;
  page?: number;
}

interface PageOutcome {
  /** Items on the page. */
  received: number;
  /** Items not seen on an earlier page. */
  fresh: number;
  sent: Position;
}

/**
 * The request after this page, whichever paging style the API turns out to
 * use, or null at the end of the list.
 */
function nextPosition(envelope: ListEnvelope, { received, fresh, sent }: PageOutcome): Position | null {
  // An empty page, or one of items already read (a paging parameter ignored), ends the list whatever its totals say.
  if (fresh === 0 || envelope.hasMore === false) return null;
  if (envelope.nextCursor) return { cursor: envelope.nextCursor };
  const page = envelope.page ?? sent.page ?? 1;
  if (typeof envelope.totalPages === 'number') return page < envelope.totalPages ? { page: page + 1 } : null;
  const size = envelope.limit ?? envelope.perPage ?? envelope.per_page ?? PAGE_SIZE;
  if (typeof envelope.total === 'number') return page * size < envelope.total ? { page: page + 1 } : null;
  // No cursor and no totals: a short page is the last; after a full one, the empty page that follows ends the list.
  return received < size && envelope.hasMore !== true ? null : { page: page + 1 };
}

/** True the first time an id is seen; items without an id cannot be checked and count as new. */
function firstSighting(item: unknown, seen: Set<string>): boolean {
  const id = recordIdOf(item);
  if (id === null) return true;
  if (seen.has(id)) return false;
  seen.add(id);
  return true;
}

/**
 * Every item of a list endpoint, page by page, each once: offset paging can
 * repeat an item when the list shifts between two requests.
 */
async function* readList(http: VendorHttp, endpoint: string, filters: Query): AsyncGenerator<unknown[]> {
  const seen = new Set<string>();
  let position: Position | null = {};
  while (position) {
    const body = await http.getJson(endpoint, { ...filters, limit: PAGE_SIZE, ...position });
    const envelope = expectShape(ListEnvelopeSchema, body, 'talknex', endpoint);
    const fresh = envelope.data.filter((item) => firstSighting(item, seen));
    if (fresh.length > 0) yield fresh;
    position = nextPosition(envelope, { received: envelope.data.length, fresh: fresh.length, sent: position });
  }
}

/** A detail the schema accepts but whose dates do not parse is still a wrong answer. */
function mapDetail(detail: CallDetail, raw: unknown, agentNames: AgentNames): CallFields {
  try {
    return mapCallDetail(detail, raw, agentNames);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    throw new VendorRequestError({ kind: 'invalid_response', vendor: 'talknex', endpoint: DETAIL_ENDPOINT, vendorMessage: `unexpected call record (${problem})` });
  }
}

/**
 * Talknex: calls of an organisation's voice-AI agents, paged in a style the
 * docs do not publish (cursor or pages, told apart by the answer). The
 * transcript and sentiment come from each call's detail. The key goes in the
 * Authorization header only.
 */
export function createTalknexConnector({ settings, apiKey, http: tuning }: ConnectorOptions): Connector {
  const http = createVendorHttp({
    vendor: 'talknex',
    baseUrl: settings.baseUrl ?? TALKNEX_BASE_URL,
    headers: { authorization: `Bearer ${apiKey}` },
    secrets: [apiKey],
    rateLimit: RATE_LIMIT,
    ...tuning,
  });

  const readAgents = async (): Promise<Agent[]> => {
    const agents: Agent[] = [];
    for await (const items of readList(http, '/agents', {})) {
      // A malformed agent only costs its name on calls; the calls themselves are still read.
      agents.push(...readRecords({ vendor: 'talknex', stream: 'calls', noun: 'agent', items, schema: AgentSchema, map: (agent) => agent }).values);
    }
    return agents;
  };

  // Read once per connector (one sync): calls name their agent by id only.
  let directory: Promise<AgentNames> | undefined;
  const agentNames = (): Promise<AgentNames> => {
    directory ??= readAgents()
      .then((agents) => new Map(agents.flatMap((a) => (a.name ? [[a.id, a.name] as const] : []))))
      .catch((error: unknown) => {
        // Names are a nicety: a key that may not list agents still reads its calls.
        if (isVendorRequestError(error) && (error.kind === 'forbidden' || error.kind === 'not_found')) return new Map<string, string>();
        // Anything else may pass: let the next read try again.
        directory = undefined;
        throw error;
      });
    return directory;
  };

  return {
    vendor: 'talknex',
    maxCallWindowMs: CALL_WINDOW_MS,
    dayGranularity: false,
    transcripts: 'per-call',
    hasActivity: false,
    get requestCount() {
      return http.requestCount;
    },

    testConnection: () =>
      testConnectionWith('talknex', async () => {
        const agents = await readAgents();
        return { kind: 'agents', names: agents.map((a) => a.name ?? a.id) };
      }),

    async *readCalls(window: TimeWindow) {
      const names = await agentNames();
      for (const piece of splitWindow(window, CALL_WINDOW_MS)) {
        const filters = { from: isoMs(piece.fromMs), to: isoMs(piece.toMs) };
        for await (const items of readList(http, '/calls', filters)) {
          const { values, warnings } = readRecords({ vendor: 'talknex', stream: 'calls', noun: 'call', items, schema: CallSchema, map: (r, raw) => mapCall(r, raw, names) });
          // Keep only calls that started inside the piece, whether the API's `to` is inclusive or not.
          yield { calls: values.filter((c) => inWindow(c.startedAtMs, piece)).map((call) => ({ call })), warnings };
        }
      }
    },

    async fetchTranscript({ vendorCallId }): Promise<TranscriptResult> {
      let body: unknown;
      try {
        body = await http.getJson(`/calls/${encodeURIComponent(vendorCallId)}`);
      } catch (error) {
        // The call record was deleted at Talknex: there is no transcript to fetch.
        if (isVendorRequestError(error) && error.kind === 'not_found') return { state: 'none' };
        throw error;
      }
      const detail = expectShape(CallDetailSchema, body, 'talknex', DETAIL_ENDPOINT);
      const call = mapDetail(detail, body, await agentNames());
      // A call not yet over has no final transcript or sentiment: ask again on a later sync.
      if (call.status === 'in_progress') return { state: 'processing', call };
      const transcript = mapTranscript(detail, call.startedAtMs);
      return transcript ? { state: 'ready', transcript, call } : { state: 'none', call };
    },

    readActivity: async () => ({ rows: [], warnings: [] }),
  };
}
