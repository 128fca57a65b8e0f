"""The standing duties at city scale: the level above's board and the daily sweep.

    .venv/bin/python bench/duties.py                  # 3000 schools, about a minute
    .venv/bin/python bench/duties.py --schools 300    # quick

Builds the tree through the real application (16 counties with their sections and schools,
one liaison per school, one officer and a principal leader per county), records the leading
group meetings of half the units for the month, then times (p50 / p95 / max, ms):

* the city's board (``portal.duties.board.board`` for the city: 16 counties + direct units);
* a county's board (its ~190 schools), rotating over the counties;
* the duties' sweep task on the first sweep of a day (every unit looked at once);
* the five escalation sources' ``find`` (what the escalation sweep asks every run).

It checks what it measures: each board has one line per unit below, the meetings recorded
show as held, the rest as missed in the following month.
"""

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import transaction  # noqa: E402
from pyramid.threadlocal import manager  # noqa: E402

from portal.demo.data import COUNTIES, COUNTY_SECTIONS, SCHOOL_PATTERNS, county_prefix  # noqa: E402
from portal.identity.users import User  # noqa: E402
from portal.resources import Unit  # noqa: E402
from portal.security.localroles import grant  # noqa: E402
from portal.security.principals import user_principal  # noqa: E402
from portal.testing.web import close_app, file_uri, make_app  # noqa: E402

CST = datetime.timezone(datetime.timedelta(hours=8))
MONTH = "2026-10"


def check(condition, message):
    if not condition:
        print("CHECK FAILED:", message)
        sys.exit(1)


def line(label, values):
    values = sorted(v * 1000 for v in values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    print(
        f"{label:<34} p50 {statistics.median(values):8.1f}  p95 {p95:8.1f}  max {values[-1]:8.1f}"
        f"  (n={len(values)})"
    )


def build(app, schools):
    db = app.registry._zodb_databases[""]
    per = [schools // len(COUNTIES) + (1 if i < schools % len(COUNTIES) else 0) for i in range(len(COUNTIES))]
    manager.push({"registry": app.registry, "request": None})
    try:
        for (key, title), count in zip(COUNTIES, per):
            conn = db.open()
            site = conn.root()["portal"]
            county = site.add(key, Unit(title, "county_bureau", code=key), registry=app.registry)
            for skey, stitle, kind in COUNTY_SECTIONS:
                county.add(skey, Unit(stitle, kind), registry=app.registry)
            for login, role in (
                (f"{key}_officer", "petition_officer"),
                (f"{key}_leader", "principal_leader"),
            ):
                site.users.add(User(login, login))
                grant(county, user_principal(login), role, app.registry)
            for i in range(count):
                skey = f"s{i + 1:03d}"
                pattern = SCHOOL_PATTERNS[i % len(SCHOOL_PATTERNS)]
                county.add(
                    skey, Unit(f"{county_prefix(title)}{pattern}{i + 1}", "school"), registry=app.registry
                )
                login = f"{key}_{skey}"
                site.users.add(User(login, login))
                grant(county[skey], user_principal(login), "unit_liaison", app.registry)
            transaction.commit()
            conn.close()
    finally:
        manager.pop()


def record_meetings(site):
    """Half the units met in ``MONTH`` (the summary rows the boards read)."""
    from portal.duties.meetings import MeetingMonth
    from portal.duties.scope import GROUP_KINDS
    from portal.duties.sweep import units_of_kinds

    rows = site.duties.meeting_months
    units = units_of_kinds(site, GROUP_KINDS)
    held = set()
    for i, unit in enumerate(units):
        if i % 2 == 0:
            rows[(MONTH, unit.__docid__)] = MeetingMonth((("doc-0001", "leading_group"),))
            held.add(unit.__docid__)
    site.duties.since = "2026-01"
    transaction.commit()
    return len(units), held


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=3000)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(file_uri(tmp), **{"portal.demo": "false"})
        try:
            build(app, args.schools)
            print(f"built {args.schools} schools in {time.perf_counter() - started:.1f} s")
            conn = app.registry._zodb_databases[""].open()
            site = conn.root()["portal"]
            manager.push({"registry": app.registry, "request": None})
            try:
                count, held = record_meetings(site)
                measure(app, site, count, held, args.samples)
            finally:
                manager.pop()
                transaction.abort()
                conn.close()
        finally:
            close_app(app)
    print(f"total {time.perf_counter() - started:.1f} s")


def measure(app, site, count, held, samples):
    from portal.duties.board import board
    from portal.duties.sweep import run
    from portal.escalation.sources import sources_of

    today = datetime.date(2026, 11, 3)
    city_times, county_times = [], []
    for i in range(samples):
        t = time.perf_counter()
        data = board(site, site, MONTH, today)
        city_times.append(time.perf_counter() - t)
        county = site[COUNTIES[i % len(COUNTIES)][0]]
        t = time.perf_counter()
        cdata = board(site, county, MONTH, today)
        county_times.append(time.perf_counter() - t)
        schools = [u for u in county.subunits() if u.kind == "school"]
        check(len(cdata["lines"]) == len(schools), "one line per school")
        for x in cdata["lines"]:
            expected = "held" if x.unit.__docid__ in held else "missed"
            check(x.group.code == expected, f"{x.title}: {x.group.code} != {expected}")
    check(len(data["lines"]) == len(COUNTIES), "the city's board lists the counties")
    line("city board (16 counties)", city_times)
    line("county board (its schools)", county_times)
    sweep_times = []
    for day in range(samples):
        now = datetime.datetime(2026, 11, 1 + day % 28, 9, tzinfo=CST) + datetime.timedelta(
            days=28 * (day // 28)
        )
        t = time.perf_counter()
        run(site, app.registry, now)
        sweep_times.append(time.perf_counter() - t)
        transaction.abort()
    line(f"duties sweep, first of a day ({count} units)", sweep_times)
    find_times = []
    for _ in range(samples):
        t = time.perf_counter()
        found = sum(
            len(list(s.find(site, today)))
            for s in sources_of(app.registry)
            if s.name
            in (
                "leading_group_meeting",
                "principal_reception",
                "reception_register",
                "training_coverage",
                "first_contact",
            )
        )
        find_times.append(time.perf_counter() - t)
    check(found >= count - len(held), "the missed meetings are found as overdue")
    line(f"duties escalation sources ({found} items)", find_times)


if __name__ == "__main__":
    main()
