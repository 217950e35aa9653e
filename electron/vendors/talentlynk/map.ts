import type { UserActivityFields } from '../../../shared/activity';
import type { CallFields, CallStatus, Direction } from '../../../shared/calls';
import type { TranscriptFields, TranscriptStatus } from '../../../shared/transcripts';
import { isoOrNullToMs, isoToMs, textOrNull } from '../records';
import type { CallLog, TranscriptResponse, UserActivityRecord } from './schemas';

const STATUS: Record<string, CallStatus> = {
  answered: 'answered',
  unanswered: 'no_answer',
  missed: 'missed',
  voicemail: 'voicemail',
  ongoing: 'in_progress',
};

const direction = (value: string): Direction => (value === 'inbound' || value === 'outbound' ? value : 'unknown');

/** A call log in the normalized shape. The recruiter is the "from" side of an outbound call and the "to" side of an inbound one. */
export function mapCallLog(log: CallLog, raw: unknown): CallFields {
  const dir = direction(log.direction);
  const recruiterIsFrom = dir !== 'inbound';
  return {
    vendorCallId: log.id,
    direction: dir,
    status: STATUS[log.status] ?? 'unknown',
    vendorStatus: log.status,
    startedAtMs: isoToMs(log.startDate, 'startDate'),
    endedAtMs: isoOrNullToMs(log.endDate, 'endDate'),
    talkSeconds: Math.round(log.talkDuration),
    totalSeconds: Math.round(log.totalDuration),
    handlerKind: 'recruiter',
    userId: textOrNull(log.userEmail),
    userName: textOrNull(recruiterIsFrom ? log.fromName : log.toName),
    userEmail: textOrNull(log.userEmail),
    userNumber: textOrNull(recruiterIsFrom ? log.fromNumber : log.toNumber),
    contactName: textOrNull(recruiterIsFrom ? log.toName : log.fromName),
    contactNumber: textOrNull(recruiterIsFrom ? log.toNumber : log.fromNumber),
    contactType: textOrNull(log.contactType),
    summary: textOrNull(log.summary),
    score: null,
    sentiment: null,
    // Optional in the interface: when absent, ask the transcript endpoint (a 404 then means none).
    hasTranscript: log.hasTranscript ?? log.talkDuration > 0,
    isPurged: false,
    isTest: false,
    deletedAtMs: null,
    recordingUrl: textOrNull(log.callRecordingUrl),
    recordingUrlExpiresAtMs: null,
    vendorUpdatedAtMs: null,
    raw,
  };
}

export function mapUserActivity(record: UserActivityRecord, day: string, raw: unknown): UserActivityFields {
  return {
    userId: record.id,
    day,
    userName: textOrNull(record.name),
    userEmail: textOrNull(record.email),
    inboundCalls: record.inboundCalls,
    inboundSeconds: record.inboundSeconds,
    outboundCalls: record.outboundCalls,
    outboundSeconds: record.outboundSeconds,
    missedCalls: record.missedCalls,
    noAnswerCalls: record.noAnswerCalls,
    callSummaries: record.callSummaries,
    callSummariesSynced: record.callSummariesSynced,
    // TalentLynk spells these its own way; ours is the one list's (shared/activity-metric-list.ts).
    inboundSms: record.inboundSMS,
    outboundSms: record.outboundSMS,
    spentSmsCredits: record.spentSMSCredits,
    inboundWhatsapp: record.inboundWhatsapp,
    outboundWhatsapp: record.outboundWhatsapp,
    inboundEmails: record.inboundEmails,
    outboundEmails: record.outboundEmails,
    transcriptionSeconds: record.transcriptionSeconds,
    raw,
  };
}

const TRANSCRIPT_STATUS: Record<string, TranscriptStatus> = { processing: 'processing', completed: 'completed', error: 'error' };

/** Utterances keep the vendor's speaker label; the role comes from `recruiter` when TalentLynk says which label is the recruiter. */
export function mapTranscript(response: TranscriptResponse): TranscriptFields {
  const data = response.data;
  const status = TRANSCRIPT_STATUS[data.status] ?? 'error';
  return {
    status,
    languageCode: textOrNull(data.languageCode),
    confidence: data.confidence ?? null,
    durationSeconds: data.duration ?? null,
    error: status === 'error' ? (textOrNull(data.error) ?? `TalentLynk transcript status "${data.status}"`) : null,
    utterances: (data.utterances ?? []).map((u) => ({
      speaker: u.speaker,
      role: data.recruiter ? (u.speaker === data.recruiter ? 'recruiter' : 'contact') : 'unknown',
      text: u.text,
      startMs: u.start ?? null,
      endMs: u.end ?? null,
      confidence: u.confidence ?? null,
    })),
    raw: response,
  };
}
