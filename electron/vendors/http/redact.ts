/** What a scrubbed secret reads as. */
export const REDACTED = '***';

/**
 * The strings to scrub for one connection: the declared secrets, every auth
 * header value, and each long word of those values, so `Bearer <key>` is
 * caught even if only the header was declared and a vendor echoes the bare key.
 */
export function secretsOf(secrets: readonly string[], headers: Record<string, string>): string[] {
  const values = Object.values(headers);
  const words = values.flatMap((value) => value.split(/\s+/).filter((word) => word.length >= 8));
  return [...secrets, ...values, ...words];
}

/** Returns a function that replaces every secret in a text with `***`. */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  // Longest first, so a header value is replaced whole before the key inside it;
  // empty strings are skipped because they would match between every character.
  const ordered = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}
