import { VENDOR_INFO } from '../../../shared/vendors';
import { capabilitiesOf, defaultBaseUrlOf, publishedRateLimits } from '../described';
import { z } from 'zod';
import type { Connector, ConnectorOptions, TimeWindow, TranscriptResult } from '../connector';
import { createVendorHttp } from '../http/client';
import { isVendorRequestError } from '../http/errors';
import { expectShape, readRecords } from '../records';
import { testConnectionWith } from '../test-connection';
import { inWindow, utcDay } from '../windows';
import { wholeDayPieces } from './days';
import { mapCallLog, mapTranscript, mapUserActivity } from './map';
import { CallLogSchema, TranscriptSchema, UserActivitySchema } from './schemas';

export const TALENTLYNK_BASE_URL = defaultBaseUrlOf('talentlynk');
/** "Maximum 7 days of call logs can be retrieved in a single request": 7 calendar dates, as the docs' example asks them. */
const CALL_WINDOW_DAYS = VENDOR_INFO.talentlynk.maxCallWindowDays ?? 7;
const TRANSCRIPT_ENDPOINT = '/transcripts/:id';
/** Not published: kept well below anything a partner API would mind. */
const RATE_LIMIT = publishedRateLimits('talentlynk');

/**
 * TalentLynk: call logs and per-user activity for a recruiting team. No paging:
 * each request returns the whole window as one array. The key goes in headers
 * only (the API also takes it in the query string, where it would be logged).
 */
export function createTalentlynkConnector({ settings, apiKey, http: tuning }: ConnectorOptions): Connector {
  const appId = settings.appId ?? '';
  const http = createVendorHttp({
    vendor: 'talentlynk',
    baseUrl: settings.baseUrl ?? TALENTLYNK_BASE_URL,
    headers: { 'x-app-id': appId, 'x-api-key': apiKey },
    secrets: [apiKey],
    rateLimit: RATE_LIMIT,
    ...tuning,
  });

  const activity = async (day: string) => {
    const body = await http.getJson('/reports/user-activity', { startDate: day, endDate: day });
    const items = expectShape(z.array(z.unknown()), body, 'talentlynk', '/reports/user-activity');
    const { values, warnings } = readRecords({
      vendor: 'talentlynk',
      stream: 'activity',
      noun: 'activity row',
      items,
      schema: UserActivitySchema,
      map: (r, raw) => mapUserActivity(r, day, raw),
    });
    return { rows: values, warnings };
  };

  /** One transcript by one id; null on a 404 (no transcript under that id). */
  const transcriptBy = async (id: string): Promise<TranscriptResult | null> => {
    try {
      const body = await http.getJson(`/transcripts/${encodeURIComponent(id)}`);
      const transcript = mapTranscript(expectShape(TranscriptSchema, body, 'talentlynk', TRANSCRIPT_ENDPOINT));
      return transcript.status === 'processing' ? { state: 'processing' } : { state: 'ready', transcript };
    } catch (error) {
      if (isVendorRequestError(error) && error.kind === 'not_found') return null;
      throw error;
    }
  };
  // Which id to ask by first, learnt from the last call whose first id got a
  // 404 and whose other id answered: an account whose transcripts are keyed by
  // call id then costs a few 404s per sync, not one per call.
  let callIdFirst = false;

  return {
    ...capabilitiesOf('talentlynk'),
    get requestCount() {
      return http.requestCount;
    },

    testConnection: () =>
      testConnectionWith('talentlynk', async () => {
        const { rows } = await activity(utcDay(Date.now()));
        return { kind: 'users', names: rows.map((u) => u.userName ?? u.userEmail ?? u.userId) };
      }),

    async *readCalls(window: TimeWindow) {
      for (const piece of wholeDayPieces(window, CALL_WINDOW_DAYS)) {
        // Whole days, as the docs' example asks ("…T00:00:00Z" to "…T23:59:59Z"; call times are whole seconds): the API would widen anything else to them.
        const body = await http.getJson('/reports/call-logs', {
          startDate: `${utcDay(piece.fromMs)}T00:00:00Z`,
          endDate: `${utcDay(piece.toMs - 1)}T23:59:59Z`,
        });
        const items = expectShape(z.array(z.unknown()), body, 'talentlynk', '/reports/call-logs');
        const { values, warnings } = readRecords({ vendor: 'talentlynk', stream: 'calls', noun: 'call', items, schema: CallLogSchema, map: mapCallLog });
        // Keep only calls that started inside the piece: the rest of its first and last day belong to other windows.
        yield { calls: values.filter((c) => inWindow(c.startedAtMs, piece)).map((call) => ({ call })), warnings };
      }
    },

    /**
     * The docs disagree on the key: the path says `:callId`, the article says
     * the transcript is fetched with the call log's message ID. Ask by the
     * message id when the call log had one, by the call id otherwise, and by
     * the other id on a 404 before deciding there is none.
     */
    async fetchTranscript({ vendorCallId, messageId }) {
      const ids = messageId ? (callIdFirst ? [vendorCallId, messageId] : [messageId, vendorCallId]) : [vendorCallId];
      for (const [i, id] of ids.entries()) {
        const result = await transcriptBy(id);
        if (result === null) continue;
        if (i > 0) callIdFirst = id === vendorCallId;
        return result;
      }
      // No transcript under any id: none was ever made for this call.
      return { state: 'none' };
    },

    readActivity: activity,
  };
}
