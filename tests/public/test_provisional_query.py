"""The petitioner's query page marks the last day for a review request 暂定 while it falls in a
year without holiday data, and drops the mark once that year is entered."""

from datetime import date

from portal.clock import at
from portal.deadlines import supported_years

from .conftest import FULL, PETITIONER

NO_DATA = max(supported_years()) + 1  # the first year chinese-calendar does not know


def test_the_review_deadline_on_the_query_page_is_provisional_until_entered(
    app, seed, anon, staff_app, pending_code, do_lookup, clock, site_of
):
    received = date(NO_DATA - 1, 12, 1)
    path = seed(received_on=received, steps=FULL, days_per_step=3)  # replied and delivered 12-19
    clock.set(at(date(NO_DATA - 1, 12, 20), 10))
    code = pending_code(staff_app("zy_officer"), path)
    page = do_lookup(anon, code, PETITIONER["phone"][-4:]).follow()
    with site_of(app) as site:
        from pyramid.traversal import find_resource

        due = find_resource(site, path).deadlines["review_request"].due
    assert due.provisional and due.due_date.year == NO_DATA
    shown = f"{due.due_date.year}年{due.due_date.month}月{due.due_date.day}日（暂定）"
    assert shown in page.text and "review-form" in page.text

    admin = staff_app("admin")
    form = admin.get("/@@holiday-year", {"year": NO_DATA}).forms["year-notice-form"]
    form["notice"] = "一、元旦：1月1日至1月3日放假，共3天。"
    form.submit("save", status=302)
    page = anon.get("/public/my-case")
    assert "（暂定）" not in page.text and "review-form" in page.text
