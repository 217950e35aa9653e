/** Where a typed phrase occurs in a text, ignoring case: [start, end) pairs. Literal: no pattern syntax. */
export function findAll(text: string, phrase: string): [number, number][] {
  const needle = phrase.trim().toLocaleLowerCase();
  if (!needle) return [];
  const haystack = text.toLocaleLowerCase();
  const found: [number, number][] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) found.push([at, at + needle.length]);
  return found;
}

/** 0:07, 12:45, 1:02:03 from milliseconds into the call. */
export function offsetLabel(ms: number | null): string {
  if (ms === null) return '';
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
