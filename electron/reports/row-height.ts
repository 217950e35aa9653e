/**
 * Row heights for wrapped text. A row without a stored height stays one line
 * tall in LibreOffice (the wrapped lines drawn over the rows below), and Excel
 * grows a row only when it is edited; so the writer stores each wrapped row's
 * height, worked out here.
 */

/** Points per line of 11-point text, and Excel's tallest row. */
const LINE_HEIGHT = 15;
const MAX_ROW_HEIGHT = 409;

/**
 * Characters per unit of column width. The unit is a digit's width; text with
 * its spaces runs narrower, in Calibri and in the DejaVu Sans LibreOffice
 * stands in with (measured on its PDFs: about 1.2), so 1.1 errs a little tall.
 */
const CHARS_PER_WIDTH = 1.1;

/** Lines `text` takes when wrapped at word breaks in a column `width` wide (counting stops past a row's most). */
export function lineCount(text: string, width: number): number {
  const room = Math.max(1, Math.floor(width * CHARS_PER_WIDTH) - 1);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines += 1;
    for (const word of paragraph.split(' ')) {
      const length = word.length;
      if (used > 0 && used + 1 + length > room) {
        lines += 1;
        used = 0;
      }
      // A word longer than the line breaks inside it.
      if (length > room) {
        lines += Math.ceil(length / room) - 1;
        used = length % room;
      } else used += (used > 0 ? 1 : 0) + length;
    }
    if (lines * LINE_HEIGHT > MAX_ROW_HEIGHT) break;
  }
  return lines;
}

/** The height to store for a row of `lines` lines; null for one line (the default height). */
export function heightFor(lines: number): number | null {
  return lines > 1 ? Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT) : null;
}
