import type { SimCall, Dataset } from '../dataset';
import { json, type SimRequest, type SimResponse, type SimVendor, type VendorContext } from '../http';
import { hashInt, headerOrQuery, iso } from './common';
import { DAY_MS } from '../../../shared/time';

/**
 * TalentLynk's partner API (shared/vendors/talentlynk.txt): call logs and user
 * activity as one JSON array per request (7 and 31 calendar days at most),
 * transcripts per call. Auth by x-app-id + x-api-key headers (or appId/apiKey
 * in the query).
 *
 * Dates: "simpler ISO formats ... will be automatically parsed and
 * normalised", and the docs' own examples ask for whole UTC days (00:00:00 to
 * 23:59:59). The simulator normalises every range to whole days, startDate's
 * date from midnight to endDate's date at 23:59:59, and counts the limit in
 * those calendar dates: a range of 7 x 24 h that starts mid-day touches 8
 * dates and is refused.
 *
 * Transcripts: the path says `/transcripts/:callId`, but the article says the
 * transcript is fetched "using its message ID", found in the call log data,
 * and its example id (507f1f77bcf86cd799439011) is a 24-hex message id, not a
 * `call_…` id. So by default every call log carries a `messageId` and only
 * that id answers. Variants switch the other readings per test:
 * - 'transcript-key': 'message-id' (default), 'call-id' (only the call id
 *   answers, as the path's name says) or 'either';
 * - 'message-ids': 'all' (default), 'some' (about half the call logs carry
 *   one) or 'none' (the published PartnerCallLog interface, which has no such
 *   field).
 */
const APP_ID = 'app_sim_talentlynk';
const API_KEY = 'tl_sim_5f2c9a7e41b08d36c2e4a9f1';

const error = (status: number, message: string): SimResponse => json(status, { statusCode: status, message });

/** ISO datetime or date-only, as the docs allow, in Unix ms UTC; null when it does not parse. */
function parseDate(value: string, end: boolean): number | null {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(ms)) return null;
  return dateOnly && end ? ms + DAY_MS - 1 : ms;
}

const midnightOf = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * The whole UTC days asked for, [startMs, endMs] inclusive: from startDate's
 * date at midnight to the last millisecond of endDate's date, today (UTC) by
 * default. An error response when a date is invalid or the range covers more
 * calendar dates than `maxDays`.
 */
function range(request: SimRequest, context: VendorContext, maxDays: number, what: string): { startMs: number; endMs: number } | SimResponse {
  const today = midnightOf(context.nowMs);
  const start = request.query.get('startDate');
  const end = request.query.get('endDate');
  const startMs = start === null ? today : parseDate(start, false);
  const endMs = end === null ? today + DAY_MS - 1 : parseDate(end, true);
  if (startMs === null || endMs === null) return error(400, 'startDate and endDate must be ISO 8601 dates');
  if (endMs < startMs) return error(400, 'endDate must not be before startDate');
  const firstDay = midnightOf(startMs);
  const lastDay = midnightOf(endMs);
  if ((lastDay - firstDay) / DAY_MS + 1 > maxDays) return error(400, `Maximum ${maxDays} days of ${what} can be retrieved in a single request`);
  return { startMs: firstDay, endMs: lastDay + DAY_MS - 1 };
}

/**
 * The call's message id: 24 hex digits like the docs' example, shaped like a
 * MongoDB ObjectId (start time in seconds, 5 bytes from the call's id, the
 * call's index), so the simulator can find the call again without a table.
 */
export function talentlynkMessageId(call: SimCall): string {
  const seconds = Math.floor(call.startedAtMs / 1000)
    .toString(16)
    .padStart(8, '0')
    .slice(-8);
  const middle = (hashInt(call.id, 'message').toString(16).padStart(8, '0') + hashInt(call.id, 'message', 2).toString(16).padStart(8, '0')).slice(0, 10);
  return `${seconds}${middle}${call.index.toString(16).padStart(6, '0').slice(-6)}`;
}

function callByMessageId(dataset: Dataset, messageId: string): SimCall | undefined {
  if (!/^[0-9a-f]{24}$/.test(messageId)) return undefined;
  const call = dataset.calls[Number.parseInt(messageId.slice(18), 16)];
  return call && talentlynkMessageId(call) === messageId ? call : undefined;
}

