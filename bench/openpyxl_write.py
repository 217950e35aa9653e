"""The peer for the export benchmark: the calls report written with openpyxl's
write-only workbook, the same rows (from a CSV the bench dumps first), column
types and number formats as Talktally's writer (electron/reports/calls-report.ts).

Usage: /usr/bin/python3 openpyxl_write.py ROWS.csv OUT.xlsx ROW_COUNT
Prints one JSON line: {"ms": writing time, "rows": rows written, "maxRssKb": peak RSS}.
Timed: from opening the CSV to the saved file (reading each row, converting its
values, writing and zipping); the interpreter start and the imports are not.
"""
import csv
import datetime
import json
import resource
import sys
import time

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

# (header, kind): the same 19 columns as CALL_COLUMNS.
COLUMNS = [
    ("Started", "dateTime"), ("Connection", "text"), ("Platform", "text"), ("Direction", "text"),
    ("Outcome", "text"), ("Vendor status", "text"), ("Recruiter / agent", "text"), ("Handled by", "text"), ("Contact", "text"),
    ("Contact number", "text"), ("Contact type", "text"), ("Talk time", "duration"), ("Total time", "duration"),
    ("Summary", "text"), ("Score", "decimal"), ("Sentiment", "text"), ("Transcript", "boolean"),
    ("Trackers", "text"), ("Vendor call ID", "text"),
]
FORMATS = {"dateTime": "yyyy-mm-dd hh:mm", "duration": "[h]:mm:ss", "decimal": "#,##0.00"}
WIDTHS = [17, 20, 18, 10, 10, 14, 22, 12, 24, 16, 13, 10, 10, 60, 8, 10, 11, 20, 16]

RIGHT = Alignment(horizontal="right")
HEADER_FONT = Font(name="Calibri", size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="FFD9E1F2")
HEADER_BORDER = Border(bottom=Side(style="thin", color="FF8EA9DB"))


def typed(ws, kind, raw):
    if raw == "":
        return None
    if kind == "dateTime":
        cell = WriteOnlyCell(ws, value=datetime.datetime.fromisoformat(raw))
    elif kind == "duration":
        cell = WriteOnlyCell(ws, value=int(raw) / 86400)
    elif kind == "decimal":
        cell = WriteOnlyCell(ws, value=float(raw))
    else:
        return raw
    cell.number_format = FORMATS[kind]
    cell.alignment = RIGHT
    return cell


def main():
    source, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    started = time.perf_counter()
    book = Workbook(write_only=True)
    about = book.create_sheet("About this report")
    for line in (["Report", "Calls"], ["Range", "All dates"], ["Calls", count], ["Time zone", "Europe/London"]):
        about.append(line)
    sheet = book.create_sheet("Calls")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    for i, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    header = []
    for name, kind in COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        if kind in FORMATS:
            cell.alignment = RIGHT
        header.append(cell)
    sheet.append(header)
    kinds = [kind for _, kind in COLUMNS]
    rows = 0
    with open(source, newline="", encoding="utf-8") as f:
        for record in csv.reader(f):
            sheet.append([typed(sheet, kind, value) for kind, value in zip(kinds, record)])
            rows += 1
    book.save(out)
    elapsed = (time.perf_counter() - started) * 1000
    print(json.dumps({"ms": elapsed, "rows": rows, "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
