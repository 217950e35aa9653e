import type { CallFields, CallStatus, Direction } from '../../../shared/calls';
import type { SpeakerRole, TranscriptFields, Utterance } from '../../../shared/transcripts';
import { isoOrNullToMs, isoToMs, textOrNull } from '../records';
import type { Call, CallDetail, TalknexUtterance } from './schemas';

/** Agent id → name, from GET /agents: calls name their agent by id only. */
export type AgentNames = ReadonlyMap<string, string>;

/** Keys are normalized (see statusKey). The docs show only "initiated"; the rest follow the Twilio lifecycle Talknex runs on. */
const STATUS: Record<string, CallStatus> = {
  completed: 'answered',
  no_answer: 'no_answer',
  busy: 'busy',
  failed: 'failed',
  canceled: 'missed',
  cancelled: 'missed',
  voicemail: 'voicemail',
  queued: 'in_progress',
  initiated: 'in_progress',
  ringing: 'in_progress',
  in_progress: 'in_progress',
};

/** "no-answer", "no_answer" and "No Answer" are one status. */
const statusKey = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

const direction = (value: string | null | undefined): Direction => (value === 'inbound' || value === 'outbound' ? value : 'unknown');

const ROLES: Record<string, SpeakerRole> = { agent: 'agent', caller: 'contact' };

/**
 * A call in the normalized shape. The agent is the "from" side of an outbound
 * call (POST /calls dials from the agent's number) and the "to" side of an
 * inbound one. `duration` is conversation time; the total runs from creation
 * to the end.
 */
export function mapCall(record: Call, raw: unknown, agentNames: AgentNames): CallFields {
  const dir = direction(record.direction);
  const agentIsFrom = dir !== 'inbound';
  const startedAtMs = isoToMs(record.createdAt, 'createdAt');
  const endedAtMs = isoOrNullToMs(record.endedAt, 'endedAt');
  const agentId = textOrNull(record.agentId);
  const status = STATUS[statusKey(record.status)] ?? 'unknown';
  return {
    vendorCallId: record.id,
    direction: dir,
    status,
    vendorStatus: record.status,
    startedAtMs,
    endedAtMs,
    talkSeconds: record.duration === null || record.duration === undefined ? null : Math.round(record.duration),
    totalSeconds: endedAtMs === null ? null : Math.max(0, Math.round((endedAtMs - startedAtMs) / 1000)),
    handlerKind: 'ai_agent',
    userId: agentId,
    userName: agentId === null ? null : (agentNames.get(agentId) ?? null),
    userEmail: null,
    userNumber: textOrNull(agentIsFrom ? record.from : record.to),
    contactName: textOrNull(record.contact?.name),
    contactNumber: textOrNull(agentIsFrom ? record.to : record.from),
    contactType: null,
    summary: textOrNull(record.summary),
    score: null,
    sentiment: textOrNull(record.sentiment),
    // The list does not say; any conversation time may have been transcribed, and fetchTranscript settles it.
    // A call nobody spoke on has none; a call still going on may yet have one; otherwise only the detail can say.
    hasTranscript: status === 'in_progress' || (record.duration ?? 0) > 0 ? null : false,
    isPurged: false,
    isTest: false,
    deletedAtMs: null,
    recordingUrl: textOrNull(record.recordingUrl),
    recordingUrlExpiresAtMs: null,
    vendorUpdatedAtMs: isoOrNullToMs(record.updatedAt, 'updatedAt'),
    raw,
  };
}

/** The call re-read from GET /calls/:id, which knows whether a transcript exists. */
export function mapCallDetail(detail: CallDetail, raw: unknown, agentNames: AgentNames): CallFields {
  return { ...mapCall(detail, raw, agentNames), hasTranscript: (detail.transcript?.length ?? 0) > 0 };
}

/** Before this (March 1973) a value is no Unix time but an offset into the call. */
const MIN_EPOCH_MS = 100_000_000_000;

/** Offsets from the call's start; a Unix-ms timestamp is turned into one. */
function offsetMs(value: number | null | undefined, startedAtMs: number): number | null {
  if (value === null || value === undefined) return null;
  return value >= MIN_EPOCH_MS ? value - startedAtMs : value;
}

function mapUtterance(turn: TalknexUtterance, startedAtMs: number): Utterance {
  const speaker = turn.role ?? turn.speaker ?? 'unknown';
  return {
    speaker,
    role: ROLES[speaker.toLowerCase()] ?? 'unknown',
    text: turn.text,
    startMs: offsetMs(turn.startMs ?? turn.timestamp, startedAtMs),
    endMs: offsetMs(turn.endMs, startedAtMs),
    confidence: null,
  };
}

/** The detail's transcript, or null when it has none (never made, or past the 90-day retention). */
export function mapTranscript(detail: CallDetail, startedAtMs: number): TranscriptFields | null {
  const turns = detail.transcript ?? [];
  if (turns.length === 0) return null;
  return {
    status: 'completed',
    languageCode: null,
    confidence: null,
    durationSeconds: detail.duration ?? null,
    error: null,
    utterances: turns.map((turn) => mapUtterance(turn, startedAtMs)),
    raw: detail.transcript,
  };
}
