"""Warning levels of a due value on a given day.

Contract: ``level_for(due, today, now=None, thresholds=DEFAULT_THRESHOLDS)`` is pure;
``today`` (a Shanghai date) is always passed in. With ``d = due.due_date - today``:

* ``overdue``   d < 0, or, for an hour limit, ``now`` is later than ``due_at``;
* ``due_today`` d == 0 (until ``due_at`` for an hour limit when ``now`` is given);
* ``due_soon``  1 <= d <= ``thresholds.due_soon_days`` (default 3);
* ``normal``    otherwise.

``paused`` is not computed from dates: ``Deadline.level`` reports it while a
pause is open.
"""

from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType

from portal.clock import to_shanghai
from portal.i18n import _

from .due import DueDate
from .errors import DeadlineError


@dataclass(frozen=True)
class WarningLevel:
    code: str
    title: str  # Chinese, shown to users


NORMAL = WarningLevel("normal", _("正常"))
DUE_SOON = WarningLevel("due_soon", _("即将到期"))
DUE_TODAY = WarningLevel("due_today", _("今日到期"))
OVERDUE = WarningLevel("overdue", _("已超期"))
PAUSED = WarningLevel("paused", _("已暂停"))

LEVELS = MappingProxyType({level.code: level for level in (NORMAL, DUE_SOON, DUE_TODAY, OVERDUE, PAUSED)})


@dataclass(frozen=True)
class LevelThresholds:
    """Configurable thresholds; ``due_soon_days``: days before the due date that count as due soon."""

    due_soon_days: int = 3

    def __post_init__(self):
        if type(self.due_soon_days) is not int or not 0 <= self.due_soon_days <= 365:
            raise DeadlineError(_("“即将到期”提前天数须为0至365之间的整数"))


DEFAULT_THRESHOLDS = LevelThresholds()


def level_for(
    due: DueDate, today: date, now: datetime | None = None, thresholds: LevelThresholds = DEFAULT_THRESHOLDS
) -> WarningLevel:
    """The warning level of ``due`` on ``today`` (and at ``now`` for hour limits)."""
    if isinstance(today, datetime) or not isinstance(today, date):
        raise DeadlineError(_("请传入当天日期"))
    if due.due_at is not None and now is not None and to_shanghai(now) > due.due_at:
        return OVERDUE
    days_left = (due.due_date - today).days
    if days_left < 0:
        return OVERDUE
    if days_left == 0:
        return DUE_TODAY
    if days_left <= thresholds.due_soon_days:
        return DUE_SOON
    return NORMAL