/** Whether this call's log shows its message id, per the 'message-ids' variant. */
function showsMessageId(call: SimCall, context: VendorContext): boolean {
  const which = context.faults.variant('talentlynk', 'message-ids') ?? 'all';
  if (which === 'none') return false;
  return which === 'some' ? hashInt(call.id, 'shows-message') % 2 === 0 : true;
}

/** The call a transcript request names, by message id or call id as the 'transcript-key' variant allows. */
function transcriptCall(id: string, context: VendorContext): SimCall | undefined {
  const key = context.faults.variant('talentlynk', 'transcript-key') ?? 'message-id';
  const byMessage = key === 'call-id' ? undefined : callByMessageId(context.dataset, id);
  const byCall = key === 'message-id' || !id.startsWith('call_') ? undefined : context.dataset.callById(id.slice('call_'.length));
  return byMessage ?? byCall;
}

const STATUS: Record<SimCall['outcome'], string> = {
  answered: 'answered',
  missed: 'missed',
  no_answer: 'unanswered',
  voicemail: 'voicemail',
  busy: 'unanswered',
  failed: 'unanswered',
};

export function callLog(call: SimCall, dataset: Dataset, context: VendorContext): Record<string, unknown> {
  const user = dataset.users[call.userIndex];
  const outbound = call.direction === 'outbound';
  const log: Record<string, unknown> = {
    id: `call_${call.id}`,
    direction: call.direction,
    status: STATUS[call.outcome],
    fromName: outbound ? user?.name : call.contact.name,
    fromNumber: outbound ? user?.phone : call.contact.phone,
    toName: outbound ? call.contact.name : user?.name,
    toNumber: outbound ? call.contact.phone : user?.phone,
    startDate: iso(call.startedAtMs),
    endDate: iso(call.startedAtMs + call.totalSeconds * 1000),
    talkDuration: call.talkSeconds,
    totalDuration: call.totalSeconds,
    callRecordingUrl: call.talkSeconds > 0 ? `https://recordings.talentlynk.ai/call_${call.id}.mp3` : '',
    userEmail: user?.email,
    contactType: call.contact.type,
    syncedToCrm: hashInt(call.id, 'crm') % 4 !== 0,
    crmLabel: call.summary ? 'BD Call' : null,
    crmId: call.summary ? String(10000 + (hashInt(call.id) % 90000)) : null,
    summary: call.summary,
    hasTranscript: call.hasTranscript,
  };
  if (showsMessageId(call, context)) log.messageId = talentlynkMessageId(call);
  const breakage = context.faults.breakageOf('talentlynk', String(log.id));
  if (breakage === 'missing-field') delete log.startDate;
  if (breakage === 'wrong-type') log.talkDuration = 'seventy-four';
  return log;
}

