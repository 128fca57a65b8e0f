"""The demo tells the story (issue 17 item 1): the database ``./dev demo`` builds has something
in every state of the case workflow, at city, county and school level, overdue and owned
cases, published progress and a 复查 -- and the pages show it to the people of the demo."""

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from webtest import TestApp

from portal.testing.web import login

CASE_WORKFLOW = Path(__file__).resolve().parents[2] / "workflows" / "case.toml"


def _cases(site):
    from hypatia.query import Eq

    from portal.catalog import search

    return search(site, Eq(site.catalog["type_name"], "case")).all()


@pytest.fixture
def cases(story_app, site_of):
    with site_of(story_app) as site:
        yield list(_cases(site))


def test_every_state_of_the_case_workflow_has_a_case(story_app, site_of):
    states = [s["id"] for s in tomllib.loads(CASE_WORKFLOW.read_text())["states"]]
    with site_of(story_app) as site:
        found = {c.workflow_state for c in _cases(site)}
    assert [s for s in states if s not in found] == []


def test_cases_at_city_county_and_school_level(story_app, site_of, clock):
    with site_of(story_app) as site:
        cases = list(_cases(site))
        registering = {c.registering_unit for c in cases}
        responsible = {c.responsible_unit for c in cases if c.responsible_unit}
        assert {"/", "/zhongyuan", "/jinshui"} <= registering
        assert {"/zhongyuan/s01", "/jinshui/s01"} <= responsible
        today = clock.today()
        overdue = [c for c in cases for d in c.deadlines.values() if d.is_open and d.due.due_date < today]
        assert overdue, "some cases are overdue"
        assert any(getattr(c, "owner", None) for c in cases)  # 包案
        assert any(c.workflow_state in ("under_review", "reviewed") for c in cases)  # 复查
        # nothing is dated after today: the story is told relative to the portal's clock
        assert all(e.when.date() <= today for c in cases for e in c.workflow_history)


def test_the_public_reads_the_published_progress(story_app):
    t = TestApp(story_app)
    listing = t.get("/public/progress")
    links = [a["href"] for a in listing.html.select("main a") if "/public/progress/" in a.get("href", "")]
    assert len(links) >= 3
    page = t.get(links[0])
    assert page.html.select_one("article#public-progress") is not None


def test_the_leaders_see_the_cases_they_own(story_app):
    for leader in ("zy_leader", "city_leader"):
        t = TestApp(story_app)
        login(t, leader)
        page = t.get("/@@owned-cases")
        assert "郑教信" in page.text or "中原教信" in page.text, leader


def test_the_home_of_the_county_officer_shows_overdue_cases(story_app):
    t = TestApp(story_app)
    login(t, "zy_officer")
    home = t.get("/")
    assert "已超期" in home.text
    assert "中原教信" in home.text


def test_reports_of_the_last_months_on_time_late_and_returned(story_app, site_of, clock):
    from portal.reports.months import first_day, month_key, previous_months

    last = month_key(first_day(month_key(clock.today())) - timedelta(days=1))
    months = previous_months(last, 3)
    with site_of(story_app) as site:
        reports = [
            site[county][school].get(f"report-{m}")
            for county, school in (("zhongyuan", "s01"), ("jinshui", "s01"))
            for m in months
        ]
        assert all(r is not None for r in reports)
        assert any(r.late for r in reports) and any(r.filed_at and not r.late for r in reports)
        assert {r.workflow_state for r in reports} >= {"accepted", "returned", "submitted"}


def test_a_sensitive_period_with_zero_reports_and_the_risk_ledger(story_app, site_of, clock):
    from portal.documents.api import documents_in
    from portal.reports.periods import periods_on
    from portal.reports.store import get_store

    with site_of(story_app) as site:
        [period] = periods_on(site, clock.today())
        assert "/zhongyuan" in period.counties
        zero = [k for k in site["zhongyuan"]["s01"].keys() if k.startswith(f"zero-{period.id}-")]
        assert len(zero) >= 2
        assert any(get_store(site).zero_rows(period.id, d) for d in (clock.today() - timedelta(days=3),))
        risks = documents_in(site["zhongyuan"]["s01"], "risk_ledger_entry")
        assert {d.appstruct["status"] for d in risks} >= {"open", "in_progress"}


def test_reception_days_past_and_coming(story_app, site_of, clock):
    from portal.duties.receptions.model import days_between

    today = clock.today()
    with site_of(story_app) as site:
        days = days_between(site, site["zhongyuan"], today - timedelta(days=30), today + timedelta(days=30))
        assert any(d.on < today and d.state == "held" for d in days)
        assert any(d.on < today and d.state == "scheduled" for d in days)  # still to register
        assert any(d.on > today for d in days)
        assert days_between(site, site["jinshui"], today, today + timedelta(days=30))


def test_the_people_of_the_demo_have_notifications(story_app, site_of):
    from portal.notifications.centre import notifications_of

    with site_of(story_app) as site:
        for userid in ("zy_officer", "zy_s01_liaison", "zy_leader", "city_officer"):
            assert list(notifications_of(site, userid)), userid
    t = TestApp(story_app)
    login(t, "zy_officer")
    assert "下级逾期" in t.get("/").text
