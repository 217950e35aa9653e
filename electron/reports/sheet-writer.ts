import type { Style, Worksheet } from 'exceljs';
import { MAX_COLUMN_WIDTH, columnWidth, shownLength, textCells, toCellValues, type CellInput, type CellValue, type ColumnKind, type WallClock } from './cells';
import { drainTarget, type DrainTarget } from './exceljs-internals';
import { heightFor, lineCount } from './row-height';
import { cellStyle, type RowLook } from './styles';

/** A colour scale over a column's data rows: what the workbooks show instead of a chart (exceljs writes no charts). */
export type ColourScale = 'redAmberGreen' | 'whiteToBlue';

export interface ReportColumn {
  readonly header: string;
  readonly kind: ColumnKind;
  /** Excel width in characters; by default fitted to the header and the first rows. */
  readonly width?: number;
  /** Wraps long text onto more lines in the cell (the row grows) instead of running past the page. */
  readonly wrap?: boolean;
  /** Numbers and dates left-aligned, so they do not run into the text beside them. */
  readonly alignLeft?: boolean;
  readonly colourScale?: ColourScale;
}

/** How one row differs from the sheet's columns: a block's heading row, with its own kinds of value. */
export interface RowOptions {
  readonly look?: 'data' | 'heading';
  /** A kind per column for this row only (a heading's date over a column of time offsets). */
  readonly kinds?: readonly (ColumnKind | undefined)[];
}

/** A cell of a totals row: a value, or a formula with the result Excel shows until it recalculates. */
export type TotalCell = CellInput | { readonly formula: string; readonly result: CellInput };

/** Where a totals row's formulas point: a column's data rows ("D2:D41"), or its cell in the totals row ("D43"). */
export interface TotalsPlace {
  range(column: number): string;
  cell(column: number): string;
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
  addRow(values: readonly CellInput[], options?: RowOptions): Promise<void>;
  /**
   * Ends the sheet's rows with a bold totals row, one empty row below the
   * filtered range: outside the autofilter, so sorting or filtering never moves
   * it, and apart from the table, so Excel's "current region" never takes it in.
   * `make` gets where its formulas point. For a sheet that fits on one part.
   */
  addTotalRow(make: (at: TotalsPlace) => readonly TotalCell[]): Promise<void>;
}

/** What a sheet needs from its workbook (workbook.ts: Writer). */
export interface SheetHost {
  readonly clock: WallClock;
  readonly maxRows: number;
  guardAsync<T>(work: () => T | Promise<T>): Promise<T>;
  waitForDrain(target: DrainTarget): Promise<void>;
  claimName(name: string, fromPart?: number): string;
  newWorksheet(name: string, titleRows: string | null): Worksheet;
}

/** Rows looked at to fit column widths; Excel needs the widths before the first row. */
export const WIDTH_SAMPLE_ROWS = 100;

type Written = CellValue | { formula: string; result?: number | string | Date };

interface Line {
  readonly values: readonly Written[];
  readonly styles: readonly Partial<Style>[];
}

const SCALES: Readonly<Record<ColourScale, { cfvo: { type: 'min' | 'max' | 'percentile'; value?: number }[]; color: { argb: string }[] }>> = {
  // Excel's own red-yellow-green scale: low shares stand out at a glance.
  redAmberGreen: {
    cfvo: [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }],
    color: [{ argb: 'FFF8696B' }, { argb: 'FFFFEB84' }, { argb: 'FF63BE7B' }],
  },
  whiteToBlue: { cfvo: [{ type: 'min' }, { type: 'max' }], color: [{ argb: 'FFFFFFFF' }, { argb: 'FF5B9BD5' }] },
};

