import { z } from 'zod';
import type { Connector, ConnectorOptions, TimeWindow } from '../connector';
import { createVendorHttp } from '../http/client';
import { isVendorRequestError } from '../http/errors';
import { expectShape, readRecords } from '../records';
import { testConnectionWith } from '../test-connection';
import { DAY_MS, inWindow, isoMs, splitWindow, utcDay } from '../windows';
import { mapCallLog, mapTranscript, mapUserActivity } from './map';
import { CallLogSchema, TranscriptSchema, UserActivitySchema } from './schemas';

export const TALENTLYNK_BASE_URL = 'https://api.talentlynk.ai/v1/partners';
/** "Maximum 7 days of call logs can be retrieved in a single request." */
const CALL_WINDOW_MS = 7 * DAY_MS;
/** Not published: kept well below anything a partner API would mind. */
const RATE_LIMIT = { limit: 60, intervalMs: 60_000 };

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
    const { values, warnings } = readRecords({ vendor: 'talentlynk', stream: 'activity', noun: 'activity row', items, schema: UserActivitySchema, map: (r, raw) => mapUserActivity(r, day, raw) });
    return { rows: values, warnings };
  };

  return {
    vendor: 'talentlynk',
    maxCallWindowMs: CALL_WINDOW_MS,
    dayGranularity: false,
    transcripts: 'per-call',
    hasActivity: true,
    get requestCount() {
      return http.requestCount;
    },

    testConnection: () =>
      testConnectionWith('talentlynk', async () => {
        const { rows } = await activity(utcDay(Date.now()));
        return { kind: 'users', names: rows.map((u) => u.userName ?? u.userEmail ?? u.userId) };
      }),

    async *readCalls(window: TimeWindow) {
      for (const piece of splitWindow(window, CALL_WINDOW_MS)) {
        // endDate is inclusive at TalentLynk: ask up to the last millisecond of the piece.
        const body = await http.getJson('/reports/call-logs', { startDate: isoMs(piece.fromMs), endDate: isoMs(piece.toMs - 1) });
        const items = expectShape(z.array(z.unknown()), body, 'talentlynk', '/reports/call-logs');
        const { values, warnings } = readRecords({ vendor: 'talentlynk', stream: 'calls', noun: 'call', items, schema: CallLogSchema, map: mapCallLog });
        // Keep only calls that started inside the piece, so neighbouring windows never share a call.
        yield { calls: values.filter((c) => inWindow(c.startedAtMs, piece)).map((call) => ({ call })), warnings };
      }
    },

    async fetchTranscript({ vendorCallId }) {
      try {
        const body = await http.getJson(`/transcripts/${encodeURIComponent(vendorCallId)}`);
        const transcript = mapTranscript(expectShape(TranscriptSchema, body, 'talentlynk', '/transcripts/:callId'));
        return transcript.status === 'processing' ? { state: 'processing' } : { state: 'ready', transcript };
      } catch (error) {
        // No transcript was ever made for this call.
        if (isVendorRequestError(error) && error.kind === 'not_found') return { state: 'none' };
        throw error;
      }
    },

    readActivity: activity,
  };
}
