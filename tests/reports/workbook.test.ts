import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizeSheetName, splitText } from '../../electron/reports/cells';
import { describeFileError } from '../../electron/reports/file';
import {
  ReportFileError,
  createReportWorkbook,
  type ReportColumn,
  type ReportWorkbook,
  WIDTH_SAMPLE_ROWS,
} from '../../electron/reports/workbook';
import { readXlsx, sheetValues } from '../helpers/openpyxl';
import { tempDir } from '../helpers/temp';
import { canMountTmpfs, mountTmpfs, unmount } from '../helpers/tmpfs';

const ZONE = 'Europe/London';

/** The folder's entries: proves nothing (no report, no temporary file) was left. */
function entries(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

async function expectFileError(promise: Promise<unknown>, problem: string, message: string | RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReportFileError);
  expect((error as ReportFileError).problem).toBe(problem);
  expect((error as ReportFileError).message).toMatch(message);
}


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
    expect(ada.map((c) => c.numberFormat)).toEqual([
      'General',
      'yyyy-mm-dd hh:mm',
      'yyyy-mm-dd',
      '[h]:mm:ss',
      '#,##0',
      '#,##0.00',
      '0.0%',
      'General',
    ]);
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

  it('shows wall time in a zone whose change falls mid-hour (St John\'s: 02:00 NST = 05:30 UTC)', async () => {
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
    const cols: ReportColumn[] = [{ header: 'Day', kind: 'date' }, { header: 'N', kind: 'decimal' }];
    await expect((await make()).addSheet('S', cols).addRow([0, Number.NaN])).rejects.toThrow('Column "N" (decimal) cannot take NaN.');
    await expect((await make()).addSheet('S', cols).addRow(['2026-02-30', 1])).rejects.toThrow('YYYY-MM-DD');
    await expect((await make()).addSheet('S', cols).addRow([0])).rejects.toThrow('has 2 columns; a row had 1 values');
    expect(entries(dir)).toEqual([]);
  });

  it('refuses an unknown time zone before creating anything', async () => {
    const dir = tempDir();
    await expect(createReportWorkbook({ file: path.join(dir, 'x.xlsx'), timeZone: 'Europe/Londn' })).rejects.toThrow(
      'Unknown time zone "Europe/Londn".',
    );
    expect(entries(dir)).toEqual([]);
  });
});

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
    expect(first).toEqual([['Id', 'Note'], [1, 'short']]);
    expect(second!.map((row) => row[0])).toEqual(['Id', 2, null]);
    expect(second!.slice(1).map((row) => row[1]).join('')).toBe(long);
    expect(third).toEqual([['Id', 'Note'], [3, 'last']]);
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
    expect(names).toEqual([
      'Calls by agent and by connectio',
      'Calls by agent and by conne (2)',
      'calls by agent and by conne (3)',
      'Q4- a-b',
      'About-',
    ]);
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

