import { IANAZone } from 'luxon';
import { DAY_MS } from '../../shared/time';

/**
 * What a report column holds, and so how its cells are typed and shown in Excel.
 *
 * | kind       | give                                   | Excel gets                         |
 * |------------|----------------------------------------|------------------------------------|
 * | `text`     | string                                 | text (over 32,767 chars: next rows) |
 * | `integer`  | number                                 | number `#,##0`                      |
 * | `decimal`  | number                                 | number `#,##0.00`                   |
 * | `percent`  | number, a fraction (0.25 = 25 %)       | number `0.0%`                       |
 * | `change`   | number, a fraction (0.25 = 25 % up)    | number `+0.0%` / `-0.0%`            |
 * | `duration` | number of seconds                      | days `[h]:mm:ss` (SUM adds up)      |
 * | `dateTime` | Unix ms UTC                            | date-time `yyyy-mm-dd hh:mm`, wall clock in the zone |
 * | `date`     | Unix ms UTC, or a `YYYY-MM-DD` day     | date `yyyy-mm-dd` (the day in the zone) |
 * | `boolean`  | boolean                                | text `yes` / `no`                   |
 *
 * Booleans become "yes"/"no" text, not Excel TRUE/FALSE: the spec words the
 * column that way ("transcript available yes/no"), Excel shows TRUE/FALSE in the
 * user's language (WAHR/FALSCH…), and text filters and `COUNTIF(…,"yes")` work
 * the same either way. `null` is always an empty cell.
 */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'percent' | 'change' | 'duration' | 'dateTime' | 'date' | 'boolean';

export const COLUMN_KINDS: readonly ColumnKind[] = ['text', 'integer', 'decimal', 'percent', 'change', 'duration', 'dateTime', 'date', 'boolean'];

/** One value handed to `addRow`, checked against its column's kind. */
export type CellInput = string | number | boolean | null;

/** A value as exceljs takes it. */
export type CellValue = string | number | Date | null;

/** Excel's most characters in one cell. */
export const MAX_CELL_CHARS = 32_767;

/** Excel's most rows in one sheet (the header row included). */
export const EXCEL_MAX_ROWS = 1_048_576;

/** The widest a column is made from its content; the user can widen it. */
export const MAX_COLUMN_WIDTH = 60;
const MIN_COLUMN_WIDTH = 8;

const HOUR_MS = 3_600_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Wall-clock time in one IANA zone. Excel dates have no zone: a serial number is
 * read as wall-clock time. exceljs turns a JS Date into a serial from its UTC
 * fields, so we hand it a Date whose UTC fields are the wall time in the zone.
 * The offset comes from luxon (the IANA rules) for the instant itself, so both
 * sides of a daylight-saving change show what the clock showed then.
 */
export class WallClock {
  private readonly zone: IANAZone;
  /**
   * Offsets by UTC hour, for hours with one offset throughout. luxon asks Intl
   * for each offset (~6 µs: 3.5 s of a 600k-date report); rows come in time
   * order, so nearly every value hits. An hour whose ends differ holds a change
   * (St John's changes at 05:30 UTC): its instants are each looked up.
   */
  private readonly offsets = new Map<number, number>();

  /** Throws a RangeError for an unknown zone, so a typo fails before any row is written. */
  constructor(readonly timeZone: string) {
    this.zone = IANAZone.create(timeZone);
    if (!this.zone.isValid) throw new RangeError(`Unknown time zone "${timeZone}".`);
  }

  /** Unix ms whose UTC fields read as the wall time in the zone at `ms`. */
  wallMs(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      const first = this.zone.offset(hour * HOUR_MS);
      if (first !== this.zone.offset(hour * HOUR_MS + HOUR_MS - 1)) return ms + this.zone.offset(ms) * 60_000;
      if (this.offsets.size >= 100_000) this.offsets.clear();
      this.offsets.set(hour, first);
      offset = first;
    }
    return ms + offset * 60_000;
  }
}

function describe(value: CellInput): string {
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : String(value);
  return `a ${typeof value}`;
}

/**
 * Checks `value` against its column and converts it to what exceljs writes.
 * Text comes back as its pieces (more than one when it is over Excel's limit).
 * Errors name the column and the kind of value, never the value itself (it may
 * be a transcript or a phone number, and errors end up in logs).
 */
