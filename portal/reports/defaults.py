"""What the monthly report form offers as defaults: figures the portal already knows.

* :func:`known_level_skipping` -- the unit's level-skipping cases (catalog index
  ``level_skipping``) registered anywhere in its subtree and received in the month, as
  ``level_skipping`` items of the monthly_report schema (one catalog query).
* :func:`county_rollup` -- for a county's own report: the items of its schools' reports that
  reached the county (submitted or accepted), each subject prefixed with the school's name.
* :func:`default_appstruct` -- the form's starting values for a unit and month.
"""

from hypatia.query import Any, Eq, Ge, Lt

from portal import clock
from portal.catalog import search

from .monthly import get_report
from .months import month_range
from .store import get_store
from .units import path_of

DESTINATIONS = ("beijing", "province", "city")
ROLLED_UP_STATES = ("submitted", "accepted")
SECTIONS = ("level_skipping", "risks", "major_cases", "incidents")


def known_level_skipping(site, unit, month, own_only=False):
    """Level-skipping items from the cases of ``unit``'s subtree (``own_only``: registered by
    the unit itself) received in ``month``."""
    cat = site.catalog
    start, end = month_range(month)
    where = Eq(cat["parent_path"], path_of(unit)) if own_only else Eq(cat["path"], path_of(unit))
    query = (
        where
        & Eq(cat["type_name"], "case")
        & Any(cat["level_skipping"], list(DESTINATIONS))
        & Ge(cat["received_on"], start)
        & Lt(cat["received_on"], end)
    )
    results = search(site, query, "received_on")
    items = []
    for case in results.all() if results.total else []:
        items.append(
            {
                "occurred_on": case.received_on,
                "destination": case.level_skipping,
                "headcount": int(getattr(case, "headcount", 1) or 1),
                "subject": f"{case.number} {case.subject}"[:200],
                "handling": "已登记，正在办理。",
            }
        )
    return items


def county_rollup(site, county, month):
    """[(school row, its report values)] of the county's schools whose report reached it."""
    ledger = get_store(site).month_rows(month)
    rows = (ledger.shard(path_of(county)) if ledger is not None else None) or {}
    prefix = path_of(county).rstrip("/") + "/"
    out = []
    for docid, row in rows.items():
        if not row.unit_path.startswith(prefix) or row.state not in ROLLED_UP_STATES:
            continue
        unit = site.docmap.get(docid)
        report = get_report(unit, month) if unit is not None else None
        if report is not None:
            out.append((row, report.appstruct))
    out.sort(key=lambda pair: pair[0].unit_path)
    return out


def rolled_up_sections(rollup):
    """The four item lists of a county report built from its schools' reports."""
    merged = {name: [] for name in SECTIONS}
    for row, values in rollup:
        for name in SECTIONS:
            for item in values.get(name) or []:
                item = dict(item)
                item["subject"] = f"【{row.unit_title}】{item.get('subject', '')}"[:200]
                merged[name].append(item)
    return merged


def default_appstruct(site, unit, month, user_title=""):
    """Starting values of the form: the unit, the month, known figures, today's date."""
    values = {
        "unit": unit.title,
        "month": month,
        "reporter": user_title,
        "reported_on": clock.today(),
        "level_skipping": known_level_skipping(site, unit, month),
    }
    if unit.kind == "county_bureau":
        merged = rolled_up_sections(county_rollup(site, unit, month))
        merged["level_skipping"] += known_level_skipping(site, unit, month, own_only=True)
        values.update(merged)
    return values
