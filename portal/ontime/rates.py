"""On-time rates of a unit: the figures the dashboards show and the annual assessment reads.

Each function answers for one unit, a year, and optionally one month::

    acceptance_rate(unit, year, month=None, today=None) -> Rate
    handling_rate(...), reply_rate(...), monthly_report_rate(...), rates(...) -> {code: Rate}

What is counted (``Rate.due`` items, of which ``Rate.on_time`` were met in time):

* ``acceptance`` -- the 15-day acceptance notice of cases the unit registered, by the due date;
* ``handling`` -- the handling deadline (or an urgent case's same-day limit) of cases the unit
  is responsible for (or registered and never assigned), by the due date, extensions included;
* ``reply`` -- the written reply to the petitioner of cases the unit registered: on time when
  the case was replied to by its handling due date;
* ``monthly_report`` -- the unit's monthly reports, on time when first submitted by the 25th
  (moved off rest days).

An item belongs to the period its *due date* falls in (cases received from September of the
year before are looked at), and counts once that date is past or the item is done: an open item past its due date counts as late; one not yet due is left out.
A unit's own items include those of its 处（科）室 and 信访处（科）; schools, counties and
directly-run units have their own. ``today`` defaults to the portal's clock.
"""

from dataclasses import dataclass
from datetime import date

from hypatia.query import Any, Eq, Ge, Le
from pyramid.traversal import resource_path

MEASURES = (
    ("acceptance", "受理告知按期率"),
    ("handling", "按期办结率"),
    ("reply", "按期答复率"),
    ("monthly_report", "月报表按时报送率"),
)
OFFICE_KINDS = ("department", "petition_office")


@dataclass(frozen=True)
class Rate:
    on_time: int = 0
    due: int = 0

    @property
    def late(self):
        return self.due - self.on_time

    @property
    def percent(self):
        """On-time share in percent, one decimal; None when nothing was due."""
        return round(100.0 * self.on_time / self.due, 1) if self.due else None

    def __add__(self, other):
        return Rate(self.on_time + other.on_time, self.due + other.due)

    def __str__(self):
        return "—" if self.percent is None else f"{self.percent:.1f}%（{self.on_time}/{self.due}）"


def _today(today):
    if today is not None:
        return today
    from portal import clock

    return clock.today()


def _root(obj):
    while obj.__parent__ is not None:
        obj = obj.__parent__
    return obj


def _in_period(day, year, month):
    return day.year == year and (month is None or day.month == month)


def own_paths(unit):
    """The unit's path and those of its offices (one catalog query)."""
    site = _root(unit)
    path = resource_path(unit) or "/"
    cat = site.catalog
    offices = (
        Eq(cat["parent_path"], path) & Eq(cat["type_name"], "unit") & Any(cat["kind"], list(OFFICE_KINDS))
    ).execute()
    return [path] + [resource_path(site.docmap[d]) for d in offices.ids if d in site.docmap]


def _cases(site, query, year):
    """Cases matching ``query`` whose deadlines can fall in ``year``: received from September of
    the year before (15 days to accept, 60 to handle, 30 more when extended) to its end."""
    from portal.catalog import search

    cat = site.catalog
    window = Ge(cat["received_on"], date(year - 1, 9, 1)) & Le(cat["received_on"], date(year, 12, 31))
    return search(site, query & Eq(cat["type_name"], "case") & window).all()


def registered_cases(unit, year):
    site = _root(unit)
    return _cases(site, Any(site.catalog["parent_path"], own_paths(unit)), year)


def handled_cases(unit, year, registered=None):
    site = _root(unit)
    paths = own_paths(unit)
    found = {id(c): c for c in _cases(site, Any(site.catalog["responsible_unit"], paths), year)}
    for case in registered_cases(unit, year) if registered is None else registered:
        if not case.responsible_unit:
            found[id(case)] = case
    return list(found.values())


def _deadline_rate(cases, names, year, month, today):
    rate = Rate()
    for case in cases:
        for name in names:
            deadline = case.deadlines.get(name)
            if deadline is None or deadline.due is None:
                continue
            due = deadline.due.due_date
            if not _in_period(due, year, month):
                continue
            if deadline.is_open:
                if due < today:
                    rate += Rate(0, 1)
                continue
            rate += Rate(0 if deadline.met_late else 1, 1)
    return rate


def acceptance_rate(unit, year, month=None, today=None):
    return _deadline_rate(registered_cases(unit, year), ("acceptance_notice",), year, month, _today(today))


def handling_rate(unit, year, month=None, today=None):
    return _deadline_rate(handled_cases(unit, year), ("handling", "urgent_case"), year, month, _today(today))


def _replied_on(case):
    for entry in getattr(case, "workflow_history", ()):
        if entry.transition == "reply":
            from portal.clock import as_date

            return as_date(entry.when)
    return None


def reply_rate(unit, year, month=None, today=None):
    return _reply_rate(registered_cases(unit, year), year, month, _today(today))


def _reply_rate(cases, year, month, today):
    rate = Rate()
    for case in cases:
        deadline = case.deadlines.get("handling") or case.deadlines.get("urgent_case")
        if deadline is None or deadline.due is None:
            continue
        due = deadline.due.due_date
        if not _in_period(due, year, month):
            continue
        replied = _replied_on(case)
        if replied is not None:
            rate += Rate(1 if replied <= due else 0, 1)
        elif due < today:
            rate += Rate(0, 1)
    return rate


def monthly_report_rate(unit, year, month=None, today=None):
    from portal.reports.dashboard import due_date, status_of
    from portal.reports.store import get_store
    from portal.reports.units import is_filing_unit

    if not is_filing_unit(unit):
        return Rate()
    today = _today(today)
    site = _root(unit)
    rate = Rate()
    for m in [month] if month else range(1, 13):
        key = f"{year:04d}-{m:02d}"
        due = due_date(site, key)
        ledger = get_store(site).month_rows(key)
        row = ledger.get(unit.__docid__) if ledger is not None else None
        filed = status_of(row) != "missing"
        if filed:
            rate += Rate(0 if row.late else 1, 1)
        elif due < today:
            rate += Rate(0, 1)
    return rate


def rates(unit, year, month=None, today=None):
    """{measure code: Rate} for every measure of ``MEASURES``."""
    return periods(unit, year, (month,), today)[0]


def periods(unit, year, months, today=None):
    """``rates`` for several periods of one year at once (``months``: month numbers, ``None``
    for the whole year), loading the unit's cases once: [{code: Rate}] in the same order."""
    today = _today(today)
    registered = registered_cases(unit, year)
    handled = handled_cases(unit, year, registered)
    return [
        {
            "acceptance": _deadline_rate(registered, ("acceptance_notice",), year, m, today),
            "handling": _deadline_rate(handled, ("handling", "urgent_case"), year, m, today),
            "reply": _reply_rate(registered, year, m, today),
            "monthly_report": monthly_report_rate(unit, year, m, today),
        }
        for m in months
    ]


def overall(found):
    """All measures together (how the dashboards sort units, worst first)."""
    total = Rate()
    for rate in found.values():
        total += rate
    return total
