import { z } from 'zod';

/**
 * Trackers: named lists of words and phrases a manager wants to follow across
 * calls ("Right to work: visa, sponsorship, right to work"). A call hits a
 * tracker when one of its phrases is said in its transcript, on our side (a
 * recruiter's or AI agent's turn), the contact's, or both. Matching is by
 * whole words, whatever the case or accents, as the search index reads them.
 */

/** Our side of a call (a recruiter or an AI agent) or the person called. */
export const TRACKER_SIDES = ['ours', 'contact'] as const;
export type TrackerSide = (typeof TRACKER_SIDES)[number];

export const TRACKER_LIMITS = {
  nameLength: 60,
  phrases: 50,
  phraseLength: 80,
  /** Words in one phrase: a tracker follows words and short phrases, not sentences. */
  phraseWords: 8,
} as const;

export interface Tracker {
  id: number;
  name: string;
  phrases: string[];
  createdAtMs: number;
  updatedAtMs: number;
}

/**
 * Create (no id) or edit (id) a tracker. The bounds here only keep a request
 * sane: what a user may save is checked by `trackerProblem`, in plain words.
 */
export const TrackerSaveRequestSchema = z
  .object({
    id: z.number().int().positive().optional(),
    name: z.string().max(1_000),
    phrases: z.array(z.string().max(1_000)).max(1_000),
  })
  .strict();
export type TrackerSaveRequest = z.infer<typeof TrackerSaveRequestSchema>;

export const TrackerRemoveRequestSchema = z.object({ id: z.number().int().positive() }).strict();

/** Letters and digits: what the search index keeps of a phrase. */
const WORD = /[\p{L}\p{N}]+/gu;
export const phraseWords = (phrase: string): string[] => phrase.normalize('NFKC').match(WORD) ?? [];

/** Case and accents do not matter, to names as to phrases. */
export const foldedText = (text: string): string =>
  text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The phrases as they will be saved: trimmed, inner spaces collapsed, empty
 * entries dropped, repeats (in any case or accent form) kept once.
 */
export function tidyPhrases(phrases: readonly string[]): string[] {
  const seen = new Set<string>();
  const tidy: string[] = [];
  for (const raw of phrases) {
    const phrase = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
    if (!phrase) continue;
    const key = phraseWords(phrase).map(foldedText).join(' ') || foldedText(phrase);
    if (seen.has(key)) continue;
    seen.add(key);
    tidy.push(phrase);
  }
  return tidy;
}

/** A user's list as typed: entries separated by commas or new lines. */
export const splitPhrases = (text: string): string[] => tidyPhrases(text.split(/[,\n]/));

export interface TrackerProblem {
  field: 'name' | 'phrases';
  message: string;
}

/** What is wrong with a tracker as entered (after `tidyPhrases`), in words for the form; null when it can be saved. */
export function trackerProblem(input: { name: string; phrases: readonly string[] }): TrackerProblem | null {
  const name = input.name.trim();
  const { nameLength, phrases: maxPhrases, phraseLength, phraseWords: maxWords } = TRACKER_LIMITS;
  if (!name) return { field: 'name', message: 'Give the tracker a name, such as "Compensation".' };
  if (name.length > nameLength) return { field: 'name', message: `The name is ${name.length} characters long; keep it to ${nameLength}.` };
  const phrases = tidyPhrases(input.phrases);
  if (phrases.length === 0) return { field: 'phrases', message: 'Add at least one word or phrase to look for, such as "salary, pay, rate".' };
  if (phrases.length > maxPhrases)
    return { field: 'phrases', message: `A tracker can look for up to ${maxPhrases} words or phrases; this one has ${phrases.length}.` };
  for (const phrase of phrases) {
    if (phrase.length > phraseLength)
      return { field: 'phrases', message: `"${phrase.slice(0, 30)}…" is ${phrase.length} characters long; keep each phrase to ${phraseLength}.` };
    const words = phraseWords(phrase).length;
    if (words === 0) return { field: 'phrases', message: `"${phrase}" has no letters or digits to look for.` };
    if (words > maxWords)
      return { field: 'phrases', message: `"${phrase.slice(0, 30)}${phrase.length > 30 ? '…' : ''}" has ${words} words; keep each phrase to ${maxWords}.` };
  }
  return null;
}

/** How many of a person's calls in the range hit a tracker, and on which side. A call hit on both sides counts in both. */
export interface TrackerPersonCount {
  connectionId: number;
  /** The recruiter or agent, as in the activity rows; null for calls the vendor gave no one for. */
  userId: string | null;
  trackerId: number;
  calls: number;
  oursCalls: number;
  contactCalls: number;
}

/** The trackers a call hit, for the transcript reader. */
export interface CallTrackerHit {
  trackerId: number;
  name: string;
  sides: TrackerSide[];
}
