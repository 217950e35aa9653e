import type { CallStatus, Direction, HandlerKind } from './calls';
import type { SpeakerRole } from './transcripts';

/**
 * The words for a call's normalized outcome, direction and handler, as a
 * recruiter says them: the one source for the calls table, its filters, the
 * transcript reader, the About sheet's filter lines and every workbook.
 */
export const STATUS_WORDS: Readonly<Record<CallStatus, string>> = {
  answered: 'Answered',
  missed: 'Missed',
  no_answer: 'No answer',
  voicemail: 'Voicemail',
  busy: 'Busy',
  failed: 'Failed',
  in_progress: 'In progress',
  unknown: 'Unknown',
};

export const DIRECTION_WORDS: Readonly<Record<Direction, string>> = { inbound: 'Inbound', outbound: 'Outbound', unknown: 'Unknown' };

/** Who handled a call (or whose figures a row holds) on our side. */
export const HANDLER_WORDS: Readonly<Record<HandlerKind, string>> = { recruiter: 'Recruiter', ai_agent: 'AI agent' };

/** Whose turn it is in a transcript, for its lines. */
export const SPEAKER_ROLE_WORDS: Readonly<Record<SpeakerRole, string>> = { recruiter: 'Recruiter', agent: 'Agent', contact: 'Contact', unknown: 'Speaker' };
