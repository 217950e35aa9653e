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
 *    and await its 'drain' in addRow (`drainTarget`): one batch is buffered at most.
 * 2. Styles cost time, not memory. exceljs caches a style by object identity
 *    (a WeakMap); `cell.numFmt = …` mutates the fresh style object each cell
 *    gets, so every cell's style is serialised to XML again. One shared, frozen
 *    style object per column kind (cells.ts): 20.6 s → 8.1 s, same memory.
 * 3. Shared strings keep every distinct string (every summary) in memory until
 *    the end: 456 MiB at 200k rows. Strings are written inline instead
 *    (`useSharedStrings: false`); the zip compresses repeats anyway.
 * 4. Sheets are written one after another: archiver zips one entry at a time, so
 *    a second sheet written while the first is open would buffer entirely (and
 *    waiting for its drain would never end). `addSheet` finishes the previous sheet.
 */
import { EventEmitter, once } from 'node:events';
import type { WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Style, Worksheet } from 'exceljs';
import {
  EXCEL_MAX_ROWS,
  LABEL_STYLE,
  TEXT_STYLE,
  columnWidth,
  dataStyle,
  headerStyle,
  sanitizeSheetName,
  shownLength,
  textCells,
  toCellValues,
  type CellInput,
  type CellValue,
  type ColumnKind,
  WallClock,
} from './cells';
import { createTempFile, describeFileError, discardTempFile, openTempStream, renameTempFile, type TempFile } from './file';

export { ReportFileError, type ReportFileProblem } from './file';
export type { CellInput, ColumnKind } from './cells';

export interface ReportColumn {
  readonly header: string;
  readonly kind: ColumnKind;
  /** Excel width in characters; by default fitted to the header and the first rows. */
  readonly width?: number;
}

export interface ReportSheet {
  /** The sheet's name as Excel shows it (sanitised, unique); later parts add " (2)", " (3)"… */
  readonly name: string;
  /**
   * Adds one row, a value per column (see ColumnKind for what each kind takes).
   * Resolves when the writer can take more, which is when the disk has caught
   * up: await it, or memory grows with the report. A wrong value rejects with a
   * TypeError and, like any failure, ends the workbook and removes its file.
   */
  addRow(values: readonly CellInput[]): Promise<void>;
}

/** A label and its value on an info sheet, e.g. ['Time zone', 'Europe/London']. */
export type InfoLine = readonly [label: string, value: string | number | null];

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

/** Rows looked at to fit column widths; Excel needs the widths before the first row. */
export const WIDTH_SAMPLE_ROWS = 100;

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

/** The one buffer inside exceljs that can fill up, and how to tell it is full. */
interface DrainTarget {
  readonly emitter: EventEmitter;
  needsDrain(): boolean;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * exceljs 4.4.0 internals (pinned in package.json): worksheet.stream is a
 * StreamBuf whose `pipes[0]` is archiver's PassThrough (see 1 above). Checked
 * here so that an exceljs upgrade that changes them fails every report test
 * instead of silently bringing the memory growth back.
 */
function drainTarget(worksheet: Worksheet): DrainTarget {
  const stream: unknown = Reflect.get(worksheet, 'stream');
  const pipes: unknown = isObject(stream) ? Reflect.get(stream, 'pipes') : undefined;
  const pipe: unknown = Array.isArray(pipes) && pipes.length === 1 ? pipes[0] : undefined;
  const state: unknown = pipe instanceof EventEmitter ? Reflect.get(pipe, '_writableState') : undefined;
  if (!(pipe instanceof EventEmitter) || !isObject(state) || typeof Reflect.get(state, 'needDrain') !== 'boolean') {
    throw new Error('exceljs internals changed: electron/reports/workbook.ts cannot apply backpressure.');
  }
  return { emitter: pipe, needsDrain: () => Reflect.get(state, 'needDrain') === true };
}

/** The archiver inside the workbook writer: its errors, and how to stop it. */
interface Zip {
  readonly emitter: EventEmitter;
  /** Stops zipping and stops writing to `out`. */
  stop(out: WriteStream): void;
}

function zipOf(book: ExcelJS.stream.xlsx.WorkbookWriter): Zip {
  const zip: unknown = Reflect.get(book, 'zip');
  const unpipe: unknown = isObject(zip) ? Reflect.get(zip, 'unpipe') : undefined;
  const abort: unknown = isObject(zip) ? Reflect.get(zip, 'abort') : undefined;
  if (!(zip instanceof EventEmitter) || typeof unpipe !== 'function' || typeof abort !== 'function') {
    throw new Error('exceljs internals changed: electron/reports/workbook.ts cannot reach its archiver.');
  }
  return {
    emitter: zip,
    stop(out) {
      unpipe.call(zip, out);
      abort.call(zip);
    },
  };
}

type State = 'open' | 'committing' | 'finishing' | 'saved' | 'stopped';

class Writer implements ReportWorkbook {
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
      const worksheet = this.newWorksheet(this.claimName(name));
      const widest = (pick: (line: InfoLine) => string | number | null, max: number): number =>
        Math.min(max, Math.max(10, ...lines.map((line) => String(pick(line) ?? '').length + 2)));
      worksheet.getColumn(1).width = widest((line) => line[0], 40);
      worksheet.getColumn(2).width = widest((line) => line[1], 100);
      let rowNumber = 0;
      for (const [label, value] of lines) {
        const pieces: (string | number | null)[] = typeof value === 'string' ? textCells(value) : [value];
        pieces.forEach((piece, index) => {
          const row = worksheet.getRow(++rowNumber);
          if (index === 0) {
            const cell = row.getCell(1);
            cell.value = textCells(label)[0] ?? '';
            cell.style = LABEL_STYLE;
          }
          if (piece !== null) {
            const cell = row.getCell(2);
            cell.value = piece;
            cell.style = TEXT_STYLE;
          }
          row.commit();
        });
      }
      worksheet.commit();
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

