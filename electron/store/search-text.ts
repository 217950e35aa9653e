/**
 * Turns what a person typed into safe FTS5 queries. Every word is quoted, so
 * any text (quotes, colons, AND, NEAR, stray brackets) is a valid query and
 * means only itself. A trailing `*` on a word keeps its prefix meaning.
 */
export interface SearchText {
  /** For `calls_fts` (names, summaries, transcripts); null when there is no word to look for. */
  words: string | null;
  /** For `call_numbers_fts`: the digits typed, when the text looks like (part of) a phone number. */
  digits: string | null;
}

const PHONE_LIKE = /^[\d\s+\-().]+$/;
/** The trigram tokenizer needs at least three characters to match anything. */
const MIN_DIGITS = 3;

/**
 * The indexed words each long prefix stands for (`interv` → interview,
 * interviewed, …), when there are few: see `store/prefix-terms.ts`.
 */
export type PrefixTerms = ReadonlyMap<string, readonly string[]>;

/** calls_fts keeps a prefix index of three letters (migration 6): longer prefixes are the slow ones. */
export const INDEXED_PREFIX_LENGTH = 3;

export function parseSearchText(input: string, terms?: PrefixTerms): SearchText {
  const text = input.normalize('NFKC').trim();
  const words = quotedWords(text, terms);
  const digits = text.replace(/\D/g, '');
  return {
    words: words.length ? words.join(' AND ') : null,
    digits: PHONE_LIKE.test(text) && digits.length >= MIN_DIGITS ? `"${digits}"` : null,
  };
}

/**
 * Each word typed as its own FTS5 phrase (`"word"` or `"prefix"*`). Their
 * conjunction is `SearchText.words`; ranking looks at them one by one.
 */
export function quotedWords(input: string, terms?: PrefixTerms): string[] {
  return input
    .normalize('NFKC')
    .trim()
    .split(/\s+/)
    .map((raw) => quoteWord(raw, terms))
    .filter((w): w is string => w !== null);
}

const quote = (word: string) => `"${word.replace(/"/g, '""')}"`;

/** The word as the index holds it: unicode61 with remove_diacritics lower-cases and drops accents. */
export const indexForm = (word: string): string =>
  word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** Letters, digits and marks only: what the unicode61 tokenizer would index anyway. */
const cleaned = (raw: string): string => raw.replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ').trim();

function quoteWord(raw: string, terms: PrefixTerms | undefined): string | null {
  const prefix = raw.endsWith('*');
  const word = cleaned(raw);
  if (!word) return null;
  const expanded = prefix ? terms?.get(indexForm(word)) : undefined;
  // The same calls as the prefix, but each term's list is read lazily, newest first,
  // instead of merged whole before the first row (~0.1 s for a common prefix on a million calls).
  if (expanded?.length) return expanded.length === 1 ? quote(expanded[0] ?? word) : `(${expanded.map(quote).join(' OR ')})`;
  return `${quote(word)}${prefix ? '*' : ''}`;
}

/** The prefixes typed (`interv*`) longer than the prefix index serves, in index form. */
export function longPrefixes(input: string): string[] {
  return input
    .normalize('NFKC')
    .trim()
    .split(/\s+/)
    .filter((raw) => raw.endsWith('*'))
    .map((raw) => indexForm(cleaned(raw)))
    .filter((word) => word.length > INDEXED_PREFIX_LENGTH && !word.includes(' '));
}
