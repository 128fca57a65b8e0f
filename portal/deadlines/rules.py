"""The counting rules a limit can declare.

Contracts (all dates are Asia/Shanghai calendar dates):

``CALENDAR_DAYS``  民法典 第201条、第203条: the trigger day is not counted; count
    ``amount`` calendar days from the next day. If the last day is a rest day
    (statutory holiday or an ordinary weekend), the due date moves to the next
    working day. A make-up working day (调休上班日) is a working day and is not moved.
``WORKING_DAYS``  count from the day after the trigger, only working days count
    (holidays and weekends are skipped, make-up working days count). The due date
    is the ``amount``-th working day, so it never needs moving.
``HOURS``  ``amount`` hours from the moment of the event (a datetime), elapsed
    time, never moved for rest days. The due value carries ``due_at``.
``SAME_DAY``  due at the end (24:00) of the trigger day itself, never moved:
    urgent cases are handled at once, rest day or not. ``amount`` is 0.
``DAY_OF_MONTH``  due on day ``amount`` of the trigger's month (the trigger is any
    day of the reporting month). If that day is a rest day, the due date moves to
    the next working day, as for ``CALENDAR_DAYS``. A trigger after that day does
    not roll over to the next month: the report for that month is simply late.
"""

from enum import Enum


class Rule(str, Enum):
    """A counting rule; the value is the stable code stored in due values."""

    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    HOURS = "hours"
    SAME_DAY = "same_day"
    DAY_OF_MONTH = "day_of_month"

    @property
    def title(self) -> str:
        return RULE_TITLES[self.value]

    @property
    def pausable(self) -> bool:
        """Only day-counted limits can exclude time (pauses)."""
        return self in (Rule.CALENDAR_DAYS, Rule.WORKING_DAYS)


RULE_TITLES = {
    "calendar_days": "自然日（次日起算，期末遇节假日顺延）",
    "working_days": "工作日（次日起算，仅计工作日）",
    "hours": "小时（自事件发生时起连续计算）",
    "same_day": "当日（当日24时前）",
    "day_of_month": "每月固定日（遇节假日顺延）",
}