/** Per user, per day: calls from the dataset; messaging counts made up deterministically. */
function activityRows(dataset: Dataset, startMs: number, endMs: number): Record<string, unknown>[] {
  const calls = dataset.callsBetween(startMs, endMs + 1);
  const firstDay = Math.floor(startMs / DAY_MS);
  const lastDay = Math.floor(endMs / DAY_MS);
  return dataset.users.map((user) => {
    const mine = calls.filter((c) => c.userIndex === user.index);
    const answered = (direction: SimCall['direction']) => mine.filter((c) => c.direction === direction && c.outcome === 'answered');
    let messaging = { smsIn: 0, smsOut: 0, credits: 0, waIn: 0, waOut: 0, mailIn: 0, mailOut: 0 };
    for (let day = firstDay; day <= lastDay; day++) {
      const h = (what: string, mod: number) => hashInt(user.id, day, what) % mod;
      messaging = {
        smsIn: messaging.smsIn + h('smsIn', 5),
        smsOut: messaging.smsOut + h('smsOut', 6),
        credits: messaging.credits + h('smsOut', 6) * 0.2,
        waIn: messaging.waIn + h('waIn', 6),
        waOut: messaging.waOut + h('waOut', 6),
        mailIn: messaging.mailIn + h('mailIn', 18),
        mailOut: messaging.mailOut + h('mailOut', 15),
      };
    }
    const summaries = mine.filter((c) => c.summary !== null);
    return {
      id: `user_${user.id}`,
      name: user.name,
      email: user.email,
      inboundCalls: answered('inbound').length,
      inboundSeconds: answered('inbound').reduce((s, c) => s + c.talkSeconds, 0),
      outboundCalls: answered('outbound').length,
      outboundSeconds: answered('outbound').reduce((s, c) => s + c.talkSeconds, 0),
      missedCalls: mine.filter((c) => c.outcome === 'missed').length,
      noAnswerCalls: mine.filter((c) => c.outcome === 'no_answer').length,
      callSummaries: summaries.length,
      callSummariesSynced: summaries.filter((c) => hashInt(c.id, 'crm') % 4 !== 0).length,
      inboundSMS: messaging.smsIn,
      outboundSMS: messaging.smsOut,
      spentSMSCredits: Math.round(messaging.credits * 10) / 10,
      inboundWhatsapp: messaging.waIn,
      outboundWhatsapp: messaging.waOut,
      inboundEmails: messaging.mailIn,
      outboundEmails: messaging.mailOut,
      transcriptionSeconds: mine.filter((c) => c.hasTranscript).reduce((s, c) => s + c.talkSeconds, 0),
    };
  });
}

/** Calls that ended in the last 10 minutes are still being transcribed. */
const PROCESSING_MS = 10 * 60_000;

export const talentlynkSim: SimVendor = {
  vendor: 'talentlynk',
  basePath: '/talentlynk/v1/partners',
  // Not published: the simulator holds TalentLynk to 120 requests a minute.
  rateLimit: { limit: 120, intervalMs: 60_000 },
  credentials: { apiKey: API_KEY, appId: APP_ID },
  authenticate(request) {
    const appId = headerOrQuery(request, 'x-app-id', 'appId');
    const key = headerOrQuery(request, 'x-api-key', 'apiKey');
    return appId === APP_ID && key === API_KEY ? null : error(401, 'Invalid appId or apiKey');
  },
  errorBody: (status, message) => ({ statusCode: status, message }),
  routes: [
    {
      method: 'GET',
      path: '/reports/call-logs',
      handle(request, context) {
        const window = range(request, context, 7, 'call logs');
        if ('status' in window) return window;
        const calls = context.dataset.callsBetween(window.startMs, window.endMs + 1);
        return json(
          200,
          calls.map((c) => callLog(c, context.dataset, context)),
        );
      },
    },
    {
      method: 'GET',
      path: '/reports/user-activity',
      handle(request, context) {
        const window = range(request, context, 31, 'user activity');
        if ('status' in window) return window;
        return json(200, activityRows(context.dataset, window.startMs, window.endMs));
      },
    },
    {
      method: 'GET',
      path: '/transcripts/:id',
      handle(request, context) {
        const call = transcriptCall(request.params.id ?? '', context);
        if (!call || !call.hasTranscript) return error(404, 'Transcript not found');
        const endedAtMs = call.startedAtMs + call.totalSeconds * 1000;
        // As on the vendor's other transcript page: the message id and when transcription was triggered.
        const base = { messageId: talentlynkMessageId(call), triggeredAt: iso(endedAtMs), createdAt: iso(call.startedAtMs), languageCode: 'en', error: null };
        if (context.faults.takeTranscriptHold('talentlynk', `call_${call.id}`) || context.nowMs - endedAtMs < PROCESSING_MS) {
          return json(200, { data: { ...base, status: 'processing' } });
        }
        const turns = context.dataset.transcriptOf(call);
        const label = (role: string) => (role === 'agent' ? 'A' : 'B');
        return json(200, {
          data: {
            ...base,
            status: 'completed',
            recruiter: 'A',
            utterances: turns.map((t) => ({ speaker: label(t.role), text: t.text, start: t.startMs, end: t.endMs, confidence: t.confidence })),
            conversation: turns.map((t) => `${label(t.role)}: ${t.text}`).join('\n'),
            duration: call.talkSeconds + 0.5,
            confidence: 0.94,
          },
        });
      },
    },
  ],
};