/** "A", "B", … "Z", "AA": the letters of the 1-based column `n`. */
export function columnLetter(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** One logical sheet: its parts, its column formats, and the rows not yet written. */
export class SheetWriter implements ReportSheet {
  readonly name: string;
  private readonly widest: number[];
  /** The first rows, held until the column widths are known; null once writing. */
  private sample: Line[][] | null = [];
  private widths: number[] = [];
  private worksheet: Worksheet | null = null;
  private drain: DrainTarget | null = null;
  private part = 0;
  /** Rows in the current part, the header included. */
  private rowNumber = 0;
  /** The last row of the filtered range, once a totals row follows it. */
  private lastDataRow: number | null = null;
  private finished = false;

  constructor(
    private readonly book: SheetHost,
    private readonly requestedName: string,
    private readonly columns: readonly ReportColumn[],
  ) {
    this.name = book.claimName(requestedName);
    this.widest = columns.map(() => 0);
  }

  addRow(values: readonly CellInput[], options: RowOptions = {}): Promise<void> {
    return this.book.guardAsync(() => {
      this.write(values, options);
      return this.drain ? this.book.waitForDrain(this.drain) : undefined;
    });
  }

  addTotalRow(make: (at: TotalsPlace) => readonly TotalCell[]): Promise<void> {
    return this.book.guardAsync(() => {
      this.checkOpen(this.columns.length);
      if (this.sample !== null) this.start();
      const last = this.rowNumber;
      if (this.part > 1) throw new RangeError(`Sheet "${this.name}" continues on more sheets: a totals row would add up only the last.`);
      if (last < 2) throw new RangeError(`Sheet "${this.name}" has no rows to total.`);
      const totalRow = last + 2;
      const place: TotalsPlace = {
        range: (column) => `${columnLetter(column + 1)}2:${columnLetter(column + 1)}${last}`,
        cell: (column) => `${columnLetter(column + 1)}${totalRow}`,
      };
      const cells = make(place);
      this.checkOpen(cells.length);
      const values = cells.map((cell, index): Written => {
        const column = this.columns[index];
        const kind = column?.kind ?? 'text';
        const header = column?.header ?? '';
        if (cell === null || typeof cell !== 'object') return toCellValues(cell, kind, header, this.book.clock)[0] ?? null;
        const result = toCellValues(cell.result, kind, header, this.book.clock)[0] ?? null;
        return result === null ? { formula: cell.formula } : { formula: cell.formula, result };
      });
      this.lastDataRow = last;
      this.rowNumber = totalRow - 1;
      this.writeRow({ values, styles: this.columns.map((c) => cellStyle(c.kind, 'total', false, c.alignLeft === true)) });
      this.finished = true;
    });
  }

  private checkOpen(length: number): void {
    if (this.finished) throw new Error(`Sheet "${this.name}" is finished: a later sheet was started, or its totals written.`);
    if (length !== this.columns.length) {
      throw new TypeError(`Sheet "${this.name}" has ${this.columns.length} columns; a row had ${length} values.`);
    }
  }

  private write(values: readonly CellInput[], options: RowOptions): void {
    this.checkOpen(values.length);
    const lines = this.toLines(values, options);
    if (this.sample === null) {
      this.writeLines(lines);
      return;
    }
    this.sample.push(lines);
    for (const line of lines) {
      line.values.forEach((value, index) => {
        const kind = options.kinds?.[index] ?? this.columns[index]?.kind ?? 'text';
        if (value === null || typeof value === 'string' || typeof value === 'number' || value instanceof Date) {
          this.widest[index] = Math.max(this.widest[index] ?? 0, shownLength(value, kind));
        }
      });
    }
    if (this.sample.length >= WIDTH_SAMPLE_ROWS) this.start();
  }

  /**
   * A row's cells, converted; a text over Excel's cell limit continues in the
   * rows below, in its own column, with the row's other cells empty there.
   */
  private toLines(values: readonly CellInput[], options: RowOptions): Line[] {
    const look: RowLook = options.look ?? 'data';
    const kinds = this.columns.map((column, index) => options.kinds?.[index] ?? column.kind);
    const cells = this.columns.map((column, index) => toCellValues(values[index] ?? null, kinds[index] ?? 'text', column.header, this.book.clock));
    const styles = this.columns.map((column, index) => cellStyle(kinds[index] ?? 'text', look, column.wrap === true, column.alignLeft === true));
    const height = Math.max(...cells.map((pieces) => pieces.length));
    return Array.from({ length: height }, (_, line) => ({ values: cells.map((pieces) => pieces[line] ?? null), styles }));
  }

  private start(): void {
    const sample = this.sample ?? [];
    this.sample = null;
    this.widths = this.columns.map((column, index) => column.width ?? columnWidth(column.header, this.widest[index] ?? 0));
    this.openPart();
    for (const lines of sample) this.writeLines(lines);
  }

  private writeLines(lines: readonly Line[]): void {
    // The pieces of one long text stay on one sheet when they can.
    if (this.rowNumber + lines.length > this.book.maxRows && this.rowNumber > 1) this.nextPart();
    for (const line of lines) {
      if (this.rowNumber >= this.book.maxRows) this.nextPart();
      this.writeRow(line);
    }
  }

  private writeRow(line: Line): void {
    const worksheet = this.worksheet;
    if (!worksheet) throw new Error(`Sheet "${this.name}" is not open.`);
    const row = worksheet.getRow(++this.rowNumber);
    const height = heightFor(this.wrappedLines(line.values));
    if (height !== null) row.height = height;
    line.values.forEach((value, index) => {
      if (value === null) return;
      const cell = row.getCell(index + 1);
      cell.value = value;
      // The shared object itself, so exceljs finds its style by identity (styles.ts).
      cell.style = line.styles[index] ?? cellStyle('text');
    });
    // Committing each row hands it to the stream and frees it.
    row.commit();
  }

  /** How many lines the row's wrapped texts take in their columns (see row-height.ts for why it is written). */
  private wrappedLines(values: readonly Written[]): number {
    let most = 1;
    values.forEach((value, index) => {
      if (typeof value !== 'string' || !this.columns[index]?.wrap) return;
      most = Math.max(most, lineCount(value, this.widths[index] ?? MAX_COLUMN_WIDTH));
    });
    return most;
  }

  private openPart(): void {
    this.part += 1;
    const name = this.part === 1 ? this.name : this.book.claimName(this.requestedName, this.part);
    const worksheet = this.book.newWorksheet(name, '1:1');
    this.widths.forEach((width, index) => {
      worksheet.getColumn(index + 1).width = width;
    });
    this.worksheet = worksheet;
    this.drain = drainTarget(worksheet);
    this.rowNumber = 0;
    this.writeRow({
      values: this.columns.map((column) => textCells(column.header)[0] ?? ''),
      styles: this.columns.map((column) => cellStyle(column.kind, 'header', false, column.alignLeft === true)),
    });
  }

  private closePart(): void {
    const worksheet = this.worksheet;
    if (!worksheet) return;
    const last = this.lastDataRow ?? this.rowNumber;
    // Over the header's columns and every data row, so sorting and filtering take all of them (and no totals row).
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: this.columns.length } };
    this.columns.forEach((column, index) => {
      if (!column.colourScale || last < 2) return;
      const letter = columnLetter(index + 1);
      worksheet.addConditionalFormatting({
        ref: `${letter}2:${letter}${last}`,
        rules: [{ type: 'colorScale', priority: index + 1, ...SCALES[column.colourScale] }],
      });
    });
    worksheet.commit();
    this.worksheet = null;
  }

  private nextPart(): void {
    this.closePart();
    this.openPart();
  }

  /** Writes what is held back and commits the last part. */
  finish(): void {
    if (this.worksheet === null && this.sample === null) return;
    if (this.sample !== null) this.start();
    this.closePart();
    this.finished = true;
  }
}
