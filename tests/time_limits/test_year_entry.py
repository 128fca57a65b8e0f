"""``@@holiday-year``: an administrator enters a year without holiday data in one step, from the
State Council's notice as published; previewed month by month, saved as one logged edit, and
open deadlines recomputed (so their provisional 暂定 mark goes)."""

from datetime import date

import pytest
from persistent.mapping import PersistentMapping

from portal.catalog import index_object
from portal.deadlines import Deadline, supported_years
from portal.resources import Unit

PAGE = "/@@holiday-year"
YEAR = max(supported_years()) + 1  # the first year chinese-calendar does not know
NOTICE = (
    "一、元旦：1月1日至3日放假，共3天。\n"
    "二、春节：2月6日至2月14日放假调休，共9天。2月5日、2月20日上班。\n"
    "七、国庆节：10月1日至7日放假调休，共7天。9月26日、10月9日上班。"
)
HOLIDAYS = 3 + 9 + 7


@pytest.fixture
def waiting(app, site_of):
    """A unit holding an acceptance-notice deadline received on 26 January of ``YEAR``: 15 days
    on is 10 February, inside the 春节 block of ``NOTICE``."""
    with site_of(app, commit=True) as site:
        unit = Unit("测试用期限载体", "school")
        site["zhongyuan"]["s01"].add("xf-year", unit, send_events=False)
        unit.deadlines = PersistentMapping()
        unit.deadlines["acceptance_notice"] = Deadline(
            "acceptance_notice", date(YEAR, 1, 26), site.holiday_calendar, actor="zy_officer"
        )
        index_object(unit, site)
    return "/zhongyuan/s01/xf-year"


def _deadline(site):
    return site["zhongyuan"]["s01"]["xf-year"].deadlines["acceptance_notice"]


def _submit(admin, button, year=YEAR, notice=NOTICE, status=200):
    form = admin.get(PAGE).forms["year-notice-form"]
    form["year"], form["notice"] = str(year), notice
    return form.submit(button, status=status)


def test_the_page_offers_next_year_from_november(admin, clock):
    from portal.clock import at

    clock.set(at(date(YEAR - 1, 11, 1), 9))
    assert admin.get(PAGE).forms["year-notice-form"]["year"].value == str(YEAR)
    clock.set(at(date(YEAR - 1, 10, 31), 9))
    assert admin.get(PAGE).forms["year-notice-form"]["year"].value == str(YEAR - 1)


def test_preview_shows_the_year_month_by_month_and_saves_nothing(admin, app, site_of):
    with site_of(app) as site:
        before = site.holiday_calendar.version
    page = _submit(admin, "preview")
    summary = page.html.find(id="preview-summary").get_text(" ", strip=True)
    assert f"法定节假日 {HOLIDAYS} 天，调休上班日 4 天" in summary
    assert "春节 2月6日至2月14日（9天） 2月5日、2月20日" in summary
    months = page.html.find(id="preview-calendar").find_all("table")
    assert len(months) == 12
    cell = page.html.find("td", attrs={"data-day": f"{YEAR}-02-10"})
    assert "day-holiday" in cell["class"] and cell.get_text(strip=True) == "10休"
    cell = page.html.find("td", attrs={"data-day": f"{YEAR}-02-20"})
    assert "day-makeup" in cell["class"] and cell.get_text(strip=True) == "20班"
    assert page.forms["year-notice-form"]["notice"].value == NOTICE  # kept for 保存
    with site_of(app) as site:
        assert site.holiday_calendar.version == before
        assert not site.holiday_calendar.has_data(YEAR)


def test_saving_enters_the_year_and_recomputes_open_deadlines(admin, app, site_of, waiting):
    with site_of(app) as site:
        due = _deadline(site).due
        assert due.due_date == date(YEAR, 2, 10) and due.provisional
        before = site.holiday_calendar.version
    res = _submit(admin, "save", status=302)
    assert res.location.endswith(f"/@@holiday-calendar?year={YEAR}")
    page = res.follow()
    assert (
        f"已按国务院办公厅节假日安排通知录入{YEAR}年节假日安排：法定节假日{HOLIDAYS}天、调休上班日4天，"
        f"节假日设置更新为第{before + 1}版。"
    ) in page.text
    assert "其中 1 个期限的到期日发生变化" in page.text
    assert page.html.find(id="missing-data-warning") is None
    with site_of(app) as site:
        calendar = site.holiday_calendar
        assert calendar.version == before + 1 and calendar.has_data(YEAR)
        assert len(calendar.holidays(YEAR)) == HOLIDAYS and len(calendar.working_days(YEAR)) == 4
        assert calendar.log[-1].action == "enter_year" and calendar.log[-1].actor == "admin"
        due = _deadline(site).due
        # 10 February falls in the 春节 block (6-14); the next working day is 15 February
        assert due.due_date == date(YEAR, 2, 15) and not due.provisional
        assert due.calendar_version == before + 1


def test_unreadable_text_is_refused_at_the_field_and_kept(admin, app, site_of):
    with site_of(app) as site:
        before = site.holiday_calendar.version
    text = "一、春节：2月6日至2月14日放假调休，共8天。"
    page = _submit(admin, "save", notice=text)
    error = page.html.find(class_="invalid-feedback") or page.html.find(class_="help-block")
    assert "春节：写明共8天，按日期为9天，请核对" in page.text and error is not None
    assert page.forms["year-notice-form"]["notice"].value == text
    assert "preview-calendar" not in page.text
    with site_of(app) as site:
        assert site.holiday_calendar.version == before


@pytest.mark.parametrize("user", ["zy_head", "city_officer"])
def test_only_site_administrators_may_enter_a_year(testapp, user):
    from portal.testing.web import csrf_token, login

    login(testapp, user)
    testapp.get(PAGE, status=403)
    testapp.post(
        PAGE,
        {"csrf_token": csrf_token(testapp), "year": str(YEAR), "notice": NOTICE, "save": "save"},
        status=403,
    )


def test_the_calendar_page_links_to_the_year_entry(admin):
    page = admin.get("/@@holiday-calendar", {"year": YEAR})
    assert page.html.find("a", href=lambda h: h and h.endswith(f"{PAGE}?year={YEAR}")) is not None
