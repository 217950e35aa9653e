import { execFileSync } from 'node:child_process';

/**
 * A cell's value as openpyxl returns it: dates and durations are tagged so the
 * test sees what Python saw (a datetime, a timedelta), not a number we decoded.
 */
export type XlsxValue =
  | string
  | number
  | boolean
  | null
  | { datetime: string }
  | { date: string }
  | { time: string }
  | { timedeltaSeconds: number };

export interface XlsxCell {
  value: XlsxValue;
  /** openpyxl's data_type: 'n' number, 's' string, 'b' boolean, 'd' date, 'f' formula… */
  dataType: string;
  numberFormat: string;
  bold: boolean;
  horizontal: string | null;
  /** The fill's foreground colour (ARGB) for solid fills, else null. */
  fill: string | null;
}

export interface XlsxSheet {
  name: string;
  /** openpyxl's freeze_panes, e.g. "A2", or null. */
  frozen: string | null;
  autoFilter: string | null;
  /** Width by column letter, for columns that have one. */
  widths: Record<string, number>;
  /** Every row from 1 to max_row, every column from 1 to max_column. */
  rows: XlsxCell[][];
}

const SCRIPT = String.raw`
import datetime, json, sys
import openpyxl
from openpyxl.utils import get_column_letter

def value(v):
    if isinstance(v, datetime.datetime):
        return {"datetime": v.isoformat()}
    if isinstance(v, datetime.date):
        return {"date": v.isoformat()}
    if isinstance(v, datetime.time):
        return {"time": v.isoformat()}
    if isinstance(v, datetime.timedelta):
        return {"timedeltaSeconds": v.total_seconds()}
    return v

def fill(c):
    f = c.fill
    if f is None or f.fill_type != "solid" or f.fgColor is None or f.fgColor.type != "rgb":
        return None
    return f.fgColor.rgb

book = openpyxl.load_workbook(sys.argv[1])
sheets = []
for ws in book.worksheets:
    widths = {}
    for dim in ws.column_dimensions.values():
        if dim.width and dim.min and dim.max:
            for n in range(dim.min, dim.max + 1):
                widths[get_column_letter(n)] = dim.width
    rows = []
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
        rows.append([{
            "value": value(c.value),
            "dataType": c.data_type,
            "numberFormat": c.number_format,
            "bold": bool(c.font and c.font.b),
            "horizontal": c.alignment.horizontal if c.alignment else None,
            "fill": fill(c),
        } for c in row])
    sheets.append({
        "name": ws.title,
        "frozen": ws.freeze_panes,
        "autoFilter": ws.auto_filter.ref,
        "widths": widths,
        "rows": rows,
    })
json.dump(sheets, sys.stdout)
`;

/**
 * Reads an .xlsx back with openpyxl (Debian's python3-openpyxl under
 * /usr/bin/python3): a reader none of us wrote, so a test checks the file, not
 * our own idea of it.
 */
export function readXlsx(file: string): XlsxSheet[] {
  const json = execFileSync('/usr/bin/python3', ['-c', SCRIPT, file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(json) as XlsxSheet[];
}

/** The plain values of a sheet, row by row (tagged values left as they are). */
export function sheetValues(sheet: XlsxSheet): XlsxValue[][] {
  return sheet.rows.map((row) => row.map((cell) => cell.value));
}
