"""The demo tells the story (issue 17 item 1): the database ``./dev demo`` builds has something
in every state of the case workflow, at city, county and school level, overdue and owned
cases, published progress and a 复查 -- and the pages show it to the people of the demo."""

import tomllib
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
