"""The editable holiday calendar, stored in ZODB.

Contract:

* A day is a working day if it is marked as a make-up working day (调休上班日);
  otherwise a rest day if marked as a holiday; otherwise a working day from
  Monday to Friday and a rest day on Saturday and Sunday.
* A year "has data" when it was seeded from ``chinese-calendar`` or an
  administrator marked it as entered manually. For a year without data the same
  rule applies (so only weekends and any days already entered are rest days) and
  ``missing_data_warning(year)`` returns a Chinese warning that the portal must
  show next to any date computed with it.
* Every edit (set holiday, set make-up working day, clear, mark a year, seed, enter a year)
  increases ``version`` by one and appends a ``CalendarEdit`` to an append-only
  log. Entries are immutable; ``log`` returns a tuple.
* Day maps are BTrees keyed by ``date.toordinal()``; values are the Chinese name
  of the holiday or make-up day ("" if none was given).
"""

from dataclasses import dataclass
from datetime import date, datetime

from BTrees.IIBTree import IITreeSet
from BTrees.IOBTree import IOBTree
from persistent import Persistent

from portal.clock import format_date, stamp
from portal.i18n import _
from portal.i18n.parts import part, render

from .errors import DeadlineError

HOLIDAY = "holiday"
MAKEUP_WORKING_DAY = "makeup_working_day"
WEEKEND = "weekend"
WORKING_DAY = "working_day"

DAY_KIND_TITLES = {
    HOLIDAY: _("法定节假日"),
    MAKEUP_WORKING_DAY: _("调休上班日"),
    WEEKEND: _("休息日"),
    WORKING_DAY: _("工作日"),
}
#: The warning that goes with a date counted through a year without holiday data.
MISSING_DATA = _("${year}年节假日数据尚未录入，暂按周末计算，请管理员补录")


@dataclass(frozen=True)
class CalendarEdit:
    """One logged edit: who, when, what (``action`` code, Chinese ``description``)."""

    version: int  # the calendar version this edit produced
    at: datetime
    actor: str
    action: str  # set_holiday | set_working_day | clear_day | mark_year | unmark_year | seed | enter_year
    description: str
    day: date | None = None
    year: int | None = None


