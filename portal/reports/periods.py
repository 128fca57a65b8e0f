"""Sensitive periods (重点时期) and the daily zero reports (零报告) filed in them.

Contract:

* The city declares a :class:`SensitivePeriod` (:func:`declare_period`): a title, first and
  last day, the counties in scope (their paths; ``/`` stands for the units directly under the
  city) and the daily deadline hour. Periods are kept in ``site.reports.periods``.
* A unit is in scope when its county is (:meth:`SensitivePeriod.covers_unit`); every filing
  unit in scope, the county bureaus included, files one zero report a day.
* Zero reports stay out of the site catalog, like monthly reports (all units file around the
  same hour); :func:`file_zero_report` stores the day's report under the unit as
  ``zero-<period>-<YYYY-MM-DD>``: the same key for a resubmitted form, so never a duplicate; a
  second filing the same day corrects the values and keeps the first filing time. A report
  filed after the deadline hour (Asia/Shanghai) is marked late. The row in
  ``site.reports.zero[(period, day)]`` is written in the same transaction.
* :func:`zero_board` lists who in a scope filed, filed late or is missing on a day, from one
  catalog query per county and the day's rows.
"""

import copy
from dataclasses import dataclass
from datetime import timedelta

from hypatia.query import Eq
from persistent import Persistent

from portal import clock
from portal.documents.api import add_document, latest_versions
from portal.i18n import _
from portal.resources.folder import Folder
from portal.resources.kinds import DIRECT_UNITS

from .store import ZeroRow, get_store
from .units import county_path, filing_docids, path_of, sorted_units

CODE = "zero_report"
DIRECT = "/"


class PeriodError(ValueError):
    """A refused declaration or filing; ``str()`` is the Chinese reason."""


class SensitivePeriod(Persistent):
    """One declared sensitive period (see the module docstring)."""

    def __init__(self, period_id, title, start, end, counties, deadline_hour, actor, when):
        self.id = period_id
        self.title = title
        self.start = start
        self.end = end
        self.counties = tuple(sorted(set(counties)))
        self.deadline_hour = int(deadline_hour)
        self.declared_by = actor
        self.declared_at = when

    def covers_day(self, day):
        return self.start <= day <= self.end

    def covers_unit(self, unit):
        return county_path(unit) in self.counties

    def deadline(self, day):
        """The moment (aware, Shanghai) the zero report of ``day`` is due."""
        return clock.at(day) + timedelta(hours=self.deadline_hour)


def declare_period(site, title, start, end, counties, deadline_hour, actor, when=None):
    """Store and return a new period; ``PeriodError`` for an impossible one."""
    title = (title or "").strip()
    if not title:
        raise PeriodError(_("请填写重点时期名称"))
    if end < start:
        raise PeriodError(_("结束日期不得早于开始日期"))
    if not counties:
        raise PeriodError(_("请至少选择一个县（市、区）"))
    if not 0 < int(deadline_hour) <= 24:
        raise PeriodError(_("每日报送截止时间须在1时至24时之间"))
    store = get_store(site)
    store.period_count.change(1)
    period_id = f"p{store.period_count():04d}"
    while period_id in store.periods:
        store.period_count.change(1)
        period_id = f"p{store.period_count():04d}"
    period = SensitivePeriod(
        period_id, title, start, end, counties, deadline_hour, actor, when or clock.now()
    )
    store.periods[period_id] = period
    return period


def periods_on(site, day):
    return [p for p in get_store(site).periods.values() if p.covers_day(day)]


def periods_for_unit(site, unit, day):
    return [p for p in periods_on(site, day) if p.covers_unit(unit)]


class ZeroReport(Folder):
    """One unit's zero report for one day of one period; the Document is its child."""

    type_name = "zero_report"
    document_contexts = ("unit",)

    def __init__(self, period_id, day, when):
        super().__init__()
        self.period_id = period_id
        self.day = day
        self.created_at = self.changed_at = when
        self.filed_at = None
        self.late = False

    @property
    def title(self):
        return f"{self.day.month}月{self.day.day}日零报告"

    def document(self):
        docs = latest_versions(self, CODE)
        return docs[0] if docs else None

    def searchable_text(self):
        return f"{self.__parent__.title} {self.title}"


def zero_key(period, day):
    return f"zero-{period.id}-{day.isoformat()}"


def file_zero_report(unit, period, day, appstruct, request, when=None):
    """File (or correct) ``unit``'s zero report of ``day``; returns (report, created)."""
    when = when or clock.now()
    if not period.covers_day(day) or not period.covers_unit(unit):
        raise PeriodError(_("本单位当日不在重点时期报送范围内"))
    actor = request.authenticated_userid
    values = dict(appstruct, report_date=day)
    report = unit.get(zero_key(period, day))
    created = report is None
    if created:
        # kept out of the site catalog, like monthly reports (see portal.reports.monthly)
        report = ZeroReport(period.id, day, when)
        report.filed_at = when
        report.late = when > period.deadline(day)
        add_document(report, CODE, values, actor, registry=request.registry, when=when)
        unit.add(zero_key(period, day), report, send_events=False)
    else:
        doc = report.document()
        if doc.appstruct != values:
            doc.update(copy.deepcopy(values), actor, when=when, comment=_("当日更正"))
        report.changed_at = when
    docid = getattr(unit, "__docid__", None)
    if docid is not None:
        county = county_path(unit)
        get_store(request.root).zero_rows(period.id, day, create=True).set(
            county,
            docid,
            ZeroRow(
                path_of(unit),
                unit.title,
                county,
                report.filed_at,
                report.late,
                values.get("kind", "nothing"),
                len(values.get("items") or []),
            ),
        )
    return report, created


@dataclass(frozen=True)
class ZeroLine:
    path: str
    title: str
    row: ZeroRow | None

    @property
    def status(self):
        if self.row is None:
            return "missing"
        return "late" if self.row.late else "filed"


ZERO_STATUS_TITLES = {"missing": _("未报送"), "late": _("逾期报送"), "filed": _("已报送")}


def scope_docids(site, under, period):
    """Docids of the units in ``period``'s scope at or below ``under`` (a unit)."""
    under_path = path_of(under)
    ids = set()
    for county in period.counties:
        if county == DIRECT:
            if under.__parent__ is None:
                ids |= filing_docids(site, site, kinds=DIRECT_UNITS, direct_only=True)
            continue
        if not (county == under_path or county.startswith(under_path.rstrip("/") + "/")):
            continue
        cat = site.catalog
        ids |= filing_docids(site, county)
        ids |= set(
            (
                Eq(cat["type_name"], "unit")
                & Eq(cat["kind"], "county_bureau")
                & Eq(cat["path"], county)
                & Eq(cat["state"], "active")
            )
            .execute()
            .ids
        )
    return ids


def zero_board(site, under, period, day, wanted=""):
    """(lines, counts) of ``under``'s units in scope on ``day``; ``wanted`` filters a status."""
    ledger = get_store(site).zero_rows(period.id, day)
    counts = {"expected": 0, "filed": 0, "late": 0, "missing": 0, "items": 0}
    lines = []
    for unit in sorted_units(site, scope_docids(site, under, period)):
        row = ledger.get(unit.__docid__, county_path(unit)) if ledger is not None else None
        line = ZeroLine(path_of(unit), unit.title, row)
        counts["expected"] += 1
        counts[line.status if line.status != "late" else "filed"] += 1
        counts["late"] += line.status == "late"
        counts["items"] += bool(row and row.kind == "items")
        if not wanted or line.status == wanted:
            lines.append(line)
    return lines, counts
