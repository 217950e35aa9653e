/**
 * Conversation analytics: who talked how much in a call, worked out offline
 * from its stored transcript. One source for the figures' names, definitions
 * and method, read by the transcript reader, the activity workbook and screen.
 */

/**
 * What a call's amounts are measured in. 'timed' when the platform gives every
 * turn its start and end (milliseconds); 'words' when it gives text only.
 */
export const CONVERSATION_BASES = ['timed', 'words'] as const;
export type ConversationBasis = (typeof CONVERSATION_BASES)[number];
/** A person's basis: 'mixed' when some of their calls were timed and some words only. */
export type PersonConversationBasis = ConversationBasis | 'mixed';

/** One call's figures. Amounts are milliseconds when `basis` is 'timed', words when 'words'. */
export interface CallConversation {
  basis: ConversationBasis;
  /** Our side's (recruiter's or AI agent's) speaking time or words. */
  ourAmount: number;
  /** Our side's plus the contact's; turns of unknown speakers are in neither. */
  totalAmount: number;
  /** ourAmount / totalAmount; null when neither side said anything measurable. */
  talkShare: number | null;
  /** Our side's longest run of consecutive turns; null when our side never spoke. */
  longestMonologue: number | null;
  questionsAsked: number;
  /** The contact's longest run of consecutive turns; null when the contact never spoke. */
  contactLongestAnswer: number | null;
  /** Turns the platform attributed to neither side. */
  unknownTurns: number;
}

/**
 * One recruiter's or agent's figures over their calls in a range that have
 * conversation figures. Time and words are kept apart: they cannot be added.
 */
export interface PersonConversation {
  connectionId: number;
  userId: string | null;
  calls: number;
  timedCalls: number;
  wordCalls: number;
  basis: PersonConversationBasis;
  ourMs: number;
  totalMs: number;
  ourWords: number;
  totalWords: number;
  talkShare: number | null;
  longestMonologueMs: number | null;
  longestMonologueWords: number | null;
  questionsAsked: number;
  contactLongestAnswerMs: number | null;
  contactLongestAnswerWords: number | null;
}

/** The four figures, in the order every screen and workbook shows them, with their headers and definitions. */
export const CONVERSATION_METRICS = [
  {
    key: 'talkShare',
    label: 'Talk share',
    definition:
      "Our side's share of the talking: the recruiter's or AI agent's speaking time over both sides' speaking time " +
      '(words over words where the platform gives text only).',
  },
  {
    key: 'longestMonologue',
    label: 'Longest monologue',
    definition:
      'The longest stretch our side spoke without the contact speaking: consecutive turns by the recruiter or agent, ' +
      "from the first turn's start to the last turn's end (in words where the platform gives text only). A person's is their longest in any call.",
  },
  {
    key: 'questionsAsked',
    label: 'Questions asked',
    definition: "Our side's turns that end with a question mark (trailing spaces and closing quotes ignored), added up.",
  },
  {
    key: 'contactLongestAnswer',
    label: "Contact's longest answer",
    definition: 'The longest stretch the contact spoke without our side speaking: consecutive contact turns, measured like the longest monologue.',
  },
] as const;

export type ConversationMetric = (typeof CONVERSATION_METRICS)[number]['key'];

/** How the figures are made and where they fall short, in plain words: the workbook's About sheet prints these lines. */
export const CONVERSATION_METHOD: readonly string[] = [
  'Conversation figures come from the stored transcripts, offline. Calls without a transcript, test calls, and transcripts that name no side for any turn are left out.',
  "Our side is the recruiter or the voice-AI agent; the contact is the person on the other end. The platform's speaker labels say who is who.",
  'Timed: where the platform gives each turn its start and end, amounts are speaking time. Words: where it gives text only, amounts are words (counted between spaces), a stand-in for time, as people speak at different speeds.',
  "Mixed: for a person with both kinds of calls, talk share is the timed share and the words share averaged, weighted by each kind's number of calls; the longest monologue and answer are given in time and in words separately.",
  'Turns whose speaker the platform does not name count for neither side: they are left out of talk share, and they end a run, so a monologue with one in the middle counts as two.',
  "A run's length includes the pauses between its turns; talk share counts the turns only.",
  'Questions are counted by their question mark: one transcribed without it is missed, and a rhetorical one counts.',
];

/** Which basis a person's figures are on, from how many of their calls were timed and how many words only. */
export function basisOf(timedCalls: number, wordCalls: number): PersonConversationBasis {
  if (timedCalls && wordCalls) return 'mixed';
  return wordCalls ? 'words' : 'timed';
}

type TalkSums = Pick<PersonConversation, 'timedCalls' | 'wordCalls' | 'ourMs' | 'totalMs' | 'ourWords' | 'totalWords'>;

/**
 * Talk share from the sums: our amount over the total on one basis, or for a
 * mixed person the two bases' shares weighted by their numbers of calls.
 */
export function talkShareOf(sums: TalkSums): number | null {
  const parts = [
    { calls: sums.timedCalls, share: sums.totalMs > 0 ? sums.ourMs / sums.totalMs : null },
    { calls: sums.wordCalls, share: sums.totalWords > 0 ? sums.ourWords / sums.totalWords : null },
  ].filter((p): p is { calls: number; share: number } => p.calls > 0 && p.share !== null);
  // One basis: its share as it is (weighting it by its own calls would only add rounding).
  if (parts.length < 2) return parts[0]?.share ?? null;
  const calls = parts.reduce((n, p) => n + p.calls, 0);
  return parts.reduce((sum, p) => sum + p.share * p.calls, 0) / calls;
}

const maxOf = (values: (number | null)[]): number | null => values.reduce<number | null>((m, v) => (v === null ? m : m === null ? v : Math.max(m, v)), null);

/** Everyone's figures together (a totals row): sums and longest runs, the share worked out again from the sums. */
export function conversationTotal(rows: readonly PersonConversation[]): Omit<PersonConversation, 'connectionId' | 'userId'> {
  const sum = (key: 'calls' | 'timedCalls' | 'wordCalls' | 'ourMs' | 'totalMs' | 'ourWords' | 'totalWords' | 'questionsAsked') =>
    rows.reduce((n, r) => n + r[key], 0);
  const sums = {
    timedCalls: sum('timedCalls'),
    wordCalls: sum('wordCalls'),
    ourMs: sum('ourMs'),
    totalMs: sum('totalMs'),
    ourWords: sum('ourWords'),
    totalWords: sum('totalWords'),
  };
  return {
    calls: sum('calls'),
    ...sums,
    basis: basisOf(sums.timedCalls, sums.wordCalls),
    talkShare: talkShareOf(sums),
    longestMonologueMs: maxOf(rows.map((r) => r.longestMonologueMs)),
    longestMonologueWords: maxOf(rows.map((r) => r.longestMonologueWords)),
    questionsAsked: sum('questionsAsked'),
    contactLongestAnswerMs: maxOf(rows.map((r) => r.contactLongestAnswerMs)),
    contactLongestAnswerWords: maxOf(rows.map((r) => r.contactLongestAnswerWords)),
  };
}