describe('files', () => {
  it('names a missing folder, and creates nothing', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'missing');
    await expectFileError(
      createReportWorkbook({ file: path.join(folder, 'r.xlsx'), timeZone: ZONE }),
      'folder_missing',
      `Cannot save the report: the folder "${folder}" does not exist.`,
    );
    expect(entries(dir)).toEqual([]);
  });

  it('names a "folder" that is a file (ENOTDIR, which fails even as root), and leaves it untouched', async () => {
    const dir = tempDir();
    const notFolder = path.join(dir, 'notes.txt');
    fs.writeFileSync(notFolder, 'keep');
    await expectFileError(
      createReportWorkbook({ file: path.join(notFolder, 'r.xlsx'), timeZone: ZONE }),
      'not_a_folder',
      `Cannot save the report: "${notFolder}" is not a folder.`,
    );
    expect(entries(dir)).toEqual(['notes.txt']);
    expect(fs.readFileSync(notFolder, 'utf8')).toBe('keep');
  });

  it('names a file name that is a folder (EISDIR), and writes nothing', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'report.xlsx');
    fs.mkdirSync(target);
    await expectFileError(
      createReportWorkbook({ file: target, timeZone: ZONE }),
      'is_a_folder',
      `Cannot save the report: "${target}" is a folder. Choose a file name.`,
    );
    expect(entries(dir)).toEqual(['report.xlsx']);
    expect(entries(target)).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('names a folder without write permission (chmod 555; root ignores it)', async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o555);
    try {
      await expectFileError(
        createReportWorkbook({ file: path.join(dir, 'r.xlsx'), timeZone: ZONE }),
        'permission_denied',
        `Cannot save the report: you do not have permission to save in the folder "${dir}".`,
      );
      expect(entries(dir)).toEqual([]);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });

  it.skipIf(!canMountTmpfs)('names a read-only disk (a read-only tmpfs, which stops root too)', async () => {
    const dir = mountTmpfs('ro,size=64k')!;
    try {
      await expectFileError(
        createReportWorkbook({ file: path.join(dir, 'r.xlsx'), timeZone: ZONE }),
        'read_only',
        `Cannot save the report: the folder "${dir}" is on a read-only disk.`,
      );
      expect(entries(dir)).toEqual([]);
    } finally {
      unmount(dir);
    }
  });

  it.skipIf(!canMountTmpfs)('stops on a full disk mid-write with a clear error, and leaves no file (a 256 KiB tmpfs)', async () => {
    const dir = mountTmpfs('size=256k')!;
    try {
      const book = await createReportWorkbook({ file: path.join(dir, 'big.xlsx'), timeZone: ZONE });
      const s = book.addSheet('Calls', [{ header: 'Noise', kind: 'text' }]);
      // Random text hardly compresses: 2 MB of it outgrows the 256 KiB disk mid-sheet.
      let written = 0;
      const failure = await (async () => {
        for (; written < 10_000; written++) await s.addRow([randomBytes(100).toString('hex')]);
        await book.commit();
      })().then(
        () => null,
        (e: unknown) => e,
      );
      // It surfaced from a waiting addRow, mid-sheet: the wait for exceljs's buffer woke up.
      expect(written).toBeLessThan(10_000);
      expect(failure).toBeInstanceOf(ReportFileError);
      expect((failure as ReportFileError).problem).toBe('disk_full');
      expect((failure as ReportFileError).message).toBe(
        `Cannot save the report: the disk is full (while writing "${path.join(dir, 'big.xlsx')}"). Free some space and try again.`,
      );
      expect(entries(dir)).toEqual([]);
    } finally {
      unmount(dir);
    }
  });

  it('words the errors only other systems produce (a file open in Excel, a full disk)', () => {
    const target = '/r/report.xlsx';
    const err = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
    const message = (code: string, stage: 'create' | 'write' | 'replace'): string =>
      (describeFileError(err(code), target, stage) as ReportFileError).message;
    const inUse = `Cannot save the report: "${target}" is open in another program or cannot be replaced. Close it and try again, or choose another name.`;
    expect(message('EPERM', 'replace')).toBe(inUse);
    expect(message('EACCES', 'replace')).toBe(inUse);
    expect(message('EBUSY', 'replace')).toBe(inUse);
    expect(message('EACCES', 'create')).toBe('Cannot save the report: you do not have permission to save in the folder "/r".');
    expect(message('ENOSPC', 'write')).toBe(
      'Cannot save the report: the disk is full (while writing "/r/report.xlsx"). Free some space and try again.',
    );
    expect((describeFileError(err('EPERM'), target, 'replace') as ReportFileError).cause).toBeInstanceOf(Error);
    const other = new TypeError('not a file error');
    expect(describeFileError(other, target, 'write')).toBe(other);
  });

  it('leaves an existing file as it was until the new one is complete, then replaces it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.xlsx');
    fs.writeFileSync(file, 'previous report');
    const columns: ReportColumn[] = [{ header: 'N', kind: 'integer' }];

    const abandoned = await createReportWorkbook({ file, timeZone: ZONE });
    await abandoned.addSheet('S', columns).addRow([1]);
    await abandoned.abort();
    expect(entries(dir)).toEqual(['report.xlsx']);
    expect(fs.readFileSync(file, 'utf8')).toBe('previous report');

    const book = await createReportWorkbook({ file, timeZone: ZONE });
    const s = book.addSheet('S', columns);
    for (let n = 1; n <= 300; n++) await s.addRow([n]);
    // Mid-write, only the temporary file is new; the chosen name still holds the old report.
    expect(entries(dir).length).toBe(2);
    expect(fs.readFileSync(file, 'utf8')).toBe('previous report');
    await book.commit();
    expect(entries(dir)).toEqual(['report.xlsx']);
    expect(readXlsx(file)[0]!.rows.length).toBe(301);
    // Once saved, abort() leaves the file alone.
    await book.abort();
    expect(entries(dir)).toEqual(['report.xlsx']);
  });

  it('stops on an abort signal mid-write: the pending addRow rejects, no file and no temporary file remain', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cancelled.xlsx');
    const controller = new AbortController();
    const book = await createReportWorkbook({ file, timeZone: ZONE, signal: controller.signal });
    const s = book.addSheet('Calls', [
      { header: 'Id', kind: 'integer' },
      { header: 'Summary', kind: 'text' },
    ]);
    // Abort from a timer, as a Cancel button would, while rows are being written.
    setTimeout(() => controller.abort(), 50);
    let written = 0;
    const failure = await (async () => {
      for (;;) {
        await s.addRow([written, `summary of call ${written} `.repeat(10)]);
        written += 1;
      }
    })().catch((e: unknown) => e);
    // Past the rows held back to fit widths, so the file was being streamed.
    expect(written).toBeGreaterThan(WIDTH_SAMPLE_ROWS);
    expect(failure).toBeInstanceOf(DOMException);
    expect((failure as DOMException).name).toBe('AbortError');
    expect(entries(dir)).toEqual([]);
    await expect(book.commit()).rejects.toThrow(/abort/i);
    expect(entries(dir)).toEqual([]);
  });

  it('abort() mid-write removes the temporary file and ends the workbook', async () => {
    const dir = tempDir();
    const book = await createReportWorkbook({ file: path.join(dir, 'r.xlsx'), timeZone: ZONE });
    const s = book.addSheet('Calls', [{ header: 'Id', kind: 'integer' }]);
    for (let n = 0; n < 500; n++) await s.addRow([n]);
    expect(entries(dir).length).toBe(1);
    await book.abort();
    expect(entries(dir)).toEqual([]);
    await expect(s.addRow([1])).rejects.toThrow('The report was cancelled.');
    await expect(book.commit()).rejects.toThrow('The report was cancelled.');
  });

  it('an already-aborted signal creates nothing', async () => {
    const dir = tempDir();
    await expect(
      createReportWorkbook({ file: path.join(dir, 'r.xlsx'), timeZone: ZONE, signal: AbortSignal.abort() }),
    ).rejects.toThrow(/abort/i);
    expect(entries(dir)).toEqual([]);
  });
});
