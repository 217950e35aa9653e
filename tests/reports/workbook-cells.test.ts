/**
 * The report workbook's cells, read back with openpyxl: typed and formatted values (dates in the
 * report's zone across DST, durations that sum, numbers, booleans, empty cells), column widths,
 * values of the wrong kind refused, and characters XML cannot hold stripped. Sheets are in
 * workbook-sheets.test.ts, saving the file in workbook-files.test.ts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReportWorkbook, type ReportColumn, type ReportWorkbook } from '../../electron/reports/workbook';
import { readXlsx, sheetValues } from '../helpers/openpyxl';
import { tempDir } from '../helpers/temp';
import { ZONE, entries } from './workbook-setup';

describe('typed, formatted cells', () => {
  const columns: ReportColumn[] = [
    { header: 'Contact', kind: 'text' },
    { header: 'Started', kind: 'dateTime' },
    { header: 'Day', kind: 'date' },
    { header: 'Duration', kind: 'duration' },
    { header: 'Calls', kind: 'integer' },
    { header: 'Cost', kind: 'decimal' },
    { header: 'Answered', kind: 'percent' },
    { header: 'Transcript available', kind: 'boolean' },
  ];

  it('writes real dates in the chosen zone (both sides of DST), durations that sum, numbers right-aligned, null as empty', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'calls.xlsx');
    const book = await createReportWorkbook({ file, timeZone: ZONE });
    const calls = book.addSheet('Calls', columns);
    // Spring: clocks go 01:00 GMT → 02:00 BST on 2026-03-29. Autumn: 02:00 BST →
    // 01:00 GMT on 2026-10-25, so two instants an hour apart both read 01:30.
    const rows: Parameters<typeof calls.addRow>[0][] = [
      ['Ada', Date.UTC(2026, 2, 29, 0, 30), Date.UTC(2026, 2, 29, 0, 30), 59, 1, 0.5, 0.25, true],
      ['Bo', Date.UTC(2026, 2, 29, 1, 30), Date.UTC(2026, 5, 30, 23, 30), 3600, 12, 1234.56, 1, false],
      ['Cy', Date.UTC(2026, 9, 25, 0, 30), '2026-02-28', 86_399, 1_000_000, -3.25, 0, true],
      ['Di', Date.UTC(2026, 9, 25, 1, 30), Date.UTC(2026, 9, 25, 23, 30), 90_061, 0, 0, 0.123, false],
      [null, null, null, null, null, null, null, null],
      ['Ed', Date.UTC(2026, 0, 15, 9, 5, 7), Date.UTC(2026, 0, 15, 9, 5, 7), 1, 7, 7.5, 0.5, null],
    ];
    for (const row of rows) await calls.addRow(row);
    await book.commit();

    expect(entries(dir)).toEqual(['calls.xlsx']);
    const [only, ...others] = readXlsx(file);
    expect(others).toEqual([]);
    expect(only!.name).toBe('Calls');
    const [header, ...data] = only!.rows;

    // The header row: the headers, bold, on a fill, numbers' headers aligned with them.
    expect(header!.map((c) => c.value)).toEqual(columns.map((c) => c.header));
    expect(header!.every((c) => c.bold && c.fill !== null)).toBe(true);
    expect(header!.map((c) => c.horizontal)).toEqual([null, 'right', 'right', 'right', 'right', 'right', 'right', null]);
    expect(only!.frozen).toBe('A2');
    expect(only!.autoFilter).toBe('A1:H7');

    expect(sheetValues(only!).slice(1)).toEqual([
      ['Ada', { datetime: '2026-03-29T00:30:00' }, { datetime: '2026-03-29T00:00:00' }, { timedeltaSeconds: 59 }, 1, 0.5, 0.25, 'yes'],
      ['Bo', { datetime: '2026-03-29T02:30:00' }, { datetime: '2026-07-01T00:00:00' }, { timedeltaSeconds: 3600 }, 12, 1234.56, 1, 'no'],
      ['Cy', { datetime: '2026-10-25T01:30:00' }, { datetime: '2026-02-28T00:00:00' }, { timedeltaSeconds: 86_399 }, 1_000_000, -3.25, 0, 'yes'],
      ['Di', { datetime: '2026-10-25T01:30:00' }, { datetime: '2026-10-25T00:00:00' }, { timedeltaSeconds: 90_061 }, 0, 0, 0.123, 'no'],
      [null, null, null, null, null, null, null, null],
      ['Ed', { datetime: '2026-01-15T09:05:07' }, { datetime: '2026-01-15T00:00:00' }, { timedeltaSeconds: 1 }, 7, 7.5, 0.5, null],
    ]);

    // Types and formats, column by column, on a full row.
    const ada = data[0]!;
    expect(ada.map((c) => c.dataType)).toEqual(['s', 'd', 'd', 'd', 'n', 'n', 'n', 's']);
    expect(ada.map((c) => c.numberFormat)).toEqual(['General', 'yyyy-mm-dd hh:mm', 'yyyy-mm-dd', '[h]:mm:ss', '#,##0', '#,##0.00', '0.0%', 'General']);
    expect(ada.map((c) => c.horizontal)).toEqual([null, 'right', 'right', 'right', 'right', 'right', 'right', null]);
    expect(ada.some((c) => c.bold)).toBe(false);

    // Durations are fractions of a day: their SUM is the total time, to the second.
    const durations = data.map((row) => row[3]!.value).filter((v) => v !== null);
    const total = durations.reduce<number>((sum, v) => sum + (v as { timedeltaSeconds: number }).timedeltaSeconds, 0);
    expect(total).toBe(59 + 3600 + 86_399 + 90_061 + 1);

    // Widths fit the header (bold, with a filter button) and the content, within a cap.
    for (const [letter, cell] of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((l, i) => [l, header![i]!] as const)) {
      const width = only!.widths[letter]!;
      expect(width).toBeGreaterThanOrEqual(String(cell.value).length + 2);
      expect(width).toBeLessThanOrEqual(60);
    }
    expect(only!.widths.B).toBeGreaterThanOrEqual('2026-03-29 00:30'.length);
    expect(only!.widths.F).toBeGreaterThanOrEqual('1,234.56'.length);
  });

  it("shows wall time in a zone whose change falls mid-hour (St John's: 02:00 NST = 05:30 UTC)", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'nl.xlsx');
    const book = await createReportWorkbook({ file, timeZone: 'America/St_Johns' });
    const s = book.addSheet('Calls', [{ header: 'Started', kind: 'dateTime' }]);
    for (const minute of [0, 15, 29, 30, 45]) await s.addRow([Date.UTC(2026, 2, 8, 5, minute)]);
    await book.commit();
    expect(sheetValues(readXlsx(file)[0]!).slice(1)).toEqual([
      [{ datetime: '2026-03-08T01:30:00' }],
      [{ datetime: '2026-03-08T01:45:00' }],
      [{ datetime: '2026-03-08T01:59:00' }],
      [{ datetime: '2026-03-08T03:00:00' }],
      [{ datetime: '2026-03-08T03:15:00' }],
    ]);
  });

  it('fits widths to the first rows, caps long text, and honours a given width', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'widths.xlsx');
    const book = await createReportWorkbook({ file, timeZone: ZONE });
    const s = book.addSheet('W', [
      { header: 'Id', kind: 'text' },
      { header: 'Summary', kind: 'text' },
      { header: 'Note', kind: 'text', width: 33 },
    ]);
    await s.addRow(['a-rather-long-identifier-of-30c', 'x'.repeat(500), 'n']);
    await book.commit();
    const [only] = readXlsx(file);
    expect(only!.widths.A).toBeGreaterThanOrEqual(31);
    expect(only!.widths.A).toBeLessThan(40);
    expect(only!.widths.B).toBe(60);
    expect(only!.widths.C).toBe(33);
  });

  it('rejects a value of the wrong kind naming the column, and leaves no file', async () => {
    const dir = tempDir();
    const book = await createReportWorkbook({ file: path.join(dir, 'bad.xlsx'), timeZone: ZONE });
    const s = book.addSheet('Calls', [
      { header: 'Contact', kind: 'text' },
      { header: 'Calls', kind: 'integer' },
    ]);
    await s.addRow(['Ada', 1]);
    await expect(s.addRow(['Bo', '2'])).rejects.toThrow('Column "Calls" (integer) cannot take a string.');
    expect(entries(dir)).toEqual([]);
    // The workbook is over: later calls fail with the same error, commit included.
    await expect(s.addRow(['Cy', 3])).rejects.toThrow(TypeError);
    await expect(book.commit()).rejects.toThrow(TypeError);
    await book.abort();
    expect(entries(dir)).toEqual([]);
  });

  it('rejects NaN, a malformed day and a row of the wrong length', async () => {
    const dir = tempDir();
    const make = async (): Promise<ReportWorkbook> => createReportWorkbook({ file: path.join(dir, 'x.xlsx'), timeZone: ZONE });
    const cols: ReportColumn[] = [
      { header: 'Day', kind: 'date' },
      { header: 'N', kind: 'decimal' },
    ];
    await expect((await make()).addSheet('S', cols).addRow([0, Number.NaN])).rejects.toThrow('Column "N" (decimal) cannot take NaN.');
    await expect((await make()).addSheet('S', cols).addRow(['2026-02-30', 1])).rejects.toThrow('YYYY-MM-DD');
    await expect((await make()).addSheet('S', cols).addRow([0])).rejects.toThrow('has 2 columns; a row had 1 values');
    expect(entries(dir)).toEqual([]);
  });

  it('refuses an unknown time zone before creating anything', async () => {
    const dir = tempDir();
    await expect(createReportWorkbook({ file: path.join(dir, 'x.xlsx'), timeZone: 'Europe/Londn' })).rejects.toThrow('Unknown time zone "Europe/Londn".');
    expect(entries(dir)).toEqual([]);
  });
});

describe('characters XML cannot hold', () => {
  /** The C0 controls XML 1.0 refuses: all but tab, newline and carriage return. */
  const C0 = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code))
    .filter((c) => !['\t', '\n', '\r'].includes(c))
    .join('');
  /**
   * Every other kind XML 1.0 refuses: the two non-characters, and surrogates
   * not in a pair: lows alone, a low before a high (a reversed pair), highs
   * alone and, at the end of a text, a high with nothing after it.
   */
  const OTHERS = ['\uFFFE', '\uFFFF', '\uDFFF', '\uDC00', '\uD800', '\uDBFF'];
  const dirty = (text: string) => [...text].map((char, i) => char + (i % 2 ? C0 : OTHERS.join(''))).join('');
  /** Characters XML holds that sit right beside the refused ones, and astral characters, which must survive. */
  const KEPT = 'Zoë 😀 𝄞 名 \uD7FF\uE000\uFFFD\u{10FFFF}';

  it('strips them from every cell, header, info line and sheet name: openpyxl opens the file and reads the rest exactly', async () => {
    expect(C0.length).toBe(29);
    const dir = tempDir();
    const file = path.join(dir, 'vendor-strings.xlsx');
    const book = await createReportWorkbook({ file, timeZone: ZONE });
    book.addInfoSheet(dirty('About'), [[dirty('Connection'), dirty(KEPT)]]);
    const calls = book.addSheet(dirty('Calls'), [
      { header: dirty('Contact'), kind: 'text' },
      { header: 'Summary', kind: 'text' },
    ]);
    await calls.addRow([dirty(KEPT), `line one\tcolumn\nline two${OTHERS.join('')}`]);
    // Removed before the text is cut at Excel's limit, so no empty piece continues it below.
    await calls.addRow(['last', `${'a'.repeat(32_767)}\uFFFE\uFFFF`]);
    await book.commit();

    const [about, sheet] = readXlsx(file);
    expect(about!.name).toBe('About');
    expect(sheetValues(about!)).toEqual([['Connection', KEPT]]);
    expect(sheet!.name).toBe('Calls');
    expect(calls.name).toBe('Calls');
    expect(sheetValues(sheet!)).toEqual([
      ['Contact', 'Summary'],
      [KEPT, 'line one\tcolumn\nline two'],
      ['last', 'a'.repeat(32_767)],
    ]);
  });
});
