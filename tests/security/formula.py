"""Checks that a downloaded spreadsheet cannot run anything (plain module: the reporting tests
use it too). A cell is inert when it is not a formula and no text in it starts (after white
space) with = + - @, a tab or a carriage return unless prefixed with an apostrophe."""

import csv
import io

from openpyxl import load_workbook

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _live(value):
    return isinstance(value, str) and value.lstrip(" \n\u3000").startswith(TRIGGERS)


def xlsx_texts(body):
    """Every string cell of every sheet; fails on a formula cell or a live text."""
    book = load_workbook(io.BytesIO(body))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                assert not _live(cell.value), (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


def csv_texts(body):
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    texts = [value for row in rows for value in row]
    assert not [v for v in texts if _live(v)]
    return texts
