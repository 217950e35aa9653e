/**
 * Saving the report workbook: a missing folder, a "folder" that is a file, no permission, a
 * read-only or full disk, each named in plain words; an existing report kept until the new one
 * is complete; and cancelling (an abort signal, abort()) leaving no file behind. Cells and sheets
 * are in workbook-cells.test.ts and workbook-sheets.test.ts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFileError } from '../../electron/reports/file';
import { ReportFileError, createReportWorkbook, type ReportColumn, WIDTH_SAMPLE_ROWS } from '../../electron/reports/workbook';
import { readXlsx } from '../helpers/openpyxl';
import { tempDir } from '../helpers/temp';
import { canMountTmpfs, mountTmpfs, unmount } from '../helpers/tmpfs';
import { ZONE, entries } from './workbook-setup';

async function expectFileError(promise: Promise<unknown>, problem: string, message: string | RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReportFileError);
  expect((error as ReportFileError).problem).toBe(problem);
  expect((error as ReportFileError).message).toMatch(message);
}

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
    const message = (code: string, stage: 'create' | 'write' | 'replace'): string => (describeFileError(err(code), target, stage) as ReportFileError).message;
    const inUse = `Cannot save the report: "${target}" is open in another program or cannot be replaced. Close it and try again, or choose another name.`;
    expect(message('EPERM', 'replace')).toBe(inUse);
    expect(message('EACCES', 'replace')).toBe(inUse);
    expect(message('EBUSY', 'replace')).toBe(inUse);
    expect(message('EACCES', 'create')).toBe('Cannot save the report: you do not have permission to save in the folder "/r".');
    expect(message('ENOSPC', 'write')).toBe('Cannot save the report: the disk is full (while writing "/r/report.xlsx"). Free some space and try again.');
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
    await expect(createReportWorkbook({ file: path.join(dir, 'r.xlsx'), timeZone: ZONE, signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
    expect(entries(dir)).toEqual([]);
  });
});
