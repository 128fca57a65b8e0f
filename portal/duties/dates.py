"""Days and months of the duties in Asia/Shanghai.

:func:`now` is the one place this concern reads the clock (``portal.clock``, which the tests
fix); everything else takes dates as arguments. Month
keys are ``'2026-11'`` as in the reporting concern, whose pure helpers are reused.
"""

from datetime import date, timedelta

from portal import clock
from portal.clock import as_date  # noqa: F401  (re-exported for the duties)
from portal.reports.months import (  # noqa: F401
    first_day,
    localized_month_label,
    month_key,
    month_label,
    month_range,
)


def now():
    """The current time (aware, Shanghai), from the portal's one clock."""
    return clock.now()


def today():
    return clock.today()


def next_month(month):
    return month_key(month_range(month)[1])


def previous_month(month):
    return month_key(first_day(month) - timedelta(days=1))


def months_of_year(year):
    return [f"{year:04d}-{m:02d}" for m in range(1, 13)]


def parse_month(value, default):
    """``'2026-11'`` when well formed (any month from 2000 up to next year), else ``default``."""
    try:
        year, month = (int(p) for p in (value or "").split("-"))
        first = date(year, month, 1)
    except (TypeError, ValueError):
        return default
    if not 2000 <= year <= today().year + 1:
        return default
    return month_key(first)


def parse_year(value, default):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= today().year + 1 else default


def days_of(month):
    start, end = month_range(month)
    return [start + timedelta(days=i) for i in range((end - start).days)]


def cn_date(day):
    """2026年11月3日"""
    return f"{day.year}年{day.month}月{day.day}日"
