"""What the reporting concern stores on the site: ``site.reports`` (a :class:`ReportsStore`).

The dashboards read these summaries instead of walking the units:

* ``monthly[month]`` -- a :class:`MonthLedger`: one :class:`MonthlyRow` per unit that has a
  monthly report for that month, rewritten in the same transaction as every change of the
  report (creation, saving, each transition). Rows are kept in one ``IOBTree`` per county
  (unit docid -> row; ``/`` for the units directly under the city): every insert into a BTree
  checks its inner nodes (BTrees' ``readCurrent``), so a bucket split conflicts with every
  concurrent insert into the same tree; sharding by county keeps thousands of simultaneous
  filings from all colliding on one tree.
* ``zero[(period_id, 'YYYY-MM-DD')]`` -- a :class:`MonthLedger` (sharded the same way) of
  unit docid -> :class:`ZeroRow` for that day.
* ``periods`` -- period id -> ``portal.reports.periods.SensitivePeriod``.
* ``rosters[(period_id, unit_path)]`` -- a tuple of :class:`DutyShift`.
* ``screening_reminded`` -- month -> when the monthly full-screening reminder went out.

Rows are immutable named tuples: a row is replaced, never changed in place.
"""

from datetime import datetime
from typing import NamedTuple

from BTrees.IOBTree import IOBTree
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from portal.i18n import _

#: The figures of a monthly report, in this order (columns of every dashboard and export).
FIGURES = (
    ("level_skipping", _("越级上访（起）")),
    ("level_skipping_people", _("越级上访（人次）")),
    ("risks", _("排查隐患（项）")),
    ("major_cases", _("重大信访事项（件）")),
    ("incidents", _("突发事件（起）")),
)


class MonthlyRow(NamedTuple):
    unit_path: str
    unit_title: str
    county: str  # path of the county bureau, "/" for units directly under the city
    state: str  # workflow state of the report
    filed_at: datetime | None  # first submission (None while never submitted)
    late: bool  # first submission after the due date
    figures: tuple = (0, 0, 0, 0, 0)

    @property
    def filed(self):
        return self.filed_at is not None


class ZeroRow(NamedTuple):
    unit_path: str
    unit_title: str
    county: str
    filed_at: datetime
    late: bool
    kind: str  # "nothing" or "items"
    items: int


class DutyShift(NamedTuple):
    day: object  # date
    officer: str
    leader: str
    phone: str
    added_by: str


class MonthLedger(Persistent):
    """The rows of one month, sharded by county (see the module docstring)."""

    def __init__(self):
        self.shards = OOBTree()

    def shard(self, county, create=False):
        """The ``IOBTree`` of ``county``'s rows (None if it has none and not ``create``)."""
        rows = self.shards.get(county)
        if rows is None and create:
            rows = self.shards[county] = IOBTree()
        return rows

    def set(self, county, docid, row):
        shard = self.shard(county, create=True)
        if shard.get(docid) != row:
            shard[docid] = row

    def get(self, docid, county=None):
        if county is not None:
            shard = self.shards.get(county)
            return shard.get(docid) if shard is not None else None
        for shard in self.shards.values():
            row = shard.get(docid)
            if row is not None:
                return row
        return None

    def items(self):
        for shard in self.shards.values():
            yield from shard.items()

    def values(self):
        for shard in self.shards.values():
            yield from shard.values()

    def __len__(self):
        return sum(len(shard) for shard in self.shards.values())


class ReportsStore(Persistent):
    """The reporting concern's site-wide data (see the module docstring)."""

    def __init__(self):
        self.monthly = OOBTree()
        self.zero = OOBTree()
        self.periods = OOBTree()
        self.period_count = Length(0)
        self.rosters = OOBTree()
        self.screening_reminded = OOBTree()

    def month_rows(self, month, create=False):
        """The :class:`MonthLedger` of ``month`` (None if nobody filed and not ``create``)."""
        rows = self.monthly.get(month)
        if rows is None and create:
            rows = self.monthly[month] = MonthLedger()
        return rows

    def zero_rows(self, period_id, day, create=False):
        """The :class:`MonthLedger` of ``day`` in the period (sharded by county)."""
        key = (period_id, day.isoformat())
        rows = self.zero.get(key)
        if rows is None and create:
            rows = self.zero[key] = MonthLedger()
        return rows


def install_store(site):
    if getattr(site, "reports", None) is None:
        site.reports = ReportsStore()
    return site.reports


def get_store(site):
    store = getattr(site, "reports", None)
    if store is None:
        raise RuntimeError("the site has no reports store: run portal-evolve")
    return store
