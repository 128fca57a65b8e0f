"""A due date counted through a year without holiday data is marked 暂定 wherever staff see it --
the case page, the to-do list, the ledger and its xlsx, the deadline warnings -- and loses the
mark once an administrator enters that year."""

import io
from datetime import date, timedelta

from openpyxl import load_workbook
from pyramid.traversal import find_resource
from webtest import TestApp

from portal.clock import at
from portal.deadlines import supported_years
from portal.testing.web import login

NO_DATA = max(supported_years()) + 1  # the first year chinese-calendar does not know
REGISTERED = date(NO_DATA - 1, 12, 28)  # 15 days on is in NO_DATA


def _ledger_due(officer):
    res = officer.get("/@@cases-export")
    rows = list(load_workbook(io.BytesIO(res.body)).active.iter_rows(values_only=True))
    return rows[1][rows[0].index("到期日")]


def _surfaces(officer, path):
    return {
        "case page": officer.get(path).text,
        "to-do": officer.get("/").text,
        "ledger": officer.get("/@@cases").text,
        "notices": officer.get("/@@notifications").text,
    }


def test_a_provisional_due_date_is_marked_everywhere_until_the_year_is_entered(app, site_of, register, clock):
    clock.set(at(REGISTERED, 10))
    officer = TestApp(app)
    login(officer, "city_officer")
    path = register(officer).location.replace("http://localhost", "")
    with site_of(app) as site:
        due = find_resource(site, path).deadlines["acceptance_notice"].due
    assert due.due_date.year == NO_DATA and due.provisional
    marked = f"{due.due_date.isoformat()}（暂定）"

    from portal.notifications.sweep import sweep

    clock.set(at(due.due_date - timedelta(days=2), 10))
    with site_of(app, commit=True) as site:
        later = due.due_date + timedelta(days=62)  # the standing duties' own warnings stay out
        site.duties.since = f"{later.year:04d}-{later.month:02d}"
        sweep(site, app.registry, at(due.due_date - timedelta(days=2), 10))
    for surface, text in _surfaces(officer, path).items():
        if surface == "notices":
            assert f"（{due.due_date.isoformat()}，暂定）" in text, surface
        else:
            assert marked in text, surface
    assert _ledger_due(officer) == marked

    admin = TestApp(app)
    login(admin, "admin")
    form = admin.get("/@@holiday-year", {"year": NO_DATA}).forms["year-notice-form"]
    form["notice"] = "一、元旦：1月1日至1月3日放假，共3天。"
    form.submit("save", status=302)
    with site_of(app) as site:
        after = find_resource(site, path).deadlines["acceptance_notice"].due
    assert not after.provisional
    plain = after.due_date.isoformat()
    pages = _surfaces(officer, path)
    for surface in ("case page", "to-do", "ledger"):
        assert plain in pages[surface] and "（暂定）" not in pages[surface], surface
    assert _ledger_due(officer) == plain


def test_due_dates_in_years_with_data_carry_no_mark(app, site_of, register, clock):
    clock.set(at(date(NO_DATA - 1, 6, 1), 10))  # 15 days on is still in a year with data
    officer = TestApp(app)
    login(officer, "city_officer")
    path = register(officer).location.replace("http://localhost", "")
    with site_of(app) as site:
        assert not find_resource(site, path).deadlines["acceptance_notice"].due.provisional
    assert "（暂定）" not in officer.get(path).text and "（暂定）" not in officer.get("/@@cases").text
