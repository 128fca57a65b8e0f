"""The statistics page reads a summary kept by workflow events, not the cases; it answers
conditional requests with 304 until a case changes; the evolve step builds the summary."""

from datetime import date

import pytest

from portal.public import statistics, summary

from .conftest import FULL, SECOND


def seed_some(seed):
    seed(received_on=date(2026, 3, 2), steps=FULL + ("rate",), rating="satisfied")
    seed(received_on=date(2026, 3, 9), steps=FULL, days_per_step=20)
    seed(unit="/jinshui", person=SECOND, received_on=date(2026, 4, 1), steps=("accept",))
    seed(unit="/", received_on=date(2026, 5, 6), channel="letter")


def by_reading_every_case(site, year):
    return statistics.compute(site, year, facts=statistics.all_facts(site))


def test_the_summary_agrees_with_reading_every_case(app, seed, site_of):
    seed_some(seed)
    with site_of(app) as site:
        kept, read = statistics.compute(site, 2026), by_reading_every_case(site, 2026)
        assert (kept.months, kept.groups, kept.total) == (read.months, read.groups, read.total)
        assert kept.total.received == 4 and kept.total.concluded == 2 and kept.total.rated == 1
        assert dict((k, n) for k, _l, n in kept.channels) == {"visit": 3, "letter": 1}
        states = dict(kept.states)
        assert states["rated"] == 1 and states["accepted"] == 1 and states["registered"] == 1


def test_the_statistics_page_never_reads_a_case(app, seed, anon, monkeypatch):
    seed_some(seed)

    def refuse(*args, **kw):
        raise AssertionError("the statistics page read a case")

    monkeypatch.setattr(statistics, "facts_of", refuse)
    monkeypatch.setattr(statistics, "all_facts", refuse)
    page = anon.get("/public/statistics", {"year": "2026"})
    assert (
        page.html.find(id="month-table")
        .find("tr", attrs={"data-key": "2026-03"})
        .find(attrs={"data-field": "received"})
        .text
        == "2"
    )
    assert anon.get("/public/statistics.json", {"year": "2026"}).json["total"]["received"] == 4


def test_statistics_answer_304_until_a_case_changes(app, seed, anon):
    seed_some(seed)
    for url in ("/public/statistics?year=2026", "/public/statistics.json?year=2026"):
        first = anon.get(url)
        tag = first.headers["ETag"]
        assert first.headers["Cache-Control"].startswith("public, max-age=")
        again = anon.get(url, headers={"If-None-Match": tag}, status=304)
        assert again.body == b"" and again.headers["ETag"] == tag
    tags = {
        url: anon.get(url).headers["ETag"]
        for url in ("/public/statistics?year=2026", "/public/statistics.json?year=2026")
    }
    seed(received_on=date(2026, 6, 1))  # a new case: the counts move on
    for url, tag in tags.items():
        res = anon.get(url, headers={"If-None-Match": tag}, status=200)
        assert res.headers["ETag"] != tag
    assert anon.get("/public/statistics.json?year=2026").json["total"]["received"] == 5


def test_a_transition_moves_the_counts(app, seed, site_of, registry_pushed):
    from pyramid.traversal import find_resource

    from portal.cases import assignment
    from portal.clock import at
    from portal.workflow import fire

    from .seeding import SystemRequest

    path = seed(received_on=date(2026, 3, 2), steps=("accept", "instruct"))
    with site_of(app, commit=True) as site:
        assert dict(statistics.compute(site, 2026).states) == {"instructed": 1}
        case = find_resource(site, path)
        assignment.assign(
            case, site["zhongyuan"]["s01"], app.registry, actor="zy_officer", reviewing="/zhongyuan"
        )
        fire(
            case,
            "assign",
            SystemRequest(app.registry, site),
            actor="zy_officer",
            when=at(date(2026, 3, 9), 10),
            documents_present=("assignment_slip",),
            notify=app.registry.notify,
        )
        assert dict(statistics.compute(site, 2026).states) == {"assigned": 1}


def test_the_evolve_step_builds_the_summary_of_an_existing_database(app, seed, site_of):
    from portal.public.evolution import step_11_statistics_summary

    seed_some(seed)
    with site_of(app, commit=True) as site:
        expected = statistics.compute(site, 2026)
        del site.public_area.summary
        assert summary.get_summary(site) is None
        step_11_statistics_summary(site)
        step_11_statistics_summary(site)  # idempotent
        rebuilt = statistics.compute(site, 2026)
        assert (rebuilt.months, rebuilt.groups, rebuilt.channels, rebuilt.states) == (
            expected.months,
            expected.groups,
            expected.channels,
            expected.states,
        )


@pytest.fixture
def registry_pushed(app):
    from pyramid.threadlocal import manager

    manager.push({"registry": app.registry, "request": None})
    yield
    manager.pop()
