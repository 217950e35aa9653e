import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineCount } from '../../electron/reports/row-height';
import { columnLetter, createReportWorkbook } from '../../electron/reports/workbook';
import { readXlsx, sheetValues } from '../helpers/openpyxl';
import { tempDir } from '../helpers/temp';

const ZONE = 'Europe/London';

/** Row heights as openpyxl reads them (null: the default height). */
function rowHeights(file: string, sheet: number): (number | null)[] {
  const script = `import openpyxl, json, sys\nws = openpyxl.load_workbook(sys.argv[1]).worksheets[${sheet}]\nprint(json.dumps([ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)]))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' })) as (number | null)[];
}

describe('sheet form: totals, headings, wrapping, colour scales, printing', () => {
  it('writes a totals row one empty row below the filtered range, with formulas and their stored results', async () => {
    const file = path.join(tempDir(), 'totals.xlsx');
    const book = await createReportWorkbook({ file, timeZone: ZONE });
    const sheet = book.addSheet('People', [
      { header: 'Name', kind: 'text' },
      { header: 'Calls', kind: 'integer' },
      { header: 'Talk time', kind: 'duration', colourScale: 'whiteToBlue' },
    ]);
    await sheet.addRow(['Ada', 3, 600]);
    await sheet.addRow(['Bo', 5, 1200]);
    await sheet.addTotalRow((at) => ['Total', { formula: `SUBTOTAL(109,${at.range(1)})`, result: 8 }, { formula: `${at.cell(1)}*0`, result: null }]);
    await book.commit();
    const [people] = readXlsx(file);
    expect(people!.autoFilter).toBe('A1:C3');
    expect(sheetValues(people!)).toEqual([
      ['Name', 'Calls', 'Talk time'],
      ['Ada', 3, { timedeltaSeconds: 600 }],
      ['Bo', 5, { timedeltaSeconds: 1200 }],
      [null, null, null],
      ['Total', '=SUBTOTAL(109,B2:B3)', '=B5*0'],
    ]);
    expect(people!.rows[4]!.map((c) => c.cached)).toEqual(['Total', 8, null]);
    expect(people!.rows[4]!.every((c) => c.bold)).toBe(true);
    expect(people!.conditionalFormats).toEqual([{ range: 'C2:C3', types: ['colorScale'] }]);
  });

  it('refuses a row after the totals, a totals row for a sheet without rows, or one continued on more sheets', async () => {
    const dir = tempDir();
    const done = await createReportWorkbook({ file: path.join(dir, 'c.xlsx'), timeZone: ZONE });
    const totalled = done.addSheet('S', [{ header: 'N', kind: 'integer' }]);
    await totalled.addRow([1]);
    await totalled.addTotalRow(() => [1]);
    await expect(totalled.addRow([2])).rejects.toThrow('is finished');
    const empty = await createReportWorkbook({ file: path.join(dir, 'a.xlsx'), timeZone: ZONE });
    await expect(empty.addSheet('S', [{ header: 'N', kind: 'integer' }]).addTotalRow(() => [1])).rejects.toThrow('has no rows to total');
    const parts = await createReportWorkbook({ file: path.join(dir, 'b.xlsx'), timeZone: ZONE, maxRowsPerSheet: 2 });
    const s = parts.addSheet('S', [{ header: 'N', kind: 'integer' }]);
    for (const n of [1, 2, 3]) await s.addRow([n]);
    await expect(s.addTotalRow(() => [6])).rejects.toThrow('a totals row would add up only the last');
  });

  it('writes a heading row with its own kinds, wraps text with row heights to match, and prints every sheet landscape, one page wide', async () => {
    const file = path.join(tempDir(), 'blocks.xlsx');
    const book = await createReportWorkbook({ file, timeZone: ZONE });
    book.addInfoSheet('About', [['Note', 'word '.repeat(60).trim()]]);
    const sheet = book.addSheet('Blocks', [
      { header: 'Time', kind: 'duration', width: 12, alignLeft: true },
      { header: 'Text', kind: 'text', width: 20, wrap: true },
    ]);
    await sheet.addRow([Date.UTC(2026, 6, 1, 9, 30), 'Heading'], { look: 'heading', kinds: ['dateTime', undefined] });
    await sheet.addRow([5, 'short']);
    await sheet.addRow([65, 'a longer turn that needs three lines here']);
    await book.commit();

    const [about, blocks] = readXlsx(file);
    expect(blocks!.rows[1]![0]).toMatchObject({ value: { datetime: '2026-07-01T10:30:00' }, numberFormat: 'yyyy-mm-dd hh:mm', bold: true, horizontal: 'left' });
    expect(blocks!.rows[1]![0]!.fill).not.toBeNull();
    expect(blocks!.rows[2]![0]).toMatchObject({ value: { timedeltaSeconds: 5 }, numberFormat: '[h]:mm:ss', bold: false, horizontal: 'left' });
    expect(blocks!.rows[3]![1]!.wrap).toBe(true);
    expect(rowHeights(file, 1)).toEqual([null, null, null, 45]);
    expect(rowHeights(file, 0)).toEqual([15 * lineCount('word '.repeat(60).trim(), about!.widths.B!)]);
    for (const sheet of [about!, blocks!]) {
      expect(sheet.print).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, titleRows: '$1:$1' });
    }
    expect(about!.frozen).toBeNull();
    expect(blocks!.frozen).toBe('A2');
  });

  it('counts wrapped lines by words, and names columns past Z', () => {
    expect(lineCount('short', 20)).toBe(1);
    expect(lineCount('one\ntwo\nthree', 20)).toBe(3);
    expect(lineCount('x'.repeat(100), 10)).toBe(10);
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
