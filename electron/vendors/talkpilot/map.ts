import type { CallFields, CallStatus } from '../../../shared/calls';
import type { SpeakerRole, TranscriptFields } from '../../../shared/transcripts';
import { describeIssue, isoOrNullToMs, isoToMs, textOrNull } from '../records';
import { TranscriptMessagesSchema, type AgentRecord, type CallRecord, type TranscriptMessage } from './schemas';

/** "Signed URL to call recording (expires after 1 hour)". */
export const RECORDING_LINK_MS = 60 * 60_000;

/** An agent as calls refer to it. The name and line are unknown when the agents were configured by id rather than listed. */
export interface Agent {
  id: string;
  name: string | null;
  phoneNumber: string | null;
}

export const mapAgent = (record: AgentRecord): Agent => ({
  id: record.id,
  name: textOrNull(record.name),
  phoneNumber: textOrNull(record.phone_number),
});

export interface CallContext {
  /** The agent whose calls were asked for. */
  agent: Agent;
  /** When the record was received: signed recording links expire an hour later. */
  nowMs: number;
}

/** "user_hangup, call_transfer, agent_hangup". */
const DOCUMENTED_REASONS = new Set(['user_hangup', 'call_transfer', 'agent_hangup']);

/**
 * The outcome, from what the call record says about the call itself. `done` is
 * not part of it: it is staff's "processed" tick in the back office (kept as
 * `isProcessed`), and every call in the list has ended. An AI agent picks up
 * every call, so:
 * - answered: the agent and the caller spoke (a duration above 0), whether or
 *   not the call reached its goal (`general_success`, kept in `vendorStatus`)
 *   and however it ended (`user_hangup`, `agent_hangup`, `call_transfer`);
 * - missed: a 0-second call, the caller gone before a word was said: it counts
 *   against the answer rate as an unanswered call would;
 * - failed: an ending the docs do not list that names an error or a failure
 *   (the call broke down rather than being hung up);
 * - unknown: no duration and nothing else to go on.
 */
function statusOf(record: CallRecord): CallStatus {
  const reason = textOrNull(record.disconnection_reason)?.toLowerCase() ?? null;
  if (reason !== null && !DOCUMENTED_REASONS.has(reason) && /error|fail/.test(reason)) return 'failed';
  if (record.duration === null || record.duration === undefined) return record.general_success === true ? 'answered' : 'unknown';
  return record.duration > 0 ? 'answered' : 'missed';
}

/** The vendor's own outcome in its words, e.g. "successful, user_hangup"; success is unknown until its AI step has run. */
function vendorStatusOf(record: CallRecord): string | null {
  const outcome = record.general_success === true ? 'successful' : record.general_success === false ? 'unsuccessful' : null;
  const parts = [outcome, textOrNull(record.disconnection_reason)].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** The list never includes the transcript: it cannot say (null) unless the call is purged; the detail decides. */
function hasTranscript(record: CallRecord): boolean | null {
  if (record.is_purged === true) return false;
  if (record.transcript === undefined) return null;
  return typeof record.transcript === 'string' ? record.transcript.trim() !== '' : record.transcript !== null;
}

/**
 * A call in the normalized shape. TalkPilot has no direction: its docs call the
 * other party "the caller" throughout (phone_number is the caller's number), so
 * calls are inbound. Purged calls lose their number and recording here too,
 * whatever the vendor sent.
 */
export function mapCall(record: CallRecord, raw: unknown, { agent, nowMs }: CallContext): CallFields {
  const startedAtMs = isoToMs(record.created_at, 'created_at');
  const seconds = record.duration === null || record.duration === undefined ? null : Math.round(record.duration);
  const purged = record.is_purged === true;
  const recordingUrl = purged ? null : textOrNull(record.audio_file_url);
  const agentId = textOrNull(record.agent_id) ?? agent.id;
  const known = agentId === agent.id ? agent : null;
  return {
    vendorCallId: record.id,
    direction: 'inbound',
    status: statusOf(record),
    vendorStatus: vendorStatusOf(record),
    startedAtMs,
    endedAtMs: seconds === null ? null : startedAtMs + seconds * 1000,
    // The agent answers at once, so the whole call is conversation.
    talkSeconds: seconds,
    totalSeconds: seconds,
    handlerKind: 'ai_agent',
    userId: agentId,
    userName: known?.name ?? null,
    userEmail: null,
    userNumber: known?.phoneNumber ?? null,
    contactName: textOrNull(record.customer_name),
    contactNumber: purged ? null : textOrNull(record.phone_number),
    contactType: null,
    summary: textOrNull(record.call_summary),
    score: record.final_score ?? null,
    sentiment: null,
    hasTranscript: hasTranscript(record),
    isPurged: purged,
    // Staff's tick, not the outcome: a call nobody has ticked is still a finished call.
    isProcessed: typeof record.done === 'boolean' ? record.done : null,
    isTest: false,
    deletedAtMs: isoOrNullToMs(record.deleted_at, 'deleted_at'),
    recordingUrl,
    recordingUrlExpiresAtMs: recordingUrl === null ? null : nowMs + RECORDING_LINK_MS,
    vendorUpdatedAtMs: isoOrNullToMs(record.updated_at, 'updated_at'),
    raw,
  };
}

const ROLES: Record<string, SpeakerRole> = { agent: 'agent', user: 'contact' };

const utteranceOf = (message: TranscriptMessage) => ({
  speaker: message.role,
  role: ROLES[message.role] ?? 'unknown',
  text: message.text,
  startMs: null,
  endMs: null,
  confidence: null,
});

type Parsed = { ok: true; messages: TranscriptMessage[] } | { ok: false; error: string };

function parseMessages(transcript: string | unknown[]): Parsed {
  let json: unknown = transcript;
  if (typeof transcript === 'string') {
    try {
      json = JSON.parse(transcript);
    } catch (error) {
      return { ok: false, error: `TalkPilot sent a transcript that is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
    }
  }
  const parsed = TranscriptMessagesSchema.safeParse(json);
  return parsed.success
    ? { ok: true, messages: parsed.data }
    : { ok: false, error: `TalkPilot sent a transcript in an unknown shape (${describeIssue(parsed.error)}).` };
}

/**
 * The detail's transcript, or null when there is none. A transcript that cannot
 * be read is kept as an error transcript, with the text as received in `raw`,
 * so one bad call never stops a sync. TalkPilot gives no timings or confidence.
 */
export function mapTranscript(record: CallRecord): TranscriptFields | null {
  const transcript = record.transcript;
  if (transcript === null || transcript === undefined || (typeof transcript === 'string' && transcript.trim() === '')) return null;
  const base = { languageCode: null, confidence: null, durationSeconds: record.duration ?? null, raw: transcript };
  const parsed = parseMessages(transcript);
  if (!parsed.ok) return { ...base, status: 'error', error: parsed.error, utterances: [] };
  return { ...base, status: 'completed', error: null, utterances: parsed.messages.map(utteranceOf) };
}
