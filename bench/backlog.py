"""Benchmark of the pages of chapters 6 and 8 that read every case of a subtree: the backlog
list (积案清单) of a county and of the city, and the assessment's figures of a county.

Run by hand, never by the test suite, on a database that ``bench/cases.py`` built and kept::

    .venv/bin/python bench/cases.py --cases 20000 --keep      # prints the directory it kept
    .venv/bin/python bench/backlog.py DIR                     # then measure on it
    .venv/bin/python bench/backlog.py DIR --day 2026-12-31 --samples 20

It opens the kept FileStorage through the real application and calls, as the county officers
and the city officer of that build (their principals through the real request extensions):
``portal.prevention.backlog.backlog_lines`` for each county and for the city, and
``portal.assessment.assess.computed`` (every input of the annual assessment) for each county.
Each result is checked against the catalog (every listed case is open and in the subtree), so
the numbers are of real work. Printed: p50/p95/max in ms, cold (first call after opening) and
warm, and the number of cases listed.
"""

import argparse
import os
import sys
import time
import warnings
from datetime import date

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from cases import CITY_OFFICER, officer, user_request  # noqa: E402
from org_tree import Timings  # noqa: E402
from pyramid.threadlocal import manager  # noqa: E402

from portal.demo.data import COUNTIES  # noqa: E402
from portal.testing.web import close_app, file_uri, make_app  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", help="a database directory kept by bench/cases.py --keep")
    parser.add_argument("--day", default="2026-12-31", help="the day the lists are computed for")
    parser.add_argument("--samples", type=int, default=10)
    args = parser.parse_args(argv)
    day = date.fromisoformat(args.day)
    from portal.assessment.assess import computed
    from portal.prevention.backlog import END_STATES, backlog_lines

    app = make_app(file_uri(args.directory))
    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    site = conn.root()["portal"]
    T = Timings()
    listed = {}
    try:
        for i in range(args.samples + 1):
            for ckey, _title in COUNTIES:
                request = user_request(app, site, officer(ckey))
                t = time.perf_counter()
                lines = backlog_lines(request, site[ckey], day)
                T.add(
                    "county_cold" if i == 0 and ckey == COUNTIES[0][0] else "county", time.perf_counter() - t
                )
                for line in lines:
                    assert line.case.workflow_state not in END_STATES
                listed[ckey] = len(lines)
                t = time.perf_counter()
                computed(site[ckey], day.year)
                T.add("assessment", time.perf_counter() - t)
        request = user_request(app, site, CITY_OFFICER)
        for _ in range(max(1, args.samples // 5)):
            t = time.perf_counter()
            city = backlog_lines(request, site, day)
            T.add("city", time.perf_counter() - t)
    finally:
        conn.close()
        manager.pop()
        close_app(app)
    print(
        f"backlog on {day}: {sum(listed.values())} cases listed over the 16 counties "
        f"(per county {min(listed.values())}-{max(listed.values())}); the city lists {len(city)}"
    )
    print(T.line("county_cold", "county backlog list, first call (cold caches)"))
    print(T.line("county", "county backlog list, warm"))
    print(T.line("city", "city backlog list, warm"))
    print(T.line("assessment", "assessment figures of a county (7 inputs), warm"))


if __name__ == "__main__":
    main()
