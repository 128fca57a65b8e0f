"""Months and days of reporting in Asia/Shanghai: ``2026-11`` keys, due dates, labels.

The current month is the portal clock's (``portal.clock.today``).
"""

from datetime import date, timedelta

from portal.clock import today


def month_key(day):
    """``date(2026, 11, 3)`` -> ``'2026-11'``."""
    return f"{day.year:04d}-{day.month:02d}"


def current_month():
    return month_key(today())


def parse_month(value, default=None):
    """``'2026-11'`` -> ``'2026-11'`` if well formed and not in the future, else ``default``."""
    try:
        year, month = (int(p) for p in (value or "").split("-"))
        first = date(year, month, 1)
    except (TypeError, ValueError):
        return default
    if first > today() or year < 2000:
        return default
    return month_key(first)


def first_day(month):
    year, mon = (int(p) for p in month.split("-"))
    return date(year, mon, 1)


def month_range(month):
    """(first day, first day of the next month) of ``month``."""
    start = first_day(month)
    end = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start, end


def previous_months(month, count):
    """``month`` and the ``count - 1`` months before it, newest first."""
    day = first_day(month)
    out = []
    for _ in range(count):
        out.append(month_key(day))
        day = (day - timedelta(days=1)).replace(day=1)
    return out


def month_label(month):
    start = first_day(month)
    return f"{start.year}年{start.month}月"


def parse_day(value, default=None):
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default
