"""Benchmark of the escalation sweep and the on-time rates on a city-sized database.

Run by hand, never by the test suite, on a database kept by ``bench/cases.py``::

    .venv/bin/python bench/cases.py --cases 20000 --schools 300 --samples 5 --keep
    .venv/bin/python bench/overdue_and_rates.py DIR      # DIR as printed by the run above

It times, through the real application's registry: the escalation task of the sweep at the end
of 2026 (first run: every overdue item escalated; second run: nothing new, the idempotent
steady state that cron sees every 15 minutes), a county's on-time board (its own rates and its
schools'), and the city's board (every county and directly-run unit). Each measurement prints
what it found, so the numbers are of real work. Results are not committed anywhere.
"""

import os
import sys
import time
import warnings
from datetime import date

warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(argv=None):
    import transaction
    from pyramid.threadlocal import manager

    from portal.clock import at
    from portal.escalation.store import get_store
    from portal.escalation.sweep import escalate
    from portal.ontime.rates import periods
    from portal.reports.units import filing_docids, sorted_units
    from portal.testing.web import file_uri, make_app

    directory = (argv or sys.argv[1:])[0]
    app = make_app(file_uri(directory))
    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    site = conn.root()["portal"]
    store = get_store(site)
    store.since = date(2025, 1, 1)  # the bench's cases span 2025-2026: let them all count
    now = at(date(2026, 12, 28), 10)
    for label in ("first escalation run", "second run (steady state)"):
        t0 = time.perf_counter()
        raised = escalate(site, app.registry, now)
        elapsed = time.perf_counter() - t0
        print(f"{label}: {raised} escalations raised, {len(store.open)} open, {elapsed:.2f} s")
        transaction.commit()
    county = site["zhongyuan"] if "zhongyuan" in site else next(iter(site.values()))
    today = now.date()
    for label, unit, cold in (
        ("county board", county, True),
        ("city board", site, True),
        ("city board again", site, False),
    ):
        if cold:
            conn.cacheMinimize()
        t0 = time.perf_counter()
        below = sorted_units(site, filing_docids(site, unit, direct_only=True))
        lines = [(u, *periods(u, 2026, (12, None), today)) for u in below]
        own = periods(unit, 2026, (None,), today)[0]
        elapsed = time.perf_counter() - t0
        print(
            f"{label} ({unit.title}): {len(lines)} units below, own acceptance "
            f"{own['acceptance']}, handling {own['handling']}; {elapsed:.2f} s ({'cold' if cold else 'warm'} cache)"
        )
    transaction.abort()
    conn.close()
    manager.pop()


if __name__ == "__main__":
    main()
