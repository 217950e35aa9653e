import type { CallFields, CallStatus, Direction } from '../../../shared/calls';
import { isoOrNullToMs, isoToMs, textOrNull } from '../records';
import type { TalkoverAgent, TalkoverCall } from './schemas';

/**
 * Talkover's seven statuses in the shared set. "answered" and "completed" are
 * both a call someone picked up (the docs' own example shows a finished call
 * left at "answered"); "initiated" and "ringing" are not over yet.
 * "no-answer" depends on direction: see statusOf.
 */
const STATUS: Record<string, CallStatus> = {
  initiated: 'in_progress',
  ringing: 'in_progress',
  answered: 'answered',
  completed: 'answered',
  failed: 'failed',
  busy: 'busy',
};

const direction = (value: string): Direction => (value === 'inbound' || value === 'outbound' ? value : 'unknown');

/** An inbound call nobody answered was missed by us; an outbound one went unanswered by the contact. */
function statusOf(vendorStatus: string, dir: Direction): CallStatus {
  if (vendorStatus === 'no-answer') return dir === 'inbound' ? 'missed' : 'no_answer';
  return STATUS[vendorStatus] ?? 'unknown';
}

/** A call in the normalized shape. The agent's line is `from` on an outbound call and `to` on an inbound one. */
export function mapCall(call: TalkoverCall, raw: unknown): CallFields {
  const dir = direction(call.direction);
  const agentIsFrom = dir !== 'inbound';
  return {
    vendorCallId: call.id,
    direction: dir,
    status: statusOf(call.status, dir),
    vendorStatus: call.status,
    startedAtMs: isoToMs(call.created_at, 'created_at'),
    // Only one duration is given, and no end time: updated_at moves whenever the record does.
    endedAtMs: null,
    talkSeconds: call.duration === null || call.duration === undefined ? null : Math.round(call.duration),
    totalSeconds: null,
    handlerKind: 'ai_agent',
    userId: call.agent?.id ?? null,
    userName: call.agent ? agentName(call.agent) : null,
    userEmail: null,
    userNumber: textOrNull(agentIsFrom ? call.from : call.to),
    contactName: null,
    contactNumber: textOrNull(agentIsFrom ? call.to : call.from),
    contactType: null,
    summary: null,
    score: null,
    sentiment: null,
    // Transcripts leave Talkover by webhook only: there is nothing to fetch.
    hasTranscript: false,
    isPurged: false,
    isTest: call.is_testing === true,
    deletedAtMs: null,
    recordingUrl: null,
    recordingUrlExpiresAtMs: null,
    vendorUpdatedAtMs: isoOrNullToMs(call.updated_at, 'updated_at'),
    raw,
  };
}

/** The agent's name, else its label, else its id: something to show for every agent. */
export const agentName = (agent: TalkoverAgent): string => textOrNull(agent.name) ?? textOrNull(agent.label) ?? agent.id;
