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

export function parseSearchText(input: string): SearchText {
  const text = input.normalize('NFKC').trim();
  const words = quotedWords(text);
  const digits = text.replace(/\D/g, '');
  return {
    words: words.length ? words.join(' ') : null,
    digits: PHONE_LIKE.test(text) && digits.length >= MIN_DIGITS ? `"${digits}"` : null,
  };
}

/**
 * Each word typed as its own FTS5 phrase (`"word"` or `"prefix"*`). Their
 * conjunction is `SearchText.words`; ranking looks at them one by one.
 */
export function quotedWords(input: string): string[] {
  return input
    .normalize('NFKC')
    .trim()
    .split(/\s+/)
    .map(quoteWord)
    .filter((w): w is string => w !== null);
}

function quoteWord(raw: string): string | null {
  const prefix = raw.endsWith('*');
  // Keep only letters, digits and marks: what the unicode61 tokenizer would index anyway.
  const word = raw.replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ').trim();
  if (!word) return null;
  return `"${word.replace(/"/g, '""')}"${prefix ? '*' : ''}`;
}
