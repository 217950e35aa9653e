/**
 * The report workbook writer: typed, formatted sheets streamed to an .xlsx file
 * with flat memory, saved under the chosen name only when complete.
 *
 * ```ts
 * const book = await createReportWorkbook({ file, timeZone: 'Europe/London', signal });
 * try {
 *   const calls = book.addSheet('Calls', [
 *     { header: 'Started', kind: 'dateTime' },
 *     { header: 'Duration', kind: 'duration' },
 *   ]);
 *   for (const call of rows) await calls.addRow([call.started_at_ms, call.duration_s]);
 *   book.addInfoSheet('About', [['Time zone', 'Europe/London']]);
 *   await book.commit();
 * } catch (error) {
 *   await book.abort(); // a no-op when the writer has already cleaned up
 *   throw error;
 * }
 * ```
 *
 * Why memory grew, and what this file does about it. Measured by hand on 200k
 * rows × 16 typed columns (exceljs 4.4.0, Node 22, peak RSS from the kernel):
 * this writer 8–10 s and 152 MiB (116 MiB at 20k rows, 155 MiB at 600k: flat);
 * without fixes 1 and 2, 16 s and 318 MiB.
 *
 * 1. No backpressure inside exceljs: the main cost. Each worksheet writes into
 *    a StreamBuf that archiver wraps in a PassThrough (archiver-utils
 *    normalizeInputSource). StreamBuf.write() hands 64 KiB batches to that
 *    PassThrough without looking at write()'s result, and itself always returns
 *    true; Row.commit() returns nothing. Only archiver → file stream is a real
 *    pipe with backpressure, so waiting for 'drain' on the file stream does
 *    nothing: it never fills. Rows added faster than zlib and the disk take them
 *    (better-sqlite3 iterates synchronously, so a report loop never yields) pile
 *    up as uncompressed sheet XML in the PassThrough: 178 MiB of it at 200k rows,
 *    peak RSS 328 MiB, 708 MiB at 600k. We watch that PassThrough's needDrain
 *    and await its 'drain' in addRow (`drainTarget` in exceljs-internals.ts): one batch
 *    is buffered at most.
 * 2. Styles cost time, not memory. exceljs caches a style by object identity
 *    (a WeakMap); `cell.numFmt = …` mutates the fresh style object each cell
 *    gets, so every cell's style is serialised to XML again. One shared, frozen
 *    style object per column kind and row look (styles.ts): 20.6 s → 8.1 s, same memory.
 * 3. Shared strings keep every distinct string (every summary) in memory until
 *    the end: 456 MiB at 200k rows. Strings are written inline instead
 *    (`useSharedStrings: false`); the zip compresses repeats anyway.
 * 4. Sheets are written one after another: archiver zips one entry at a time, so
 *    a second sheet written while the first is open would buffer entirely (and
 *    waiting for its drain would never end). `addSheet` finishes the previous sheet.
 *
 * One sheet's rows, widths, totals row and colour scales: sheet-writer.ts. How
 * every sheet prints: print-setup.ts. The About sheet's lines: info-sheet.ts.
 */
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import { EXCEL_MAX_ROWS, sanitizeSheetName, WallClock } from './cells';
import { zipOf, type DrainTarget, type Zip } from './exceljs-internals';
import { createTempFile, describeFileError, discardTempFile, openTempStream, renameTempFile, type TempFile } from './file';
import { writeInfoSheet, type InfoLine } from './info-sheet';
import { PRINT_FOOTER, printSetup } from './print-setup';
import { SheetWriter, type ReportColumn, type ReportSheet, type SheetHost } from './sheet-writer';

export { ReportFileError, type ReportFileProblem } from './file';
export type { CellInput, ColumnKind } from './cells';
export type { InfoLine } from './info-sheet';
export {
  WIDTH_SAMPLE_ROWS,
  columnLetter,
  type ColourScale,
  type ReportColumn,
  type ReportSheet,
  type RowOptions,
  type TotalCell,
  type TotalsPlace,
} from './sheet-writer';

