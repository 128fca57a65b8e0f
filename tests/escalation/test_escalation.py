"""Overdue work climbs the tree: a school's late case reaches its county, then the city, once
per level, and shows on their 我的待办 as 下级逾期 (who is late, by how much)."""

from datetime import timedelta

import pytest
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource
from webtest import TestApp

from portal import clock as portal_clock
from portal.escalation.sources import OverdueItem
from portal.escalation.store import get_store
from portal.escalation.tree import bureaus_above
from portal.notifications.centre import notifications_of
from portal.notifications.sweep import sweep
from portal.testing.web import login
from tests.public.seeding import Seeder


def at(day, hour=10):
    return portal_clock.at(day, hour)


def _sweep(app, site_of, now):
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            return sweep(site, app.registry, now)
    finally:
        manager.pop()


def _open(app, site_of, source="case_deadline"):
    with site_of(app) as site:
        store = get_store(site)
        return sorted((k[2], store.records[k].target) for k in store.open_keys(source))


def _titles(app, site_of, userid, path="/c"):
    """Titles of ``userid``'s 下级逾期 notices about objects under ``path`` (cases: /c...)."""
    with site_of(app) as site:
        return [
            n.title
            for n in notifications_of(site, userid)
            if n.kind == "subordinate_overdue" and n.url.startswith(path)
        ]


@pytest.fixture
def late_case(app, site_of):
    """A city case assigned to 中原区第一中学, received on the day escalation was switched on;
    returns (path, handling due date)."""
    with site_of(app) as site:
        start = get_store(site).since
    path = Seeder(app)(
        unit="/", received_on=start, steps=("accept", "assign"), days_per_step=0, assign_to="/zhongyuan/s01"
    )
    with site_of(app) as site:
        return path, find_resource(site, path).deadlines["handling"].due.due_date


def test_the_tree_above_a_unit(app, site_of):
    with site_of(app) as site:
        assert bureaus_above(site, "/zhongyuan/s01") == ("/zhongyuan", "/")
        assert bureaus_above(site, "/zhongyuan") == ("/",)
        assert bureaus_above(site, "/zhongyuan/jichu") == ("/zhongyuan", "/")  # a county 科室
        assert bureaus_above(site, "/zz1z") == ("/",)
        assert bureaus_above(site, "/") == ()


def test_a_late_case_climbs_to_the_county_then_the_city(app, site_of, late_case):
    path, due = late_case
    _sweep(app, site_of, at(due))  # due today: not late yet
    assert _open(app, site_of) == []

    _sweep(app, site_of, at(due + timedelta(days=1)))
    assert _open(app, site_of) == [(1, "/zhongyuan")]
    [title] = _titles(app, site_of, "zy_officer")
    assert title.startswith("下级逾期：中原区第一中学 信访事项 郑教信") and "办理期限已逾期1天" in title
    assert _titles(app, site_of, "city_officer") == []
    assert _titles(app, site_of, "zy_s01_liaison") == []  # the late unit is not told "下级逾期"

    for days in (1, 2, 30):  # within one period (30 days for handling): nothing new
        _sweep(app, site_of, at(due + timedelta(days=days), 15))
    assert _open(app, site_of) == [(1, "/zhongyuan")]
    assert len(_titles(app, site_of, "zy_officer")) == 1

    _sweep(app, site_of, at(due + timedelta(days=31)))
    assert _open(app, site_of) == [(1, "/zhongyuan"), (2, "/")]
    [city] = _titles(app, site_of, "city_officer")
    assert "已逾期31天" in city
    assert sorted(_titles(app, site_of, "city_head")) == [city]
    assert len(_titles(app, site_of, "zy_officer")) == 1
    _sweep(app, site_of, at(due + timedelta(days=31), 16))
    assert len(_titles(app, site_of, "city_officer")) == 1  # once per level


