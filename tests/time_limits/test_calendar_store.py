"""The site's holiday calendar: seeded at install, installed once, found by ``get_calendar``."""

from datetime import date

import transaction

from portal.deadlines import HolidayCalendar
from portal.deadlines.holiday_calendar import HOLIDAY, MAKEUP_WORKING_DAY
from portal.resources import Site
from portal.time_limits import get_calendar, install

D = date.fromisoformat


def test_new_site_has_a_calendar_seeded_from_chinese_calendar(app, site_of):
    with site_of(app) as site:
        calendar = get_calendar(site)
        assert calendar is site.holiday_calendar
        assert calendar.day_kind(D("2026-10-01")) == HOLIDAY
        assert calendar.day_name(D("2026-10-01")) == "国庆节"
        assert calendar.day_kind(D("2026-10-10")) == MAKEUP_WORKING_DAY  # Saturday, 国庆 调休
        assert calendar.day_kind(D("2026-02-14")) == MAKEUP_WORKING_DAY  # Saturday, 春节 调休
        assert calendar.has_data(2026) and not calendar.has_data(2027)
        assert calendar.missing_data_warning(2027) == "2027年节假日数据尚未录入，暂按周末计算，请管理员补录"
        assert {e.actor for e in calendar.log} == {"system"}
        assert {e.action for e in calendar.log} == {"seed"}


def test_install_is_idempotent_and_keeps_administrators_edits(app, site_of):
    with site_of(app, commit=True) as site:
        calendar = site.holiday_calendar
        calendar.set_holiday(D("2026-12-25"), actor="admin", name="测试")
    with site_of(app) as site:
        version = site.holiday_calendar.version
        assert install(site) is False
        assert site.holiday_calendar.version == version
        assert site.holiday_calendar.day_kind(D("2026-12-25")) == HOLIDAY


def test_install_on_a_bare_site_creates_one_calendar():
    site = Site("郑州市教育局", "city_bureau")
    assert install(site) is True
    calendar = site.holiday_calendar
    assert isinstance(calendar, HolidayCalendar) and calendar.has_data(2026)
    assert install(site) is False and site.holiday_calendar is calendar


def test_get_calendar_installs_it_on_a_site_evolved_while_this_was_a_stub(app, site_of):
    with site_of(app, commit=True) as site:
        del site.holiday_calendar
    with site_of(app, commit=True) as site:
        assert not hasattr(site, "holiday_calendar")
        calendar = get_calendar(site)
        assert site.holiday_calendar is calendar and calendar.has_data(2026)
    with site_of(app) as site:
        assert site.holiday_calendar.has_data(2026)
    transaction.abort()