export function toCellValues(value: CellInput, kind: ColumnKind, header: string, clock: WallClock): CellValue[] {
  if (value === null) return [null];
  const wrong = (): TypeError => new TypeError(`Column "${header}" (${kind}) cannot take ${describe(value)}.`);
  const finite = (): number => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong();
    return value;
  };
  switch (kind) {
    case 'text':
      if (typeof value !== 'string') throw wrong();
      return textCells(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong();
      return [value ? 'yes' : 'no'];
    case 'date':
      if (typeof value === 'string') {
        const day = parseIsoDay(value);
        if (day === null) throw new TypeError(`Column "${header}" (date) takes Unix ms or a YYYY-MM-DD day.`);
        return [day];
      }
      return [new Date(Math.floor(clock.wallMs(finite()) / DAY_MS) * DAY_MS)];
    case 'dateTime':
      return [new Date(clock.wallMs(finite()))];
    case 'duration':
      // Excel durations are fractions of a day, so SUM gives the total time.
      return [finite() / 86_400];
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'change':
      return [finite()];
  }
}

function parseIsoDay(text: string): Date | null {
  const match = ISO_DAY.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over into March; a day that rolled is not a day.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/**
 * Characters XML 1.0 cannot hold (outside its `Char` production): C0 controls
 * other than tab, newline and carriage return, U+FFFE, U+FFFF, and surrogates
 * not in a pair. One of them in a vendor's string makes the sheet's XML
 * ill-formed: openpyxl refuses the file and Excel offers to "repair" it.
 * (exceljs drops C0 controls itself, but not the others.) With the `u` flag a
 * surrogate pair is one code point above U+FFFF (an emoji), which is kept.
 */
const NOT_XML_CHARS = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** `text` without the characters XML cannot hold (see above). */
export function xmlSafeText(text: string): string {
  return text.replace(NOT_XML_CHARS, '');
}

/**
 * Text as the cells that hold it: characters XML cannot hold removed, then cut
 * into pieces Excel can hold. Every text a workbook writes into a cell passes
 * through here (values, headers, info-sheet lines); sheet names go through
 * sanitizeSheetName, which removes the same characters.
 */
export function textCells(text: string): string[] {
  return splitText(xmlSafeText(text));
}

/**
 * Cuts text into pieces Excel can hold, never inside a surrogate pair, so the
 * pieces joined are exactly the text.
 */
export function splitText(text: string, max = MAX_CELL_CHARS): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + max, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/** Roughly how many characters `value` shows as in a column of `kind`. */
export function shownLength(value: CellValue, kind: ColumnKind): number {
  if (value === null) return 0;
  switch (kind) {
    case 'dateTime':
      return 16;
    case 'date':
      return 10;
    case 'text':
    case 'boolean':
      return typeof value === 'string' ? longestLine(value) : 0;
    case 'duration':
      return typeof value === 'number' ? String(Math.floor(Math.abs(value) * 24)).length + 6 + (value < 0 ? 1 : 0) : 0;
    case 'percent':
    case 'change':
      return typeof value === 'number' ? (value * 100).toFixed(1).length + (kind === 'change' ? 2 : 1) : 0;
    case 'integer':
    case 'decimal': {
      if (typeof value !== 'number') return 0;
      const digits = String(Math.trunc(Math.abs(value))).length;
      const grouped = digits + Math.floor((digits - 1) / 3) + (value < 0 ? 1 : 0);
      return kind === 'decimal' ? grouped + 3 : grouped;
    }
  }
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  // Only the shown part matters, and a 30k-char transcript should not be scanned whole.
  const end = Math.min(text.length, MAX_COLUMN_WIDTH * 4);
  for (let i = 0; i <= end; i++) {
    if (i === end || text.charCodeAt(i) === 10) {
      longest = Math.max(longest, i - start);
      start = i + 1;
    }
  }
  return longest;
}

/**
 * A column width (Excel's unit is about one digit of the default font) from the
 * header, which is bold and carries the filter button, and the widest content seen.
 */
export function columnWidth(header: string, widestContent: number): number {
  const forHeader = Math.ceil(header.length * 1.1) + 3;
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, forHeader, widestContent + 2));
}

const MAX_SHEET_NAME = 31;

/**
 * A name Excel accepts: no []:*?/\ (each becomes "-"), no control characters
 * or other characters XML cannot hold, no apostrophe first or last, not empty,
 * not Excel's reserved "History", and at most 31 characters (cut before a
 * suffix such as " (2)" so it still fits).
 */
export function sanitizeSheetName(name: string, suffix = ''): string {
  let clean = xmlSafeText(name)
    .replace(/[[\]:*?/\\]/g, '-')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (clean === '') clean = 'Sheet';
  if (clean.toLowerCase() === 'history') clean = `${clean} -`;
  const room = MAX_SHEET_NAME - suffix.length;
  if (clean.length > room) {
    let end = room;
    const last = clean.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    clean = clean.slice(0, end).trimEnd().replace(/'+$/, '');
  }
  return clean + suffix;
}
