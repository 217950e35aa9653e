export const TRANSCRIPT_STATUSES = ['processing', 'completed', 'error'] as const;
export type TranscriptStatus = (typeof TRANSCRIPT_STATUSES)[number];

/** Whose turn it is: our side (recruiter or AI agent) or the person called. */
export const SPEAKER_ROLES = ['recruiter', 'agent', 'contact', 'unknown'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

export interface Utterance {
  /** The vendor's speaker label, e.g. "A", "agent", "bot". */
  speaker: string;
  role: SpeakerRole;
  text: string;
  /** Offsets from the start of the call, when the vendor gives them. */
  startMs: number | null;
  endMs: number | null;
  confidence: number | null;
}

/** A transcript as a connector hands it to the store. */
export interface TranscriptFields {
  status: TranscriptStatus;
  languageCode: string | null;
  confidence: number | null;
  durationSeconds: number | null;
  error: string | null;
  utterances: Utterance[];
  raw: unknown;
}

export interface Transcript extends Omit<TranscriptFields, 'raw'> {
  callId: number;
  fetchedAtMs: number;
}
