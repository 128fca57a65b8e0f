"""Seeding the holiday calendar from the ``chinese-calendar`` package.

Contract: ``supported_years()`` probes the installed package (it raises
``NotImplementedError`` for a year it has no data for; 1.11.0 covers 2004-2026).
``seed_calendar()`` imports each supported year not yet present (seeded or
entered manually), one logged edit per year, and never overwrites a year an
administrator has entered unless ``overwrite=True``. Stored marks: every day the
package names as a holiday (weekend days inside a holiday block included), and
every Saturday/Sunday it declares a working day.
"""

from datetime import date, timedelta

import chinese_calendar

from .holiday_calendar import HolidayCalendar

SOURCE = f"chinese-calendar {chinese_calendar.__version__}"


def _covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def supported_years(first: int = 1990, last: int = 2100) -> tuple:
    """The years in [first, last] for which chinese-calendar has data."""
    return tuple(year for year in range(first, last + 1) if _covers(year))


def _chinese_name(english: str | None) -> str:
    if not english:
        return ""
    try:
        return chinese_calendar.Holiday(english).chinese
    except ValueError:
        return english


def year_marks(year: int) -> tuple[dict, dict]:
    """``(holidays, working_days)`` for ``year`` from chinese-calendar, as ``date -> name``."""
    holidays, working_days = {}, {}
    day = date(year, 1, 1)
    while day.year == year:
        workday = chinese_calendar.is_workday(day)
        _, english = chinese_calendar.get_holiday_detail(day)
        weekend = day.weekday() >= 5
        if not workday and (english or not weekend):
            holidays[day] = _chinese_name(english)
        elif workday and weekend:
            working_days[day] = _chinese_name(english)
        day += timedelta(days=1)
    return holidays, working_days


def seed_calendar(
    calendar: HolidayCalendar, years=None, *, actor: str = "system", overwrite: bool = False, at=None
) -> tuple:
    """Import ``years`` (default: all supported) into ``calendar``; returns the years imported."""
    supported = supported_years()
    wanted = supported if years is None else tuple(y for y in years if y in supported)
    done = []
    for year in wanted:
        if calendar.has_data(year) and not overwrite:
            continue
        holidays, working_days = year_marks(year)
        calendar.import_year(year, holidays, working_days, actor=actor, source=SOURCE, at=at)
        done.append(year)
    return tuple(done)


def seeded_calendar(years=None, *, actor: str = "system", at=None) -> HolidayCalendar:
    """A new calendar seeded with ``years`` (default: every year chinese-calendar covers)."""
    calendar = HolidayCalendar()
    seed_calendar(calendar, years, actor=actor, at=at)
    return calendar
