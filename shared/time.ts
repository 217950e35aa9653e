/**
 * One UTC day in milliseconds. Stored times are Unix epoch ms in UTC (`*_ms`), where every day
 * is this long; a day in the user's zone can be 23 or 25 hours, so count those with Luxon.
 */
export const DAY_MS = 86_400_000;