def test_the_to_do_shows_who_is_late_and_by_how_much(app, site_of, late_case, clock):
    path, due = late_case
    now = at(due + timedelta(days=31))
    with site_of(app, commit=True) as site:  # this test is about cases: the standing duties
        later = (now + timedelta(days=62)).date()  # (judged from a later month) stay off the list
        site.duties.since = f"{later.year:04d}-{later.month:02d}"
    _sweep(app, site_of, now)
    clock.set(now + timedelta(days=2))
    county, city, school, other = TestApp(app), TestApp(app), TestApp(app), TestApp(app)
    for t, who in (
        (county, "zy_officer"),
        (city, "city_officer"),
        (school, "zy_s01_liaison"),
        (other, "js_officer"),
    ):
        login(t, who)
    with site_of(app) as site:  # a due date in a year without holiday data is 暂定
        mark = "" if site.holiday_calendar.has_data(due.year) else "（暂定）"
    for t in (county, city):
        page = t.get("/")
        table = page.html.find(id="todo-overdue-below")
        assert table is not None
        row = [tr for tr in table.find_all("tr") if path in str(tr)][0]
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        assert "信访事项期限" in cells[0] and "办理期限" in cells[0]
        assert cells[1] == "中原区第一中学" and cells[2] == due.isoformat() + mark
        assert cells[3] == "逾期33天"
    full = city.get("/@@overdue-below").html.find(id="overdue-below")
    assert "再上一级" in full.get_text()
    for t in (school, other):
        page = t.get("/")
        table = page.html.find(id="todo-overdue-below")
        assert table is None or path not in str(table)


def test_done_work_leaves_the_to_do(app, site_of, late_case):
    path, due = late_case
    _sweep(app, site_of, at(due + timedelta(days=1)))
    with site_of(app, commit=True) as site:
        case = find_resource(site, path)
        case.deadlines["handling"].complete(due + timedelta(days=2), actor="zy_s01_liaison")
        from portal.catalog import reindex_object

        reindex_object(case, ("deadline_due",))
    _sweep(app, site_of, at(due + timedelta(days=2), 15))
    assert _open(app, site_of) == []
    with site_of(app) as site:
        assert len(get_store(site).closed) == 1


def test_an_owned_case_tells_its_leader_at_the_first_level(app, site_of, late_case):
    path, due = late_case
    with site_of(app, commit=True) as site:
        find_resource(site, path).owner = "city_deputy"
    _sweep(app, site_of, at(due + timedelta(days=1)))
    [title] = _titles(app, site_of, "city_deputy")
    assert "中原区第一中学" in title
    assert _titles(app, site_of, "city_officer") == []


def test_sources_are_validated_and_a_broken_one_is_skipped(app, site_of, late_case):
    from pyramid.config import Configurator
    from pyramid.exceptions import ConfigurationError

    from portal.escalation.sources import add_escalation_source

    config = Configurator()
    with pytest.raises(ConfigurationError):
        add_escalation_source(config, "Bad Name", "title", lambda s, t: [])
    with pytest.raises(ConfigurationError):
        add_escalation_source(config, "no_title", "no chinese", lambda s, t: [])

    def broken(site, today):
        raise RuntimeError("boom")

    from portal.escalation.sources import SOURCES_KEY, Source

    sources = app.registry[SOURCES_KEY]
    sources["broken"] = Source("broken", "坏来源", broken)
    try:
        path, due = late_case
        _sweep(app, site_of, at(due + timedelta(days=1)))
        assert _open(app, site_of) == [(1, "/zhongyuan")]  # the others still ran
    finally:
        del sources["broken"]


def test_levels_follow_the_period():
    from datetime import date

    item = OverdueItem("k", "x", "/a", date(2026, 5, 1), period_days=5)
    assert [item.level_on(date(2026, 5, d)) for d in (1, 2, 6, 7, 30)] == [0, 1, 1, 2, 2]


def test_a_missing_monthly_report_climbs_and_a_filed_one_does_not(app, site_of):
    from portal.reports.dashboard import due_date
    from portal.reports.store import MonthlyRow
    from portal.reports.store import get_store as reports_store

    with site_of(app, commit=True) as site:
        since = get_store(site).since
        month = f"{since.year + (since.month == 12):04d}-{since.month % 12 + 1:02d}"  # next month
        due = due_date(site, month)
        filed = site["zhongyuan"]["s02"]
        reports_store(site).month_rows(month, create=True).set(
            "/zhongyuan",
            filed.__docid__,
            MonthlyRow("/zhongyuan/s02", filed.title, "/zhongyuan", "submitted", at(due), False),
        )
    _sweep(app, site_of, at(due + timedelta(days=1)))
    with site_of(app) as site:
        store = get_store(site)
        opened = {(k[1], store.records[k].target) for k in store.open_keys("monthly_report")}
    assert (f"/zhongyuan/s01:{month}", "/zhongyuan") in opened
    assert (f"/zhongyuan:{month}", "/") in opened  # a county's own report: the city
    assert not any(key == f"/zhongyuan/s02:{month}" for key, _t in opened)  # filed: stays put
    from portal.reports.months import month_label

    [title] = [
        t for t in _titles(app, site_of, "zy_officer", "/zhongyuan/s01/") if month_label(month) in t
    ]  # (an earlier month may be missing too)
    assert "中原区第一中学" in title and "月信访工作月报表已逾期1天" in title
