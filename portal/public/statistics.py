"""Open statistics: per month and per county, aggregate numbers only.

Contract: ``compute(site, year)`` reads the summary that events keep (``portal.public.summary``;
without one, every case through the catalog) and returns a :class:`Statistics` of plain numbers — received, concluded, concluded on time, rated and
satisfied (满意 + 基本满意) — per month of ``year`` and per county (cases registered by the
city bureau, its departments and its direct units form one group, 市本级). Nothing else about
a case leaves this module. A rate is given only when its sample (the denominator) is at least
:data:`MIN_SAMPLE`; otherwise it is None and pages say 样本不足. Groups are listed in the fixed
order of the organisation tree (units by key), never ranked. ``channels`` (received in the
year, per channel) and ``states`` (cases now in each workflow state) come with it. Results are
memoised per summary version, so a page costs a lookup until a case changes.
"""

from dataclasses import dataclass
from datetime import date

from hypatia.query import Eq

from portal import clock

MIN_SAMPLE = 10
CITY_KEY = "city"
CITY_LABEL = "市本级（含局直属单位）"
SATISFIED = ("satisfied", "basically_satisfied")
MONTH_LABELS = tuple(f"{m}月" for m in range(1, 13))


@dataclass(frozen=True)
class Facts:
    group: str
    received_on: date | None
    concluded_on: date | None
    on_time: bool
    rated_on: date | None
    satisfied: bool


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    received: int = 0
    concluded: int = 0
    on_time: int = 0
    rated: int = 0
    satisfied: int = 0

    @property
    def on_time_rate(self):
        return self.on_time / self.concluded if self.concluded >= MIN_SAMPLE else None

    @property
    def satisfaction_rate(self):
        return self.satisfied / self.rated if self.rated >= MIN_SAMPLE else None

    def as_dict(self):
        rate = lambda r: None if r is None else round(r, 4)  # noqa: E731
        return {
            "key": self.key,
            "label": self.label,
            "received": self.received,
            "concluded": self.concluded,
            "concluded_on_time": self.on_time,
            "on_time_rate": rate(self.on_time_rate),
            "on_time_sample": self.concluded,
            "rated": self.rated,
            "satisfied": self.satisfied,
            "satisfaction_rate": rate(self.satisfaction_rate),
            "satisfaction_sample": self.rated,
        }


@dataclass(frozen=True)
class Statistics:
    year: int
    months: tuple
    groups: tuple
    total: Row
    years: tuple
    min_sample: int = MIN_SAMPLE
    channels: tuple = ()  # (channel code, label, received in the year)
    states: tuple = ()  # (state id, cases now in it)

    def as_dict(self):
        return {
            "year": self.year,
            "min_sample": self.min_sample,
            "months": [r.as_dict() for r in self.months],
            "counties": [r.as_dict() for r in self.groups],
            "total": self.total.as_dict(),
            "years": list(self.years),
            "channels": [{"key": k, "label": label, "received": n} for k, label, n in self.channels],
            "states": [{"key": k, "cases": n} for k, n in self.states],
        }


def facts_of(case, county_keys):
    """The few facts statistics need from one case (see :class:`Facts`)."""
    segment = (case.registering_unit or "/").strip("/").split("/")[0]
    group = segment if segment in county_keys else CITY_KEY
    concluded = None
    for entry in case.workflow_history:
        if entry.transition == "conclude":
            concluded = clock.as_date(entry.when)
            break
    on_time = False
    if concluded is not None:
        name = "urgent_case" if case.urgency == "urgent" else "handling"
        deadline = case.deadlines.get(name) or case.deadlines.get("handling")
        if deadline is not None:
            late = deadline.met_late
            on_time = (not late) if late is not None else concluded <= deadline.due.due_date
    rated_on, satisfied = None, False
    from portal.documents.api import latest_versions

    ratings = latest_versions(case, "satisfaction_rating")
    if ratings:
        values = ratings[0].appstruct
        rated_on = values.get("rated_on") or clock.as_date(ratings[0].created)
        satisfied = values.get("rating") in SATISFIED
    return Facts(group, case.received_on, concluded, on_time, rated_on, satisfied)


def county_order(site):
    """(key, title) of the county bureaus, in the city's order."""
    return [(unit.__name__, unit.title) for unit in site.subunits() if unit.kind == "county_bureau"]


def all_facts(site):
    from portal.catalog import search

    counties = {name for name, _t in county_order(site)}
    cases = search(site, Eq(site.catalog["type_name"], "case")).all()
    return [facts_of(case, counties) for case in cases]


def _tally(key, label, facts, year, month=None):
    def inside(day):
        return day is not None and day.year == year and (month is None or day.month == month)

    received = sum(1 for f in facts if inside(f.received_on))
    concluded = [f for f in facts if inside(f.concluded_on)]
    rated = [f for f in facts if inside(f.rated_on)]
    return Row(
        key,
        label,
        received,
        len(concluded),
        sum(1 for f in concluded if f.on_time),
        len(rated),
        sum(1 for f in rated if f.satisfied),
    )


def compute(site, year, facts=None):
    if facts is None:
        from .summary import get_summary

        summary = get_summary(site)
        if summary is not None:
            return from_summary(site, summary, year)
        facts = all_facts(site)
    months = tuple(_tally(f"{year}-{m:02d}", MONTH_LABELS[m - 1], facts, year, m) for m in range(1, 13))
    groups = [(CITY_KEY, CITY_LABEL)] + county_order(site)
    rows = tuple(_tally(key, label, [f for f in facts if f.group == key], year) for key, label in groups)
    total = _tally("total", "合计", facts, year)
    years = sorted({d.year for f in facts for d in (f.received_on, f.concluded_on) if d} | {year})
    return Statistics(year, months, rows, total, tuple(years))


def _row(key, label, cells):
    return Row(
        key,
        label,
        *(sum(c[m] for c in cells) for m in ("received", "concluded", "on_time", "rated", "satisfied")),
    )


def from_summary(site, summary, year):
    """``compute`` from the event-kept summary, memoised per summary version (``memo``)."""
    from .summary import memo

    cache = memo(summary)
    stats = cache.get(("statistics", year))
    if stats is None:
        stats = cache[("statistics", year)] = _from_summary(site, summary, year)
    return stats


def _from_summary(site, summary, year):
    from portal.cases.resource import CHANNEL_TITLES

    from .summary import rows

    data = rows(summary, year)
    by_month = data["months"]
    months = tuple(
        _row(f"{year}-{m:02d}", MONTH_LABELS[m - 1], by_month.get(m, {}).values()) for m in range(1, 13)
    )
    groups = [(CITY_KEY, CITY_LABEL)] + county_order(site)
    known = {key for key, _label in groups}
    per_group = {}
    for cells in by_month.values():
        for group, cell in cells.items():
            per_group.setdefault(group if group in known else CITY_KEY, []).append(cell)
    rows_ = tuple(_row(key, label, per_group.get(key, ())) for key, label in groups)
    total = _row("total", "合计", [c for cells in by_month.values() for c in cells.values()])
    years = sorted(
        {k[1] for k in summary.counts.keys() if k[0] in ("received", "concluded") and summary.counts[k].value}
        | {year}
    )
    channels = tuple(
        (code, CHANNEL_TITLES.get(code, code or "未填"), n)
        for code, n in sorted(data["channels"].items())
        if n
    )
    states = tuple((state, n) for state, n in sorted(data["states"].items()) if n)
    return Statistics(year, months, rows_, total, tuple(years), channels=channels, states=states)


def percent(rate):
    return "样本不足" if rate is None else f"{rate * 100:.1f}%"
