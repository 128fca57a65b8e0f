"""From 1 November the home page of administrators and petition heads says when next year's
holiday calendar is missing (and any time when this year's is); others are not told."""

from datetime import date

import pytest
from webtest import TestApp

from portal.clock import at
from portal.deadlines import supported_years
from portal.testing.web import login

NO_DATA = max(supported_years()) + 1  # the first year chinese-calendar does not know


def _home(app, user):
    t = TestApp(app)
    login(t, user)
    return t.get("/")


@pytest.mark.parametrize("user", ["admin", "city_head", "zy_head"])
def test_from_1_november_administrators_and_petition_heads_are_told(app, clock, user):
    clock.set(at(date(NO_DATA - 1, 11, 1), 9))
    notice = _home(app, user).html.find(id=f"calendar-notice-{NO_DATA}")
    assert notice is not None and f"{NO_DATA}年节假日安排尚未录入" in notice.get_text()
    link = notice.find("a")
    if user == "admin":
        assert link["href"].endswith(f"/@@holiday-year?year={NO_DATA}")
    else:
        assert link is None and "请系统管理员" in notice.get_text()


def test_not_before_november_and_not_to_others(app, clock):
    clock.set(at(date(NO_DATA - 1, 10, 31), 9))
    assert _home(app, "admin").html.find(id=f"calendar-notice-{NO_DATA}") is None
    clock.set(at(date(NO_DATA - 1, 11, 2), 9))
    for user in ("city_officer", "zy_s01_liaison", "city_leader"):
        assert "节假日安排尚未录入" not in _home(app, user).text, user


def test_the_notice_goes_once_the_year_is_entered(app, clock):
    clock.set(at(date(NO_DATA - 1, 11, 2), 9))
    admin = TestApp(app)
    login(admin, "admin")
    form = admin.get("/@@holiday-year").forms["year-notice-form"]
    assert form["year"].value == str(NO_DATA)
    form["notice"] = "一、元旦：1月1日至1月3日放假，共3天。"
    form.submit("save", status=302)
    assert admin.get("/").html.find(id=f"calendar-notice-{NO_DATA}") is None


def test_this_years_missing_calendar_is_told_all_year(app, clock):
    clock.set(at(date(NO_DATA, 3, 2), 9))
    assert _home(app, "zy_head").html.find(id=f"calendar-notice-{NO_DATA}") is not None
