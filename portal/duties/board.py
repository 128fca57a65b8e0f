"""What the level above sees: one line per unit below a bureau, for a month.

:func:`board` reads the summaries (``reception_months``, ``meeting_months``, the recorded
groups, the trained index); the units come from one catalog query (``scope.units_below``).
Each line: is the leading group recorded, did it meet that month, did the principal leader
receive (bureaus), days held and people received, meetings, this year's training coverage
and plan (bureaus). The bureau's own line comes first.
"""

from dataclasses import dataclass

from . import leading_group, meetings
from .receptions.figures import month_status
from .scope import is_bureau, path_of, units_below
from .training import coverage, plan_of


@dataclass
class Line:
    unit: object
    own: bool
    group_recorded: bool
    group: object  # leading_group.MonthStatus
    reception: object  # receptions.figures.MonthStatus, None for a unit without the duty
    meetings: int
    coverage: object  # training.Coverage of the year
    plan: object  # the year's training plan document (bureaus), else None

    @property
    def title(self):
        return self.unit.title

    @property
    def path(self):
        return path_of(self.unit)

    @property
    def bureau(self):
        return is_bureau(self.unit)


def line(site, unit, month, today, own=False):
    year = int(month[:4])
    row = meetings.month_row(site, unit, month)
    return Line(
        unit,
        own,
        leading_group.group_of(site, unit) is not None,
        leading_group.meeting_status(site, unit, month, today),
        month_status(site, unit, month, today) if is_bureau(unit) else None,
        row.count() if row is not None else 0,
        coverage(site, unit, year),
        plan_of(site, unit, year) if is_bureau(unit) else None,
    )


@dataclass
class Totals:
    units: int = 0
    group_missing: int = 0
    group_missed: int = 0
    reception_missed: int = 0
    reception_days: int = 0
    visitors: int = 0
    matters: int = 0
    trained: int = 0
    staff: int = 0


def board(site, bureau, month, today, wanted=""):
    """{"own": Line, "lines": [Line], "totals": Totals} for the units below ``bureau``."""
    lines = [line(site, u, month, today) for u in units_below(site, bureau)]
    totals = Totals()
    for x in lines:
        totals.units += 1
        totals.group_missing += not x.group_recorded
        totals.group_missed += x.group.code == "missed"
        if x.reception is not None:
            totals.reception_missed += x.reception.code == "missed"
            totals.reception_days += x.reception.summary.held
            totals.visitors += x.reception.summary.visitors
            totals.matters += x.reception.summary.matters
        totals.trained += len(x.coverage.trained)
        totals.staff += x.coverage.total
    if wanted:
        lines = [x for x in lines if matches(x, wanted)]
    return {"own": line(site, bureau, month, today, own=True), "lines": lines, "totals": totals}


FILTERS = {
    "group_missed": "领导小组会议未召开",
    "group_missing": "未记录领导小组",
    "reception_missed": "主要领导未按规定接访",
    "untrained": "有人员未参加培训",
}


def matches(x, wanted):
    if wanted == "group_missed":
        return x.group.code == "missed"
    if wanted == "group_missing":
        return not x.group_recorded
    if wanted == "reception_missed":
        return x.reception is not None and x.reception.code == "missed"
    if wanted == "untrained":
        return bool(x.coverage.untrained)
    return True
