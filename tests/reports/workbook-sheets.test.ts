/**
 * The report workbook's sheets, read back with openpyxl: a full sheet continued on "<name> (2)",
 * a text over Excel's cell limit continued in the rows below, sheet names made safe and unique,
 * info sheets, and a workbook with no sheet refused. Cells are in workbook-cells.test.ts, saving
 * the file in workbook-files.test.ts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizeSheetName, splitText } from '../../electron/reports/cells';
import { createReportWorkbook, type ReportColumn } from '../../electron/reports/workbook';
import { readXlsx, sheetValues } from '../helpers/openpyxl';
import { tempDir } from '../helpers/temp';
import { ZONE, entries } from './workbook-setup';

describe('form', () => {
  it('continues a full sheet on "<name> (2)", "(3)"… with the same header and form, losing and repeating no row', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'parts.xlsx');
    const book = await createReportWorkbook({ file, timeZone: ZONE, maxRowsPerSheet: 4 });
    const columns: ReportColumn[] = [
      { header: 'Id', kind: 'integer' },
      { header: 'Started', kind: 'dateTime' },
    ];
    const s = book.addSheet('Calls', columns);
    for (let id = 1; id <= 8; id++) await s.addRow([id, Date.UTC(2026, 6, 1, 12, id)]);
    await book.commit();

    const sheets = readXlsx(file);
    expect(sheets.map((x) => x.name)).toEqual(['Calls', 'Calls (2)', 'Calls (3)']);
    expect(sheets.map((x) => x.rows.length)).toEqual([4, 4, 3]);
    for (const part of sheets) {
      expect(part.rows[0]!.map((c) => [c.value, c.bold])).toEqual([
        ['Id', true],
        ['Started', true],
      ]);
      expect(part.frozen).toBe('A2');
      expect(part.autoFilter).toBe(`A1:B${part.rows.length}`);
      expect(part.widths).toEqual(sheets[0]!.widths);
      expect(part.rows.slice(1).every((row) => row[1]!.dataType === 'd' && row[0]!.horizontal === 'right')).toBe(true);
    }
    const ids = sheets.flatMap((part) => part.rows.slice(1).map((row) => row[0]!.value));
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('continues a text over 32,767 characters in the rows below, exactly, with the other cells empty', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'long.xlsx');
    const book = await createReportWorkbook({ file, timeZone: ZONE });
    const s = book.addSheet('Transcripts', [
      { header: 'Call', kind: 'integer' },
      { header: 'Transcript', kind: 'text' },
      { header: 'Words', kind: 'integer' },
    ]);
    // Every position distinct enough that a dropped, repeated or reordered piece shows.
    const transcript = Array.from({ length: 10_000 }, (_, i) => `w${String(i).padStart(4, '0')}\u00e9 `).join('');
    expect(transcript.length).toBe(70_000);
    await s.addRow([1, transcript, 7000]);
    await s.addRow([2, 'short', 1]);
    await book.commit();

    const [only] = readXlsx(file);
    const values = sheetValues(only!);
    expect(values.length).toBe(1 + 3 + 1);
    expect(values[1]![0]).toBe(1);
    expect(values[1]![2]).toBe(7000);
    expect(values.slice(2, 4)).toEqual([
      [null, expect.any(String), null],
      [null, expect.any(String), null],
    ]);
    const pieces = values.slice(1, 4).map((row) => row[1] as string);
    expect(pieces.map((p) => p.length)).toEqual([32_767, 32_767, 70_000 - 2 * 32_767]);
    expect(pieces.join('')).toBe(transcript);
    expect(values[4]).toEqual([2, 'short', 1]);
  });

  it('keeps the pieces of a long text on one sheet: a row that does not fit starts the next part', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'together.xlsx');
    const book = await createReportWorkbook({ file, timeZone: ZONE, maxRowsPerSheet: 3 });
    const s = book.addSheet('Notes', [
      { header: 'Id', kind: 'integer' },
      { header: 'Note', kind: 'text' },
    ]);
    const long = 'ab'.repeat(20_000);
    await s.addRow([1, 'short']);
    await s.addRow([2, long]);
    await s.addRow([3, 'last']);
    await book.commit();

    const sheets = readXlsx(file);
    expect(sheets.map((x) => x.name)).toEqual(['Notes', 'Notes (2)', 'Notes (3)']);
    const [first, second, third] = sheets.map(sheetValues);
    expect(first).toEqual([
      ['Id', 'Note'],
      [1, 'short'],
    ]);
    expect(second!.map((row) => row[0])).toEqual(['Id', 2, null]);
    expect(
      second!
        .slice(1)
        .map((row) => row[1])
        .join(''),
    ).toBe(long);
    expect(third).toEqual([
      ['Id', 'Note'],
      [3, 'last'],
    ]);
  });

  it('splits text without breaking a surrogate pair', () => {
    const text = `${'a'.repeat(32_766)}😀b`;
    const pieces = splitText(text);
    expect(pieces.map((p) => p.length)).toEqual([32_766, 3]);
    expect(pieces.join('')).toBe(text);
  });

  it('sanitises sheet names: no []:*?/\\, at most 31 characters, unique, suffixes that fit', async () => {
    expect(sanitizeSheetName('Calls: 2026/10 [all] *?\\')).toBe('Calls- 2026-10 -all- ---');
    expect(sanitizeSheetName("'quoted'")).toBe('quoted');
    expect(sanitizeSheetName('  ')).toBe('Sheet');

    const dir = tempDir();
    const file = path.join(dir, 'names.xlsx');
    const book = await createReportWorkbook({ file, timeZone: ZONE, maxRowsPerSheet: 2 });
    const long = 'Calls by agent and by connection for October';
    const a = book.addSheet(long, [{ header: 'N', kind: 'integer' }]);
    await a.addRow([1]);
    await a.addRow([2]);
    const b = book.addSheet('calls by agent and by connection for October', [{ header: 'N', kind: 'integer' }]);
    await b.addRow([3]);
    book.addSheet('Q4: a/b', [{ header: 'N', kind: 'integer' }]);
    book.addInfoSheet('About?', [['Time zone', ZONE]]);
    await book.commit();

    const names = readXlsx(file).map((s) => s.name);
    expect(names).toEqual(['Calls by agent and by connectio', 'Calls by agent and by conne (2)', 'calls by agent and by conne (3)', 'Q4- a-b', 'About-']);
    expect(a.name).toBe(names[0]);
    expect(b.name).toBe(names[2]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it('writes an info sheet of bold labels and values, and an empty sheet as its header alone', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'info.xlsx');
    const book = await createReportWorkbook({ file, timeZone: ZONE });
    book.addInfoSheet('About', [
      ['Report', 'Calls'],
      ['Time zone', ZONE],
      ['Rows', 0],
      ['Filter', null],
    ]);
    book.addSheet('Calls', [
      { header: 'Contact', kind: 'text' },
      { header: 'Started', kind: 'dateTime' },
    ]);
    await book.commit();

    const [about, calls] = readXlsx(file);
    expect(about!.name).toBe('About');
    expect(sheetValues(about!)).toEqual([
      ['Report', 'Calls'],
      ['Time zone', ZONE],
      ['Rows', 0],
      ['Filter', null],
    ]);
    expect(about!.rows.map((row) => row[0]!.bold)).toEqual([true, true, true, true]);
    expect(about!.frozen).toBeNull();
    expect(calls!.name).toBe('Calls');
    expect(sheetValues(calls!)).toEqual([['Contact', 'Started']]);
    expect(calls!.autoFilter).toBe('A1:B1');
  });

  it('refuses to save a workbook with no sheet, and leaves nothing', async () => {
    const dir = tempDir();
    const book = await createReportWorkbook({ file: path.join(dir, 'none.xlsx'), timeZone: ZONE });
    await expect(book.commit()).rejects.toThrow('A report needs at least one sheet.');
    expect(entries(dir)).toEqual([]);
  });
});