  newWorksheet(name: string, frozenHeader = false): Worksheet {
    this.sheetCount += 1;
    return this.book.addWorksheet(name, frozenHeader ? { views: [...FROZEN_HEADER] } : {});
  }
}

/** One logical sheet: its parts, its column formats, and the rows not yet written. */
class SheetWriter implements ReportSheet {
  readonly name: string;
  private readonly styles: readonly Partial<Style>[];
  private readonly widest: number[];
  /** The first rows, held until the column widths are known; null once writing. */
  private sample: CellValue[][][] | null = [];
  private widths: number[] = [];
  private worksheet: Worksheet | null = null;
  private drain: DrainTarget | null = null;
  private part = 0;
  /** Rows in the current part, the header included. */
  private rowNumber = 0;
  private finished = false;

  constructor(
    private readonly book: Writer,
    private readonly requestedName: string,
    private readonly columns: readonly ReportColumn[],
  ) {
    this.name = book.claimName(requestedName);
    this.styles = columns.map((column) => dataStyle(column.kind));
    this.widest = columns.map(() => 0);
  }

  addRow(values: readonly CellInput[]): Promise<void> {
    return this.book.guardAsync(() => {
      this.write(values);
      return this.drain ? this.book.waitForDrain(this.drain) : undefined;
    });
  }

  private write(values: readonly CellInput[]): void {
    if (this.finished) throw new Error(`Sheet "${this.name}" is finished: a later sheet was started.`);
    if (values.length !== this.columns.length) {
      throw new TypeError(`Sheet "${this.name}" has ${this.columns.length} columns; a row had ${values.length} values.`);
    }
    const lines = this.toLines(values);
    if (this.sample === null) {
      this.writeLines(lines);
      return;
    }
    this.sample.push(lines);
    for (const line of lines) {
      line.forEach((value, index) => {
        const kind = this.columns[index]?.kind ?? 'text';
        this.widest[index] = Math.max(this.widest[index] ?? 0, shownLength(value, kind));
      });
    }
    if (this.sample.length >= WIDTH_SAMPLE_ROWS) this.start();
  }

  /**
   * A row's cells, converted; a text over Excel's cell limit continues in the
   * rows below, in its own column, with the row's other cells empty there.
   */
  private toLines(values: readonly CellInput[]): CellValue[][] {
    const cells = this.columns.map((column, index) =>
      toCellValues(values[index] ?? null, column.kind, column.header, this.book.clock),
    );
    const height = Math.max(...cells.map((pieces) => pieces.length));
    return Array.from({ length: height }, (_, line) => cells.map((pieces) => pieces[line] ?? null));
  }

  private start(): void {
    const sample = this.sample ?? [];
    this.sample = null;
    this.widths = this.columns.map((column, index) => column.width ?? columnWidth(column.header, this.widest[index] ?? 0));
    this.openPart();
    for (const lines of sample) this.writeLines(lines);
  }

  private writeLines(lines: CellValue[][]): void {
    // The pieces of one long text stay on one sheet when they can.
    if (this.rowNumber + lines.length > this.book.maxRows && this.rowNumber > 1) this.nextPart();
    for (const line of lines) {
      if (this.rowNumber >= this.book.maxRows) this.nextPart();
      this.writeRow(line, this.styles);
    }
  }

  private writeRow(line: readonly CellValue[], styles: readonly Partial<Style>[]): void {
    const worksheet = this.worksheet;
    if (!worksheet) throw new Error(`Sheet "${this.name}" is not open.`);
    const row = worksheet.getRow(++this.rowNumber);
    line.forEach((value, index) => {
      if (value === null) return;
      const cell = row.getCell(index + 1);
      cell.value = value;
      // The shared object itself, so exceljs finds its style by identity (see 2 above).
      cell.style = styles[index] ?? TEXT_STYLE;
    });
    // Committing each row hands it to the stream and frees it.
    row.commit();
  }

  private openPart(): void {
    this.part += 1;
    const name = this.part === 1 ? this.name : this.book.claimName(this.requestedName, this.part);
    const worksheet = this.book.newWorksheet(name, true);
    this.widths.forEach((width, index) => {
      worksheet.getColumn(index + 1).width = width;
    });
    this.worksheet = worksheet;
    this.drain = drainTarget(worksheet);
    this.rowNumber = 0;
    this.writeRow(
      this.columns.map((column) => textCells(column.header)[0] ?? ''),
      this.columns.map((column) => headerStyle(column.kind)),
    );
  }

  private closePart(): void {
    const worksheet = this.worksheet;
    if (!worksheet) return;
    // Over the header's columns and every row, so sorting and filtering take all of them.
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: this.rowNumber, column: this.columns.length } };
    worksheet.commit();
    this.worksheet = null;
  }

  private nextPart(): void {
    this.closePart();
    this.openPart();
  }

  /** Writes what is held back and commits the last part. */
  finish(): void {
    if (this.finished) return;
    if (this.sample !== null) this.start();
    this.closePart();
    this.finished = true;
  }
}
