"""The one xlsx/CSV writer of the portal (every 导出Excel, the org tree's export).

Contract:

- ``cell(value)``: dates as 2026-11-26, times as 2026-11-26 14:30 (Shanghai), booleans 是/否,
  None as an empty cell, numbers (int, float, Decimal) as numbers; everything else is text through ``text(value)``.
- ``text(value)``: the string, without the characters a spreadsheet cannot hold, and — when it
  begins (after any white space) with ``= + - @``, their full-width forms, a tab or a carriage
  return — prefixed with ``'``, so no spreadsheet program reads it as a formula, neither in
  this file nor after someone saves it again as CSV (formula injection, OWASP's advice).
- ``xlsx_bytes(sheets)`` / ``xlsx_response(filename, sheets)``: ``sheets`` is
  ``[(title, header, rows)]``; every text cell is written as a string cell (never a formula).
- ``csv_bytes(header, rows)`` / ``csv_response(filename, header, rows)``: UTF-8 with a BOM
  (Excel opens it as UTF-8), the same cells.
- ``restore_text(value)``: the inverse of the prefix, for importers reading our own exports.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from pyramid.response import Response

from portal.clock import to_shanghai

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
PREFIX = "'"


def text(value):
    value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    stripped = value.lstrip(" \n\u3000")
    if value.startswith(TRIGGERS) or stripped.startswith(TRIGGERS):
        return PREFIX + value
    return value


def restore_text(value):
    if (
        isinstance(value, str)
        and value.startswith(PREFIX)
        and value[1:].lstrip(" \n\u3000").startswith(TRIGGERS)
    ):
        return value[1:]
    return value


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, datetime):
        return to_shanghai(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return text(value)


def xlsx_bytes(sheets):
    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in sheets:
        ws = wb.create_sheet(str(title)[:31])
        for r, row in enumerate([header, *rows], start=1):
            for c, value in enumerate(row, start=1):
                target = ws.cell(row=r, column=c)
                target.value = cell(value)
                if isinstance(target.value, str):
                    target.data_type = "s"  # a string, whatever it looks like
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [header, *rows]:
        writer.writerow([cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _download(body, content_type, filename, charset=None):
    return Response(
        body=body,
        content_type=content_type,
        charset=charset,
        content_disposition=f"attachment; filename*=UTF-8''{quote(filename)}",
    )


def xlsx_response(filename, sheets):
    return _download(xlsx_bytes(sheets), XLSX, filename)


def csv_response(filename, header, rows):
    return _download(csv_bytes(header, rows), "text/csv", filename, charset="utf-8")
