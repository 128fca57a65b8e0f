"""The figures of the monthly-report dashboards, computed once for the page and its export.

Nothing here walks the tree: the units expected to file come from one catalog query per
scope (``units.filing_docids``), what they filed from the month ledger
(``site.reports.monthly[month]``, see ``store``). Unit objects are loaded only for the lines
shown (a county's schools, the directly-run units, one page of the city-wide list).

* :func:`county_board` -- one line per filing unit below a county (or the city's directly-run
  units), with counts, and the county's own report;
* :func:`city_board` -- one roll-up line per county (expected, filed, on time, late, missing,
  accepted, returned, the summed figures, the county's own report) and the direct units;
* :func:`units_list` -- every filing unit in the city with one status, paged.

The pages and the xlsx exports both render these values, so they always agree.
"""

from dataclasses import dataclass, field

from hypatia.query import Eq

from portal import clock
from portal.deadlines import compute_due
from portal.i18n import _
from portal.resources.kinds import DIRECT_UNITS

from .months import first_day
from .store import FIGURES, get_store
from .units import filing_docids, path_of, sorted_units

#: Status of a unit on a dashboard -> Chinese title. ``missing``: nothing reached the
#: receiving unit yet (no report, a draft, or a county report awaiting its own review).
STATUS_TITLES = {
    "missing": _("未报送"),
    "submitted": _("已报送待审核"),
    "returned": _("已退回修改"),
    "accepted": _("已采纳"),
}
#: Badge colours (Bootstrap) per status, one per state family as UI.md asks.
STATUS_CSS = {
    "missing": "bg-secondary",
    "submitted": "bg-info text-dark",
    "returned": "bg-warning text-dark",
    "accepted": "bg-success",
}
STATUS_FILTERS = ("missing", "late", "submitted", "returned", "accepted")
FILTER_TITLES = dict(STATUS_TITLES, late=_("逾期报送"))
ZERO_FIGURES = (0,) * len(FIGURES)


@dataclass(frozen=True)
class Line:
    """One unit on a dashboard."""

    docid: int
    path: str
    title: str
    status: str
    state: str | None  # workflow state, None without a report
    filed_at: object
    late: bool
    figures: tuple

    @property
    def status_title(self):
        return STATUS_TITLES[self.status]

    @property
    def status_css(self):
        return STATUS_CSS[self.status]


@dataclass
class Counts:
    expected: int = 0
    filed: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    submitted: int = 0
    returned: int = 0
    accepted: int = 0
    figures: list = field(default_factory=lambda: [0] * len(FIGURES))

    def add(self, row):
        self.expected += 1
        status = status_of(row)
        if status == "missing":
            self.missing += 1
            return
        self.filed += 1
        self.late += bool(row.late)
        self.on_time += not row.late
        setattr(self, status, getattr(self, status) + 1)
        self.figures = [a + b for a, b in zip(self.figures, row.figures)]


def status_of(row):
    if row is None or not row.filed:
        return "missing"
    return row.state if row.state in STATUS_TITLES else "submitted"


def monthly_due(site, month):
    """The ``DueDate`` of ``month``'s report (the 25th, moved off rest days; 暂定 while that
    month's year has no holiday data)."""
    from portal.time_limits import get_calendar

    return compute_due("monthly_report", first_day(month), get_calendar(site))


def due_date(site, month):
    """The due date of ``month``'s report."""
    return monthly_due(site, month).due_date


def _line(unit, row):
    status = status_of(row)
    return Line(
        unit.__docid__,
        path_of(unit),
        unit.title,
        status,
        row.state if row is not None else None,
        row.filed_at if row is not None else None,
        bool(row and row.late),
        row.figures if row is not None and row.filed else ZERO_FIGURES,
    )


def shard(site, month, county):
    """The rows of ``month`` for ``county`` (a path; ``/`` for the direct units), or {}."""
    ledger = get_store(site).month_rows(month)
    rows = ledger.shard(county) if ledger is not None else None
    return rows if rows is not None else {}


