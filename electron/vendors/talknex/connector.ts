import { capabilitiesOf, defaultBaseUrlOf, publishedRateLimits } from '../described';
import type { CallFields } from '../../../shared/calls';
import type { AgentListing, Connector, ConnectorOptions, RecordWarning, TimeWindow, TranscriptResult, VendorCall } from '../connector';
import { createVendorHttp } from '../http/client';
import { VendorRequestError, isVendorRequestError } from '../http/errors';
import { expectShape, readRecords } from '../records';
import { testConnectionWith } from '../test-connection';
import { inWindow, isoMs, splitWindow } from '../windows';
import { mapCall, mapCallDetail, mapTranscript, type AgentNames } from './map';
import { readList, type ListPage } from './paging';
import { AgentSchema, CallDetailSchema, CallSchema, type Agent, type CallDetail } from './schemas';

export const TALKNEX_BASE_URL = defaultBaseUrlOf('talknex');
/** "100 requests per minute per API key." */
const RATE_LIMIT = publishedRateLimits('talknex');
/** No window limit is published, and paging covers any span. */
const CALL_WINDOW_MS = Infinity;
const DETAIL_ENDPOINT = '/calls/:id';
/** A detail that cannot fill a list record's gap: the record is skipped with a warning saying why. */
const DETAIL_GAPS = new Set(['not_found', 'forbidden', 'invalid_response']);

const minute = (ms: number): string => isoMs(ms).slice(0, 16).replace('T', ' ');

/** The run-history warning for a list that ended before its envelope said it would. */
function stoppedEarlyWarning(stopped: NonNullable<ListPage['stoppedEarly']>, window: TimeWindow): RecordWarning {
  return {
    stream: 'calls',
    vendorRecordId: null,
    message: `Talknex's call list stopped early (${minute(window.fromMs)} to ${minute(window.toMs)} UTC): ${stopped.problem}. Some calls of that time may be missing.`,
    raw: stopped.raw,
  };
}

/** What a call's detail says about its transcript. */
function transcriptResultOf(detail: CallDetail, call: CallFields): TranscriptResult {
  // A call not yet over has no final transcript or sentiment, and cannot say whether it will: ask again on a later sync.
  if (call.status === 'in_progress') return { state: 'processing', call: { ...call, hasTranscript: null } };
  const transcript = mapTranscript(detail, call.startedAtMs);
  return transcript ? { state: 'ready', transcript, call } : { state: 'none', call };
}

/** A detail the schema accepts but whose dates do not parse is still a wrong answer. */
function mapDetail(detail: CallDetail, raw: unknown, agentNames: AgentNames): CallFields {
  try {
    return mapCallDetail(detail, raw, agentNames);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    throw new VendorRequestError({
      kind: 'invalid_response',
      vendor: 'talknex',
      endpoint: DETAIL_ENDPOINT,
      vendorMessage: `unexpected call record (${problem})`,
    });
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
    // A list of agents that stops early only costs names on calls: its warning is not worth a partial run.
    for await (const { items } of readList(http, '/agents', {}, 'agents')) {
      // A malformed agent only costs its name on calls; the calls themselves are still read.
      agents.push(...readRecords({ vendor: 'talknex', stream: 'calls', noun: 'agent', items, schema: AgentSchema, map: (agent) => agent }).values);
    }
    return agents;
  };

  // Read once per connector (one sync): calls name their agent by id only.
  let listing: Promise<AgentListing> | undefined;
  const listAgents = (): Promise<AgentListing> => {
    listing ??= readAgents()
      .then((agents): AgentListing => ({ state: 'listed', agents: agents.map((a) => ({ id: a.id, name: a.name ?? null })) }))
      .catch((error: unknown): AgentListing => {
        // Names are a nicety: a key that may not list agents still reads its calls.
        if (isVendorRequestError(error) && (error.kind === 'forbidden' || error.kind === 'not_found'))
          return { state: 'not_allowed', message: 'this key cannot list agents' };
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

  /** GET /calls/:id, mapped; throws VendorRequestError (a 404 for a call deleted at Talknex). */
  const readDetail = async (vendorCallId: string): Promise<TranscriptResult> => {
    const body = await http.getJson(`/calls/${encodeURIComponent(vendorCallId)}`);
    const detail = expectShape(CallDetailSchema, body, 'talknex', DETAIL_ENDPOINT);
    return transcriptResultOf(detail, mapDetail(detail, body, await agentNames()));
  };

  /**
   * A list record without the fields a call needs (the list is not
   * published; the webhook's call object has no status or createdAt),
   * completed from the call's detail, transcript included. The stored raw
   * record stays the list's, as for every detail re-read. A warning when the
   * detail cannot fill the gap either.
   */
  const completeFromDetail = async (warning: RecordWarning): Promise<VendorCall | RecordWarning> => {
    if (warning.vendorRecordId === null) return warning;
    let result: TranscriptResult;
    try {
      result = await readDetail(warning.vendorRecordId);
    } catch (error) {
      if (!isVendorRequestError(error) || !DETAIL_GAPS.has(error.kind)) throw error;
      const why = error.message.endsWith('.') ? error.message : `${error.message}.`;
      return { ...warning, message: `${warning.message} Its detail (${DETAIL_ENDPOINT}) could not fill the gap: ${why}` };
    }
    if (!result.call) return warning;
    const call = { ...result.call, raw: warning.raw };
    return result.state === 'ready' ? { call, transcript: result.transcript } : { call };
  };

  return {
    ...capabilitiesOf('talknex'),
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
        for await (const { items, stoppedEarly } of readList(http, '/calls', filters, 'calls')) {
          const read = readRecords({ vendor: 'talknex', stream: 'calls', noun: 'call', items, schema: CallSchema, map: (r, raw) => mapCall(r, raw, names) });
          const calls: VendorCall[] = read.values.map((call) => ({ call }));
          const warnings: RecordWarning[] = [];
          for (const warning of read.warnings) {
            const completed = await completeFromDetail(warning);
            if ('call' in completed) calls.push(completed);
            else warnings.push(completed);
          }
          if (stoppedEarly) warnings.push(stoppedEarlyWarning(stoppedEarly, piece));
          // Keep only calls that started inside the piece, whether the API's `to` is inclusive or not.
          yield { calls: calls.filter(({ call }) => inWindow(call.startedAtMs, piece)), warnings };
        }
      }
    },

    async fetchTranscript({ vendorCallId }): Promise<TranscriptResult> {
      try {
        return await readDetail(vendorCallId);
      } catch (error) {
        // The call record was deleted at Talknex: there is no transcript to fetch.
        if (isVendorRequestError(error) && error.kind === 'not_found') return { state: 'none' };
        throw error;
      }
    },

    listAgents,

    readActivity: async () => ({ rows: [], warnings: [] }),
  };
}
