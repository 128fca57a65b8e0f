"""xlsx responses: one sheet of a header and rows, as every dashboard's 导出Excel sends it."""
import io
from datetime import date
from urllib.parse import quote

from openpyxl import Workbook
from pyramid.response import Response

from portal.clock import format_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell(value):
    """Dates as 2026-11-26, times as 2026-11-26 14:30 (Shanghai), booleans 是/否."""
    if isinstance(value, date):
        return format_date(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else value


def xlsx_response(filename, sheets):
    """``sheets``: [(sheet title, header list, rows)]; returns the download response."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(list(header))
        for row in rows:
            ws.append([cell(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return Response(body=out.getvalue(), content_type=XLSX,
                    content_disposition=f"attachment; filename*=UTF-8''{quote(filename)}")
