/**
 * Where the transcript reader goes and how wide it may be, worked out from the
 * width the calls screen has and what the table needs beside it.
 */

/** Narrower than this, the facts, figures and find bar no longer fit on their lines. */
export const READER_MIN_WIDTH = 360;
/** Wider than this, a transcript's lines run past comfortable reading (about 90 characters). */
export const READER_MAX_WIDTH = 760;
/** Until the user chooses: about two fifths of the screen, up to this, so a big monitor gives the rest to the table. */
const READER_DEFAULT_WIDTH = 600;
/** The splitter between the table and the reader. */
export const SPLITTER_WIDTH = 12;
/** How many of the table's columns must stay in view beside the reader. */
export const COLUMNS_KEPT = 4;
/** The table's borders and its vertical scrollbar, beyond its columns. */
const TABLE_CHROME = 18;

export type ReaderLayout = { mode: 'overlay' } | { mode: 'side'; min: number; max: number; width: number };

/**
 * Beside the table when the table can keep `COLUMNS_KEPT` columns next to a
 * reader of at least the minimum width; over the table (as a dialog)
 * otherwise. Beside it, the reader is the user's width if they chose one,
 * else a default, within what the table leaves.
 */
export function readerLayout(screenWidth: number, columnsWidth: number, chosenWidth: number | null): ReaderLayout {
  const max = Math.min(READER_MAX_WIDTH, Math.floor(screenWidth - SPLITTER_WIDTH - columnsWidth - TABLE_CHROME));
  if (max < READER_MIN_WIDTH) return { mode: 'overlay' };
  const wanted = chosenWidth ?? Math.min(READER_DEFAULT_WIDTH, Math.round(screenWidth * 0.4));
  return { mode: 'side', min: READER_MIN_WIDTH, max, width: Math.max(READER_MIN_WIDTH, Math.min(max, wanted)) };
}