export interface ReportWorkbook {
  /**
   * Starts a sheet with a bold, frozen, filterable header row. The sheet before
   * it is finished: sheets are written one after another (see 4 above).
   */
  addSheet(name: string, columns: readonly ReportColumn[]): ReportSheet;
  /** Adds a finished sheet of label/value lines (filters used, time zone, when made). */
  addInfoSheet(name: string, lines: readonly InfoLine[]): void;
  /** Finishes the file and gives it the chosen name. Rejects, leaving no file, on any failure. */
  commit(): Promise<void>;
  /**
   * Stops writing and removes the temporary file; the chosen name is untouched.
   * Does nothing once the file is saved (once commit() has written all of it).
   */
  abort(): Promise<void>;
}

export interface ReportWorkbookOptions {
  /** Where to save; written to a temporary file next to it first. */
  readonly file: string;
  /** IANA zone in which dates and times are shown, e.g. 'Europe/London'. */
  readonly timeZone: string;
  /** Cancels the report: writing stops and the temporary file is removed. */
  readonly signal?: AbortSignal;
  /** Rows per sheet before it continues on "<name> (2)"; Excel's limit by default. For tests. */
  readonly maxRowsPerSheet?: number;
}

const FROZEN_HEADER = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] as const;
const MAX_COLUMNS = 16_384;

/**
 * Creates the temporary file and the workbook. Rejects with a ReportFileError
 * when the folder is missing, is not a folder, or cannot be written, or when
 * the chosen name is a folder or a file in use: before any row is written.
 */
export async function createReportWorkbook(options: ReportWorkbookOptions): Promise<ReportWorkbook> {
  const clock = new WallClock(options.timeZone);
  const maxRows = options.maxRowsPerSheet ?? EXCEL_MAX_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 2 || maxRows > EXCEL_MAX_ROWS) {
    throw new RangeError(`maxRowsPerSheet must be a whole number from 2 to ${EXCEL_MAX_ROWS}.`);
  }
  options.signal?.throwIfAborted();
  const temp = await createTempFile(options.file);
  if (options.signal?.aborted) {
    await discardTempFile(temp);
    options.signal.throwIfAborted();
  }
  return new Writer(temp, clock, maxRows, options.signal);
}

type State = 'open' | 'committing' | 'finishing' | 'saved' | 'stopped';

class Writer implements ReportWorkbook, SheetHost {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly zip: Zip;
  private readonly out: WriteStream;
  private state: State = 'open';
  private stopReason: unknown = undefined;
  /** Aborted when the workbook stops for any reason; wakes every wait. */
  private readonly stopped = new AbortController();
  private cleanup: Promise<void> = Promise.resolve();
  private finishing: Promise<void> | null = null;
  private readonly usedNames = new Set<string>();
  private current: SheetWriter | null = null;
  private sheetCount = 0;
  private readonly onAbort = (): void => void this.stop(this.signal?.reason);

