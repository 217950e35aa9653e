import type { UserActivityFields } from '../../shared/activity';
import { ACTIVITY_METRICS } from '../../shared/activity-metric-list';
import type { CallFields } from '../../shared/calls';
import type { TranscriptFields } from '../../shared/transcripts';

const T0 = Date.UTC(2026, 9, 15, 9, 21, 34);

/** A TalentLynk-like answered outbound call; override what the test is about. */
export function makeCall(n: number, overrides: Partial<CallFields> = {}): CallFields {
  const startedAtMs = T0 + n * 60_000;
  return {
    vendorCallId: `call_${n}`,
    direction: n % 2 ? 'inbound' : 'outbound',
    status: 'answered',
    vendorStatus: 'answered',
    startedAtMs,
    endedAtMs: startedAtMs + 74_000,
    talkSeconds: 74,
    totalSeconds: 90,
    handlerKind: 'recruiter',
    userId: `user_${n % 3}`,
    userName: ['Jane Smith', 'Omar Haddad', 'Li Wei'][n % 3] ?? null,
    userEmail: `user${n % 3}@example.com`,
    userNumber: '+441234567890',
    contactName: `Contact Number${n}`,
    contactNumber: `+4478${String(90123456 + n).padStart(8, '0')}`,
    contactType: 'candidate',
    summary: `Follow-up call ${n} completed successfully.`,
    score: null,
    sentiment: null,
    hasTranscript: false,
    isPurged: false,
    isTest: false,
    isProcessed: null,
    deletedAtMs: null,
    recordingUrl: `https://recordings.example.com/call_${n}.mp3`,
    recordingUrlExpiresAtMs: null,
    vendorUpdatedAtMs: null,
    raw: { id: `call_${n}`, unknownVendorField: { kept: true } },
    ...overrides,
  };
}

export function makeTranscript(lines: [speaker: string, text: string][], overrides: Partial<TranscriptFields> = {}): TranscriptFields {
  return {
    status: 'completed',
    languageCode: 'en',
    confidence: 0.94,
    durationSeconds: 45.5,
    error: null,
    utterances: lines.map(([speaker, text], i) => ({
      speaker,
      role: speaker === 'A' ? 'recruiter' : 'contact',
      text,
      startMs: i * 2500,
      endMs: i * 2500 + 2000,
      confidence: 0.9,
    })),
    raw: { lines },
    ...overrides,
  };
}

export function makeActivity(userId: string, day: string, seed = 1): UserActivityFields {
  const metrics = Object.fromEntries(ACTIVITY_METRICS.map(({ key }, i) => [key, key === 'spentSmsCredits' ? seed * 0.8 : seed * (i + 1)])) as Record<
    (typeof ACTIVITY_METRICS)[number]['key'],
    number
  >;
  return { userId, day, userName: `Name of ${userId}`, userEmail: `${userId}@example.com`, raw: { userId, day }, ...metrics };
}
