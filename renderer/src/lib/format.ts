import { DateTime } from 'luxon';

/**
 * Dates, times, durations and numbers as this user reads them: their locale's
 * conventions, in the time zone chosen in Settings (the computer's by default).
 */
const locale = (): string => navigator.language || 'en-GB';

const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(), { timeZone, ...options });
    cache.set(key, format);
  }
  return format;
}

export const formatDateTime = (ms: number | null, timeZone: string): string =>
  ms === null ? '' : dateFormat(timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

export const formatTime = (ms: number, timeZone: string): string => dateFormat(timeZone, { timeStyle: 'short' }).format(ms);

/** A YYYY-MM-DD day as the user writes dates (the day itself, no zone shift). */
export const formatDay = (day: string): string => dateFormat('UTC', { dateStyle: 'medium' }).format(Date.parse(`${day}T00:00:00Z`));

/** 0:42, 12:05, 1:02:09 — as a call timer shows it. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** One formatter per kind: making an Intl.NumberFormat costs more than a table's worth of formatting with it. */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(kind: 'number' | 'percent'): Intl.NumberFormat {
  const key = `${locale()}|${kind}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(), kind === 'percent' ? { style: 'percent', maximumFractionDigits: 0 } : {});
    numberFormats.set(key, format);
  }
  return format;
}

export const formatNumber = (n: number | null): string => (n === null ? '—' : numberFormat('number').format(n));

export const formatPercent = (share: number | null): string => (share === null ? '—' : numberFormat('percent').format(share));

/** The day (YYYY-MM-DD) an instant falls on in a zone. */
export const dayInZone = (ms: number, timeZone: string): string => DateTime.fromMillis(ms, { zone: timeZone }).toISODate() ?? '';

export const daysBefore = (day: string, days: number): string => DateTime.fromISO(day, { zone: 'UTC' }).minus({ days }).toISODate() ?? day;

/** The instant a local day starts in a zone (midnight, or when a DST change makes it start). */
export const startOfDayInZone = (day: string, timeZone: string): number => DateTime.fromISO(day, { zone: timeZone }).startOf('day').toMillis();

/** "just now", "4 min ago", "3 hr ago", "2 days ago": how long ago, in the user's words. */
export function formatRelative(ms: number, nowMs: number): string {
  const seconds = Math.max(0, (nowMs - ms) / 1000);
  if (seconds < 60) return 'just now';
  const words = new Intl.RelativeTimeFormat(locale(), { numeric: 'always', style: 'short' });
  if (seconds < 3_600) return words.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return words.format(-Math.floor(seconds / 3_600), 'hour');
  return words.format(-Math.floor(seconds / 86_400), 'day');
}

/** " Europe/London" after a time shown in a zone other than this computer's, else nothing. */
export const zoneLabel = (timeZone: string, computerZone: string): string => (sameZone(timeZone, computerZone) ? '' : ` ${timeZone}`);

/** "(Europe/London)": the zone said beside a time the user sets (a schedule's time) or under a header. */
export const zoneNote = (timeZone: string): string => `(${timeZone})`;

/**
 * "Date (Europe/London)": a column of times names its zone in the header, always,
 * so its cells can stay short and a reader never has to guess which zone they are in.
 */
export const zoneHeading = (label: string, timeZone: string): string => `${label} ${zoneNote(timeZone)}`;

/** "UTC" and "Etc/UTC", or a zone and its old alias, are one zone. */
const sameZone = (a: string, b: string): boolean =>
  a === b ||
  new Intl.DateTimeFormat('en', { timeZone: a }).resolvedOptions().timeZone === new Intl.DateTimeFormat('en', { timeZone: b }).resolvedOptions().timeZone;
