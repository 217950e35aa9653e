import { describe, expect, it } from 'vitest';
import { READER_MAX_WIDTH, READER_MIN_WIDTH, readerLayout, SPLITTER_WIDTH } from '../../renderer/src/screens/calls/reader-layout';

// The calls table's first four columns by default (Date, Connection, Direction, Outcome), in pixels.
const FOUR_COLUMNS = 190 + 150 + 90 + 105;
/** The narrowest screen where a minimum-width reader still leaves the table its four columns, borders and scrollbar. */
const NARROWEST_SIDE = READER_MIN_WIDTH + SPLITTER_WIDTH + FOUR_COLUMNS + 18;

describe('where the transcript reader goes', () => {
  it('beside the table while the table keeps four columns next to a reader of the minimum width, over it below that', () => {
    expect(readerLayout(NARROWEST_SIDE, FOUR_COLUMNS, null)).toEqual({ mode: 'side', min: READER_MIN_WIDTH, max: READER_MIN_WIDTH, width: READER_MIN_WIDTH });
    expect(readerLayout(NARROWEST_SIDE - 1, FOUR_COLUMNS, null)).toEqual({ mode: 'overlay' });
    // The window's minimum (900 wide, less the 180 px sidebar and the screen's padding).
    expect(readerLayout(900 - 180 - 48, FOUR_COLUMNS, null).mode).toBe('overlay');
  });

  it('never wider than leaves the table its four columns, nor than reads well; the user’s width within that', () => {
    const screen = 1280 - 180 - 48;
    const side = readerLayout(screen, FOUR_COLUMNS, 5_000);
    expect(side).toEqual({
      mode: 'side',
      min: READER_MIN_WIDTH,
      max: screen - SPLITTER_WIDTH - FOUR_COLUMNS - 18,
      width: screen - SPLITTER_WIDTH - FOUR_COLUMNS - 18,
    });
    expect(readerLayout(screen, FOUR_COLUMNS, 100)).toMatchObject({ width: READER_MIN_WIDTH });
    expect(readerLayout(screen, FOUR_COLUMNS, 400)).toMatchObject({ width: 400 });
    expect(readerLayout(4000, FOUR_COLUMNS, 5_000)).toMatchObject({ max: READER_MAX_WIDTH, width: READER_MAX_WIDTH });
  });

  it('by default two fifths of the screen, and no more than 600 px on a big monitor', () => {
    expect(readerLayout(1052, FOUR_COLUMNS, null)).toMatchObject({ width: Math.round(1052 * 0.4) });
    expect(readerLayout(1920 - 180 - 48, FOUR_COLUMNS, null)).toMatchObject({ width: 600 });
  });
});
