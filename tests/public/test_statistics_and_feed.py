"""Open statistics checked against seeded cases; the JSON equals the page; charts have text
alternatives; small samples are not rated; the Atom feed is well-formed."""

import json
from datetime import date
from xml.etree import ElementTree as ET

from .conftest import FULL, PETITIONER, SECOND

ATOM = "{http://www.w3.org/2005/Atom}"


def seed_year(seed):
    ratings = ["satisfied"] * 7 + ["basically_satisfied"] * 2 + ["unsatisfied"]
    for rating in ratings:
        seed(received_on=date(2026, 3, 2), steps=FULL + ("rate",), rating=rating)
    seed(received_on=date(2026, 3, 2), steps=FULL)  # on time, not rated
    seed(received_on=date(2026, 3, 2), steps=FULL, days_per_step=20)  # concluded late, June
    for _ in range(2):
        seed(unit="/jinshui", person=SECOND, received_on=date(2026, 4, 1), steps=FULL)
    seed(unit="/jinshui", person=SECOND, received_on=date(2026, 4, 1), steps=("accept",))
    seed(unit="/", received_on=date(2026, 5, 6))


def table(page, table_id):
    rows = {}
    for tr in page.html.find(id=table_id).find_all("tr", attrs={"data-key": True}):
        rows[tr["data-key"]] = {
            td["data-field"]: td.text.strip() for td in tr.find_all("td", attrs={"data-field": True})
        }
    return rows


def test_statistics_match_the_seeded_cases_and_the_json(seed, anon):
    seed_year(seed)
    page = anon.get("/public/statistics", {"year": "2026"})
    data = anon.get("/public/statistics.json", {"year": "2026"}).json
    months = {r["key"]: r for r in data["months"]}
    assert (
        months["2026-03"]["received"],
        months["2026-03"]["concluded"],
        months["2026-03"]["concluded_on_time"],
    ) == (12, 11, 11)
    assert months["2026-03"]["on_time_rate"] == 1.0
    assert (months["2026-03"]["rated"], months["2026-03"]["satisfied"]) == (10, 9)
    assert months["2026-03"]["satisfaction_rate"] == 0.9
    assert (months["2026-04"]["received"], months["2026-04"]["concluded"]) == (3, 2)
    assert months["2026-04"]["on_time_rate"] is None  # 2 < 10: not rated
    assert months["2026-05"]["received"] == 1
    assert (months["2026-06"]["concluded"], months["2026-06"]["concluded_on_time"]) == (1, 0)
    counties = {r["key"]: r for r in data["counties"]}
    zy = counties["zhongyuan"]
    assert (zy["received"], zy["concluded"], zy["concluded_on_time"]) == (12, 12, 11)
    assert zy["on_time_rate"] == round(11 / 12, 4) and zy["satisfaction_rate"] == 0.9
    assert (counties["jinshui"]["received"], counties["jinshui"]["concluded"]) == (3, 2)
    assert counties["jinshui"]["on_time_rate"] is None
    assert counties["city"]["received"] == 1
    assert data["total"]["received"] == 16 and data["total"]["concluded"] == 14
    # the city's own order (portal.resources.order), never a ranking
    assert [r["key"] for r in data["counties"]][:3] == ["city", "zhongyuan", "erqi"]

    # the page shows the same numbers as the JSON
    for table_id, rows in (("month-table", data["months"]), ("county-table", data["counties"])):
        shown = table(page, table_id)
        for row in rows:
            cells = shown[row["key"]]
            for field in ("received", "concluded", "concluded_on_time", "rated"):
                assert int(cells[field]) == row[field], (table_id, row["key"], field)
            for field, sample in (
                ("on_time_rate", "on_time_sample"),
                ("satisfaction_rate", "satisfaction_sample"),
            ):
                expected = "样本不足" if row[field] is None else f"{row[field] * 100:.1f}%"
                assert cells[field] == f"{expected}（{row[sample]}）"
    assert table(page, "month-table")["total"]["received"] == "16"
    assert "91.7%（12）" in page.text and "样本不足（2）" in page.text
    # charts: server-drawn SVG with a title and a description stating the values
    svg = page.html.find("svg", id="month-chart")
    assert svg["role"] == "img" and "3月12" in svg.find("desc").text
    assert page.html.find("svg", id="county-chart").find("title").text.startswith("2026年")


def test_statistics_never_leak_identities(seed, anon):
    seed(person=PETITIONER, steps=FULL)
    for url in ("/public/statistics", "/public/statistics.json"):
        body = anon.get(url).text
        for value in PETITIONER.values():
            assert value not in body


def test_atom_feed_is_well_formed(seed, staff_app, publish_case, anon):
    officer = staff_app("zy_officer")
    paths = [seed(steps=FULL), seed(person=SECOND, steps=("accept",))]
    empty = ET.fromstring(anon.get("/public/feed.atom").body)
    assert empty.tag == f"{ATOM}feed" and empty.findall(f"{ATOM}entry") == []
    for path in paths:
        publish_case(officer, path)
    res = anon.get("/public/feed.atom")
    assert res.content_type == "application/atom+xml"
    feed = ET.fromstring(res.body)
    for name in ("title", "id", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        for name in ("title", "id", "updated", "summary"):
            assert entry.find(f"{ATOM}{name}").text
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith("http://localhost/public/progress/")
        anon.get(href.replace("http://localhost", ""), status=200)
    assert {e.find(f"{ATOM}title").text.split()[0][:4] for e in entries} == {"中原教信"}


def test_json_numbers_are_plain(anon):
    data = json.loads(anon.get("/public/statistics.json").text)
    assert data["min_sample"] == 10 and len(data["months"]) == 12