def matches(line, wanted):
    if not wanted:
        return True
    if wanted == "late":
        return line.late
    return line.status == wanted


def county_board(site, county, month, wanted=""):
    """Lines for the filing units below ``county`` (for the city: its directly-run units)."""
    rows = shard(site, month, path_of(county))
    if county.__parent__ is None:
        docids = filing_docids(site, county, kinds=DIRECT_UNITS, direct_only=True)
    else:
        docids = filing_docids(site, county)
    counts = Counts()
    lines = []
    for unit in sorted_units(site, docids):
        row = rows.get(unit.__docid__)
        counts.add(row)
        line = _line(unit, row)
        if matches(line, wanted):
            lines.append(line)
    own = rows.get(getattr(county, "__docid__", -1)) if county.__parent__ is not None else None
    due = monthly_due(site, month)
    return {
        "lines": lines,
        "counts": counts,
        "own": own,
        "own_status": status_of(own),
        "due": due.due_date,
        "due_text": due.display,
        "due_value": due,
        "overdue": clock.today() > due.due_date,
    }


@dataclass(frozen=True)
class CountyLine:
    """One county on the city dashboard: its schools rolled up, and its own report."""

    docid: int
    path: str
    title: str
    counts: Counts
    own_status: str
    own_late: bool


def city_board(site, month):
    """The city's view: a roll-up line per county plus the directly-run units."""
    cat = site.catalog
    counties = sorted_units(
        site,
        (
            Eq(cat["type_name"], "unit")
            & Eq(cat["kind"], "county_bureau")
            & Eq(cat["parent_path"], "/")
            & Eq(cat["state"], "active")
        )
        .execute()
        .ids,
    )
    county_lines = []
    total = Counts()
    for county in counties:
        counts = Counts()
        rows = shard(site, month, path_of(county))
        for docid in filing_docids(site, county):
            counts.add(rows.get(docid))
        own = rows.get(county.__docid__)
        county_lines.append(
            CountyLine(
                county.__docid__,
                path_of(county),
                county.title,
                counts,
                status_of(own),
                bool(own and own.late),
            )
        )
        _merge(total, counts)
    direct = county_board(site, site, month)
    _merge(total, direct["counts"])
    return {
        "counties": county_lines,
        "direct": direct["lines"],
        "direct_counts": direct["counts"],
        "total": total,
        "due": direct["due"],
        "due_text": direct["due_text"],
        "overdue": direct["overdue"],
    }


def _merge(total, counts):
    for name in ("expected", "filed", "on_time", "late", "missing", "submitted", "returned", "accepted"):
        setattr(total, name, getattr(total, name) + getattr(counts, name))
    total.figures = [a + b for a, b in zip(total.figures, counts.figures)]


def units_list(site, month, wanted="missing", offset=0, limit=100):
    """Every filing unit in the city with status ``wanted``: (lines of the page, total).

    Filed units come from the ledger rows (no object loads); missing ones are ordered by the
    catalog's ``title`` index and only the page is loaded.
    """
    ledger = get_store(site).month_rows(month)
    rows = dict(ledger.items()) if ledger is not None else {}
    expected = filing_docids(site, site)
    if wanted == "missing":
        missing = [d for d in expected if status_of(rows.get(d)) == "missing"]
        ordered = list(site.catalog["title"].sort(missing, raise_unsortable=False))
        total = len(ordered)
        end = None if limit is None else offset + limit
        page = sorted_units(site, ordered[offset:end])
        return [_line(u, rows.get(u.__docid__)) for u in page], total
    found = []
    for docid in expected:
        row = rows.get(docid)
        if row is None:
            continue
        line = Line(
            docid,
            row.unit_path,
            row.unit_title,
            status_of(row),
            row.state,
            row.filed_at,
            row.late,
            row.figures if row.filed else ZERO_FIGURES,
        )
        if matches(line, wanted):
            found.append(line)
    found.sort(key=lambda line: line.path)
    end = None if limit is None else offset + limit
    return found[offset:end], len(found)
