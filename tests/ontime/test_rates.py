"""On-time rates at a fixed date match a hand-computed table, on the page and in the export."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pyramid.traversal import find_resource
from webtest import TestApp

from portal.ontime import rates
from portal.ontime.rates import Rate
from portal.testing.web import login
from tests.public.seeding import Seeder

TODAY = date(2026, 11, 30)


@pytest.fixture
def seeded(app, clock):
    """中原区教育局 registers three cases with known outcomes (see the table below)."""
    from portal.clock import at

    clock.set(at(TODAY, 10))
    seed = Seeder(app)
    # A: accepted on day 2, assigned to 中原区第一中学, replied on 3-14 (handling due 5-3)
    seed(
        unit="/zhongyuan",
        received_on=date(2026, 3, 2),
        days_per_step=2,
        steps=("accept", "assign", "start_handling", "submit_opinion", "conclude", "reply"),
    )
    # B: accepted on 3-22, after its notice was due (3-17); never assigned nor replied
    seed(unit="/zhongyuan", received_on=date(2026, 3, 2), days_per_step=20, steps=("accept",))
    # C: received 4-1, never accepted (notice due 4-16)
    seed(unit="/zhongyuan", received_on=date(2026, 4, 1))
    # D: received 11-25, notice due 12-10: not yet counted
    seed(unit="/zhongyuan", received_on=date(2026, 11, 25))
    return app


def test_the_rates_match_the_hand_computed_table(seeded, site_of):
    with site_of(seeded) as site:
        county, school = site["zhongyuan"], find_resource(site, "/zhongyuan/s01")
        assert rates(county, 2026, today=TODAY) == {
            "acceptance": Rate(1, 3),  # A on time; B late; C overdue
            "handling": Rate(0, 1),  # B: its own, due 5-21, open
            "reply": Rate(1, 2),  # A replied in time; B never
            "monthly_report": Rate(0, 11),  # January to November, none filed
        }
        assert rates(county, 2026, 3, today=TODAY)["acceptance"] == Rate(1, 2)
        assert rates(county, 2026, 4, today=TODAY)["acceptance"] == Rate(0, 1)
        assert rates(county, 2026, 12, today=TODAY)["acceptance"] == Rate(0, 0)
        assert rates(school, 2026, today=TODAY)["handling"] == Rate(1, 1)  # A, owed by the school
        assert rates(school, 2026, today=TODAY)["acceptance"] == Rate(0, 0)
        assert str(Rate(1, 3)) == "33.3%（1/3）" and str(Rate()) == "—"


def test_the_dashboards_show_them_and_the_level_above_sees_every_unit_below(seeded):
    county, city, school = TestApp(seeded), TestApp(seeded), TestApp(seeded)
    login(county, "zy_officer")
    login(city, "city_officer")
    login(school, "zy_s01_liaison")
    own = county.get("/zhongyuan/@@ontime", {"year": "2026", "month": "3"}).html.find(id="own-rates")
    cells = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in own.find_all("tr")[1:]]
    assert cells[0] == ["受理告知按期率", "50.0%（1/2）", "33.3%（1/3）"]
    assert cells[2] == ["按期答复率", "—", "50.0%（1/2）"]
    below = county.get("/zhongyuan/@@ontime", {"year": "2026", "month": "3"}).html.find(id="below-rates")
    names = [tr.find("td").get_text(strip=True) for tr in below.find_all("tr")[1:]]
    # worst first: every school is 0/11 on reports; 中原区第一中学 also met A's handling (1/12)
    assert len(names) == 5 and names[-1] == "中原区第一中学"
    # the city sees every county and directly-run unit, worst first; 中原区 is among them
    rows = city.get("/@@ontime", {"year": "2026", "month": "3"}).html.find(id="below-rates")
    titles = [tr.find("td").get_text(strip=True) for tr in rows.find_all("tr")[1:]]
    assert "中原区教育局" in titles and len(titles) == 16 + 6
    res = city.get("/@@ontime-export", {"year": "2026", "month": "3"})
    sheet = load_workbook(io.BytesIO(res.body)).active
    exported = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert exported == titles
    zy = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "中原区教育局"][0]
    assert zy[1] == "50.0%（1/2）" and zy[5] == "33.3%（1/3）"
    # a school sees its own rates, not the units beside it, and cannot export
    page = school.get("/zhongyuan/s01/@@ontime", {"year": "2026"})
    assert page.html.find(id="below-rates") is None
    school.get("/zhongyuan/@@ontime-export", status=403)
