"""One unit's standing duties at a glance: what its page, its hub and the to-do list show.

:func:`unit_status` gathers, for a unit and a day: the leading group (recorded? this month's
meeting, months missed lately), the principal leader's reception this month (bureaus), the
meetings of the year, this year's training coverage and plan (bureaus).
"""

from dataclasses import dataclass

from . import leading_group, meetings
from .dates import month_key, previous_month
from .receptions.figures import month_status
from .scope import is_bureau, is_duty_unit
from .training import coverage, plan_of

LOOK_BACK = 3


@dataclass
class UnitStatus:
    unit: object
    group_recorded: bool
    group: object
    group_missed: list
    reception: object
    reception_missed: list
    meetings_year: int
    coverage: object
    plan: object
    bureau: bool


def _recent(month, count=LOOK_BACK):
    out = []
    for _ in range(count):
        month = previous_month(month)
        out.append(month)
    return out


def unit_status(site, unit, today):
    if not is_duty_unit(unit):
        return None
    month = month_key(today)
    recent = _recent(month)
    bureau = is_bureau(unit)
    year = today.year
    count = sum(
        meetings.month_row(site, unit, f"{year}-{m:02d}").count()
        for m in range(1, 13)
        if meetings.month_row(site, unit, f"{year}-{m:02d}")
    )
    return UnitStatus(
        unit,
        leading_group.group_of(site, unit) is not None,
        leading_group.meeting_status(site, unit, month, today),
        [m for m in recent if leading_group.meeting_status(site, unit, m, today).code == "missed"],
        month_status(site, unit, month, today) if bureau else None,
        [m for m in recent if bureau and month_status(site, unit, m, today).code == "missed"],
        count,
        coverage(site, unit, year),
        plan_of(site, unit, year) if bureau else None,
        bureau,
    )
