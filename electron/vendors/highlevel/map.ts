import type { CallFields, CallStatus } from '../../../shared/calls';
import type { SpeakerRole, TranscriptFields, Utterance } from '../../../shared/transcripts';
import type { VendorCall } from '../connector';
import { isoToMs, textOrNull } from '../records';
import { contactOf } from './extracted-data';
import type { CallLog } from './schemas';

/** Agent names by agent id, from the agents list; empty when the token may not read it. */
export type AgentNames = ReadonlyMap<string, string>;

const ROLE_OF_SPEAKER: Record<string, SpeakerRole> = { bot: 'agent', human: 'contact' };
/** A line that opens a turn: "bot: …" or "human: …", in any letter case. */
const TURN_START = /^\s*(bot|human)\s*:\s?(.*)$/i;

const utterance = (speaker: string, text: string): Utterance => ({
  speaker,
  role: ROLE_OF_SPEAKER[speaker.toLowerCase()] ?? 'unknown',
  text,
  // HighLevel's transcript is plain text: no timings, no confidence.
  startMs: null,
  endMs: null,
  confidence: null,
});

/**
 * Splits HighLevel's transcript text into turns. A line without a known prefix
 * belongs to the turn before it (the speaker's text had a line break), and keeps
 * that break; text before any prefix becomes a turn of an unknown speaker.
 */
export function parseTranscript(text: string): Utterance[] {
  const turns: Utterance[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trimEnd())) {
    const start = TURN_START.exec(line);
    if (start) {
      turns.push(utterance(start[1] ?? '', start[2] ?? ''));
      continue;
    }
    if (line.trim() === '') continue;
    const previous = turns.at(-1);
    if (previous) previous.text = previous.text === '' ? line : `${previous.text}\n${line}`;
    else turns.push(utterance('', line));
  }
  return turns;
}

/** The inline transcript, or undefined when the call has none (no text). */
export function mapTranscript(log: CallLog): TranscriptFields | undefined {
  const text = textOrNull(log.transcript);
  if (text === null) return undefined;
  return {
    status: 'completed',
    languageCode: null,
    confidence: null,
    // The transcript covers the whole call.
    durationSeconds: log.duration ?? null,
    error: null,
    utterances: parseTranscript(text),
    raw: { transcript: log.transcript, translation: log.translation ?? null },
  };
}

/**
 * HighLevel has no call status. A call log exists only once the agent took the
 * call, so any conversation (a duration or words said) means answered; a log
 * with neither could be a hang-up or a failed line, so we do not guess.
 */
function statusOf(seconds: number | null, hasTranscript: boolean): CallStatus {
  return (seconds ?? 0) > 0 || hasTranscript ? 'answered' : 'unknown';
}

/**
 * A call log in the normalized shape. The log says nothing about direction and
 * names only one number, `fromNumber`: the person the agent talked to (it
 * matches `extractedData.phoneNumber` in HighLevel's example), so it is the
 * contact's number and direction stays unknown. The contact's name is only
 * what the agent extracted, and the agent's name is not in the log: it comes
 * from /voice-ai/agents, read once per sync (`agentNames`).
 */
export function mapCallLog(log: CallLog, raw: unknown, agentNames: AgentNames): CallFields {
  const startedAtMs = isoToMs(log.createdAt, 'createdAt');
  const duration = log.duration ?? null;
  const seconds = duration === null ? null : Math.round(duration);
  const hasTranscript = textOrNull(log.transcript) !== null;
  const extracted = contactOf(log.extractedData);
  const agentId = textOrNull(log.agentId);
  return {
    vendorCallId: log.id,
    direction: 'unknown',
    status: statusOf(seconds, hasTranscript),
    vendorStatus: null,
    startedAtMs,
    endedAtMs: duration === null ? null : startedAtMs + Math.round(duration * 1000),
    // An AI agent answers at once: the one duration is both talk and total time.
    talkSeconds: seconds,
    totalSeconds: seconds,
    handlerKind: 'ai_agent',
    userId: agentId,
    // Null when the agents list could not be read: the calls table then shows the agent's id.
    userName: agentId === null ? null : (agentNames.get(agentId) ?? null),
    userEmail: null,
    userNumber: null,
    contactName: extracted.name,
    contactNumber: textOrNull(log.fromNumber) ?? extracted.number,
    // A trial call is the account's own staff testing the agent: marked so reports can leave it out.
    contactType: null,
    summary: textOrNull(log.summary),
    score: null,
    sentiment: null,
    hasTranscript,
    isPurged: false,
    isTest: log.trialCall === true,
    deletedAtMs: null,
    recordingUrl: null,
    recordingUrlExpiresAtMs: null,
    vendorUpdatedAtMs: null,
    raw,
  };
}

/** The call and, when it has text, its inline transcript. */
export function mapCallLogWithTranscript(log: CallLog, raw: unknown, agentNames: AgentNames): VendorCall {
  const call = mapCallLog(log, raw, agentNames);
  const transcript = mapTranscript(log);
  return transcript ? { call, transcript } : { call };
}
