import type { Worksheet } from 'exceljs';
import { textCells } from './cells';
import { heightFor, lineCount } from './row-height';
import { INFO_VALUE_STYLE, LABEL_STYLE } from './styles';

/** A label and its value on an info sheet, e.g. ['Time zone', 'Europe/London']. */
export type InfoLine = readonly [label: string, value: string | number | null];

/**
 * The widest the value column is made. Values wrap past it, so label and value
 * print side by side on one landscape page (a 100-wide column pushed the values
 * onto a page of their own).
 */
const MAX_VALUE_WIDTH = 90;

/** Writes label/value lines, bold labels; a value over Excel's cell limit continues in the rows below. */
export function writeInfoSheet(worksheet: Worksheet, lines: readonly InfoLine[]): void {
  const widest = (pick: (line: InfoLine) => string | number | null, max: number): number =>
    Math.min(max, Math.max(10, ...lines.map((line) => String(pick(line) ?? '').length + 2)));
  worksheet.getColumn(1).width = widest((line) => line[0], 40);
  const valueWidth = widest((line) => line[1], MAX_VALUE_WIDTH);
  worksheet.getColumn(2).width = valueWidth;
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
        const height = typeof piece === 'string' ? heightFor(lineCount(piece, valueWidth)) : null;
        if (height !== null) row.height = height;
        const cell = row.getCell(2);
        cell.value = piece;
        cell.style = INFO_VALUE_STYLE;
      }
      row.commit();
    });
  }
  worksheet.commit();
}