  constructor(
    private readonly temp: TempFile,
    readonly clock: WallClock,
    readonly maxRows: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    // Opened before anything is written, so opening errors come from createTempFile.
    this.out = openTempStream(temp);
    this.out.on('error', (error) => void this.stop(describeFileError(error, temp.target, 'write')));
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.out, useStyles: true, useSharedStrings: false });
    this.book.creator = 'Talktally';
    this.book.lastModifiedBy = 'Talktally';
    this.zip = zipOf(this.book);
    // Without a listener, an archiver error would crash the process.
    this.zip.emitter.on('error', (error: unknown) => void this.stop(describeFileError(error, temp.target, 'write')));
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  addSheet(name: string, columns: readonly ReportColumn[]): ReportSheet {
    return this.guard(() => {
      if (columns.length === 0 || columns.length > MAX_COLUMNS) {
        throw new RangeError(`A sheet has 1 to ${MAX_COLUMNS} columns, not ${columns.length}.`);
      }
      this.finishCurrent();
      const sheet = new SheetWriter(this, name, columns);
      this.current = sheet;
      return sheet;
    });
  }

  addInfoSheet(name: string, lines: readonly InfoLine[]): void {
    this.guard(() => {
      this.finishCurrent();
      // Its first line ("Report: Calls") heads each printed page, as a header row does elsewhere.
      writeInfoSheet(this.newWorksheet(this.claimName(name), '1:1', false), lines);
    });
  }

  async commit(): Promise<void> {
    await this.guardAsync(async () => {
      this.state = 'committing';
      this.finishCurrent();
      // A workbook without sheets is not a valid file; Excel refuses it.
      if (this.sheetCount === 0) throw new Error('A report needs at least one sheet.');
      // exceljs resolves once the stream has finished; 'close' comes after the
      // fsync and close, whose errors (a full disk on some systems) stop us too.
      // (Not events.once: it would reject on 'error' with no one listening yet.)
      const closed = new Promise<void>((resolve) => this.out.once('close', () => resolve()));
      await Promise.race([this.book.commit().then(() => closed), this.untilStopped()]);
      this.signal?.throwIfAborted();
      // From here the file is complete: an abort now no longer removes it.
      this.state = 'finishing';
      this.finishing = renameTempFile(this.temp);
      await this.finishing;
      this.state = 'saved';
      this.signal?.removeEventListener('abort', this.onAbort);
    });
  }

  async abort(): Promise<void> {
    if (this.state === 'finishing' || this.state === 'saved') {
      await this.finishing?.catch(() => undefined);
      return;
    }
    await this.stop(new DOMException('The report was cancelled.', 'AbortError'));
  }

  /** Runs `work` only while open; any error from it ends the workbook. */
  guard<T>(work: () => T): T {
    this.throwIfUnusable();
    try {
      return work();
    } catch (error) {
      void this.stop(error);
      throw this.stopReason;
    }
  }

  /** Like guard, and the temporary file is gone by the time it rejects. */
  async guardAsync<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.state === 'open' && this.signal?.aborted) await this.stop(this.signal.reason);
    if (this.state === 'stopped') {
      await this.cleanup;
      throw this.stopReason;
    }
    this.throwIfUnusable();
    try {
      return await work();
    } catch (error) {
      if (this.state === 'finishing') {
        // renameTempFile has already removed the temporary file.
        this.state = 'stopped';
        this.stopReason = error;
        this.signal?.removeEventListener('abort', this.onAbort);
      }
      await this.stop(error);
      throw this.stopReason;
    }
  }

  private throwIfUnusable(): void {
    if (this.state === 'open' && this.signal?.aborted) void this.stop(this.signal.reason);
    if (this.state === 'stopped') throw this.stopReason;
    if (this.state !== 'open') throw new Error('This report workbook is already committed.');
  }

  /** Waits while exceljs's buffer is full; wakes (and rejects) when the workbook stops. */
  async waitForDrain(target: DrainTarget): Promise<void> {
    if (target.needsDrain()) await once(target.emitter, 'drain', { signal: this.stopped.signal });
  }

  /**
   * Ends the workbook once, for the first reason given: stops archiver and the
   * file stream, then closes and removes the temporary file.
   */
  private stop(reason: unknown): Promise<void> {
    if (this.state === 'stopped' || this.state === 'saved' || this.state === 'finishing') return this.cleanup;
    this.state = 'stopped';
    this.stopReason = reason;
    this.signal?.removeEventListener('abort', this.onAbort);
    this.stopped.abort(reason);
    this.zip.stop(this.out);
    this.out.destroy();
    this.cleanup = discardTempFile(this.temp);
    return this.cleanup;
  }

  private untilStopped(): Promise<never> {
    return new Promise((_resolve, reject) => {
      const signal = this.stopped.signal;
      if (signal.aborted) reject(signal.reason);
      else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }

  private finishCurrent(): void {
    this.current?.finish();
    this.current = null;
  }

  /** A sanitised name no other sheet has (Excel compares names ignoring case). */
  claimName(name: string, fromPart = 1): string {
    for (let part = fromPart; ; part++) {
      const candidate = sanitizeSheetName(name, part === 1 ? '' : ` (${part})`);
      if (!this.usedNames.has(candidate.toLowerCase())) {
        this.usedNames.add(candidate.toLowerCase());
        return candidate;
      }
    }
  }

  /** A worksheet that prints landscape, one page wide; `titleRows` ("1:1") head every page, and are frozen on data sheets. */
  newWorksheet(name: string, titleRows: string | null, frozenHeader = titleRows !== null): Worksheet {
    this.sheetCount += 1;
    return this.book.addWorksheet(name, {
      ...(frozenHeader ? { views: [...FROZEN_HEADER] } : {}),
      pageSetup: printSetup(titleRows),
      headerFooter: PRINT_FOOTER,
    });
  }
}
