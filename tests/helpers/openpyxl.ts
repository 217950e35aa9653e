import { execFileSync } from 'node:child_process';

/**
 * A cell's value as openpyxl returns it: dates and durations are tagged so the
 * test sees what Python saw (a datetime, a timedelta), not a number we decoded.
 */
export type XlsxValue = string | number | boolean | null | { datetime: string } | { date: string } | { time: string } | { timedeltaSeconds: number };

export interface XlsxCell {
  value: XlsxValue;
  /** openpyxl's data_type: 'n' number, 's' string, 'b' boolean, 'd' date, 'f' formula… */
  dataType: string;
  numberFormat: string;
  bold: boolean;
  horizontal: string | null;
  /** The fill's foreground colour (ARGB) for solid fills, else null. */
  fill: string | null;
  wrap: boolean;
  /** For a formula cell, the result stored with it (what a reader that never calculates shows); else the value. */
  cached: XlsxValue;
}

/** How a sheet prints, as openpyxl reads it. */
export interface XlsxPrint {
  orientation: string | null;
  fitToPage: boolean;
  fitToWidth: number | null;
  fitToHeight: number | null;
  /** The rows repeated at the top of every printed page, e.g. "$1:$1". */
  titleRows: string | null;
  margins: { left: number; right: number; top: number; bottom: number };
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
  print: XlsxPrint;
  /** Each conditional format's cell range and its rules' types (e.g. "colorScale"). */
  conditionalFormats: { range: string; types: string[] }[];
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
cached_book = openpyxl.load_workbook(sys.argv[1], data_only=True)
sheets = []
for ws in book.worksheets:
    cws = cached_book[ws.title]
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
            "wrap": bool(c.alignment and c.alignment.wrap_text),
            "cached": value(cws.cell(row=c.row, column=c.column).value),
        } for c in row])
    ps = ws.page_setup
    props = ws.sheet_properties.pageSetUpPr
    m = ws.page_margins
    formats = []
    for cf in ws.conditional_formatting:
        formats.append({"range": str(cf.sqref), "types": [r.type for r in cf.rules]})
    sheets.append({
        "name": ws.title,
        "frozen": ws.freeze_panes,
        "autoFilter": ws.auto_filter.ref,
        "widths": widths,
        "rows": rows,
        "print": {
            "orientation": ps.orientation,
            "fitToPage": bool(props and props.fitToPage),
            "fitToWidth": None if ps.fitToWidth is None else int(ps.fitToWidth),
            "fitToHeight": None if ps.fitToHeight is None else int(ps.fitToHeight),
            "titleRows": ws.print_title_rows,
            "margins": {"left": m.left, "right": m.right, "top": m.top, "bottom": m.bottom},
        },
        "conditionalFormats": formats,
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