class HolidayCalendar(Persistent):
    """Statutory holidays and make-up working days, editable by administrators."""

    def __init__(self):
        self.version = 0
        self._holidays = IOBTree()
        self._working_days = IOBTree()
        self._seeded_years = IITreeSet()
        self._manual_years = IITreeSet()
        self._log = IOBTree()

    # ---- queries -------------------------------------------------------
    def day_kind(self, day: date) -> str:
        """HOLIDAY, MAKEUP_WORKING_DAY, WEEKEND or WORKING_DAY for ``day``."""
        key = day.toordinal()
        if key in self._working_days:
            return MAKEUP_WORKING_DAY
        if key in self._holidays:
            return HOLIDAY
        return WEEKEND if day.weekday() >= 5 else WORKING_DAY

    def is_working_day(self, day: date) -> bool:
        return self.day_kind(day) in (WORKING_DAY, MAKEUP_WORKING_DAY)

    def day_name(self, day: date) -> str:
        """The Chinese name stored for a marked day (e.g. 劳动节), or ""."""
        key = day.toordinal()
        return self._working_days.get(key) or self._holidays.get(key) or ""

    def holidays(self, year: int) -> tuple:
        """Days marked as holidays in ``year``, sorted."""
        return self._days_in(self._holidays, year)

    def working_days(self, year: int) -> tuple:
        """Days marked as make-up working days in ``year``, sorted."""
        return self._days_in(self._working_days, year)

    def has_data(self, year: int) -> bool:
        return year in self._seeded_years or year in self._manual_years

    def years_with_data(self) -> tuple:
        return tuple(sorted(set(self._seeded_years) | set(self._manual_years)))

    def missing_data_warning(self, year: int) -> str | None:
        """The Chinese warning for a year without holiday data, or None."""
        found = self.missing_data_part(year)
        return render((found,)) if found else None

    def missing_data_part(self, year: int) -> tuple | None:
        """That warning as a message part (``portal.i18n.parts``), or None."""
        return None if self.has_data(year) else part(MISSING_DATA, year=year)

    @property
    def log(self) -> tuple:
        """Every edit, oldest first (an immutable snapshot)."""
        return tuple(self._log.values())

    # ---- edits ---------------------------------------------------------
    def set_holiday(self, day: date, *, actor: str, name: str = "", at: datetime | None = None) -> int:
        """Mark ``day`` a holiday (rest day); returns the new version."""
        key = self._check_day(day)
        self._working_days.pop(key, None)
        self._holidays[key] = name
        label = f"（{name}）" if name else ""
        return self._record("set_holiday", f"设 {format_date(day)} 为法定节假日{label}", actor, at, day=day)

    def set_working_day(self, day: date, *, actor: str, name: str = "", at: datetime | None = None) -> int:
        """Mark ``day`` a make-up working day (调休上班日); returns the new version."""
        key = self._check_day(day)
        self._holidays.pop(key, None)
        self._working_days[key] = name
        label = f"（{name}）" if name else ""
        return self._record(
            "set_working_day", f"设 {format_date(day)} 为调休上班日{label}", actor, at, day=day
        )

    def clear_day(self, day: date, *, actor: str, at: datetime | None = None) -> int:
        """Remove any mark on ``day`` (it follows the weekday rule again)."""
        key = self._check_day(day)
        self._holidays.pop(key, None)
        self._working_days.pop(key, None)
        return self._record(
            "clear_day", f"清除 {format_date(day)} 的设置，按平常周历计算", actor, at, day=day
        )

    def mark_year_entered(
        self, year: int, *, actor: str, entered: bool = True, at: datetime | None = None
    ) -> int:
        """Mark ``year`` as entered manually (or withdraw the mark); ends the warning."""
        self._check_year(year)
        if entered:
            self._manual_years.add(year)
            return self._record("mark_year", f"确认{year}年节假日数据已录入", actor, at, year=year)
        if year in self._manual_years:
            self._manual_years.remove(year)
        return self._record("unmark_year", f"撤销{year}年节假日数据已录入的确认", actor, at, year=year)

    def import_year(
        self,
        year: int,
        holidays: dict,
        working_days: dict,
        *,
        actor: str,
        source: str,
        at: datetime | None = None,
    ) -> int:
        """Replace all marks of ``year`` by ``holidays``/``working_days`` (``date -> name``).

        One logged edit; the year then counts as seeded (has data).
        """
        self._replace_year(year, holidays, working_days)
        self._seeded_years.add(year)
        return self._record("seed", f"从 {source} 导入{year}年节假日数据", actor, at, year=year)

    def enter_year(
        self,
        year: int,
        holidays: dict,
        working_days: dict,
        *,
        actor: str,
        source: str,
        at: datetime | None = None,
    ) -> int:
        """An administrator enters ``year`` as a whole (``source``: e.g. the notice's title).

        Replaces every mark of ``year`` like ``import_year``, in one logged edit, and marks the
        year as entered (it has data; the mark can be withdrawn like ``mark_year_entered``'s).
        """
        self._replace_year(year, holidays, working_days)
        self._manual_years.add(year)
        return self._record(
            "enter_year",
            f"按{source}录入{year}年节假日安排：法定节假日{len(holidays)}天、调休上班日{len(working_days)}天",
            actor,
            at,
            year=year,
        )

    # ---- helpers -------------------------------------------------------
    def _replace_year(self, year, holidays, working_days) -> None:
        self._check_year(year)
        if any(day.year != year for day in (*holidays, *working_days)):
            raise DeadlineError(f"导入的日期不属于{year}年")
        for day in (*holidays, *working_days):
            self._check_day(day)
        for tree in (self._holidays, self._working_days):
            for key in list(tree.keys(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal())):
                del tree[key]
        for day, name in holidays.items():
            self._holidays[day.toordinal()] = name
        for day, name in working_days.items():
            self._holidays.pop(day.toordinal(), None)
            self._working_days[day.toordinal()] = name

    def _record(self, action, description, actor, at, *, day=None, year=None) -> int:
        if not actor:
            raise DeadlineError("修改节假日设置须记录操作人")
        self.version += 1
        entry = CalendarEdit(self.version, stamp(at), actor, action, description, day, year)
        self._log[self.version] = entry
        return self.version

    @staticmethod
    def _check_day(day) -> int:
        if isinstance(day, datetime) or not isinstance(day, date):
            raise DeadlineError("请填写日期（年-月-日）")
        return day.toordinal()

    @staticmethod
    def _check_year(year) -> None:
        if type(year) is not int or not 1949 < year < 2200:
            raise DeadlineError(f"年份不正确：{year}")

    @staticmethod
    def _days_in(tree, year) -> tuple:
        low, high = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        return tuple(date.fromordinal(key) for key in tree.keys(low, high))
