"""Months and days of reporting in Asia/Shanghai: ``2026-11`` keys, due dates, labels.

The current month is the portal clock's (``portal.clock.today``).
"""

from datetime import date, timedelta

from portal.clock import today
from portal.i18n import _

#: English month names for the English catalog's ``${month_name} ${year}`` (not locale-dependent).
MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


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
    for _step in range(count):
        out.append(month_key(day))
        day = (day - timedelta(days=1)).replace(day=1)
    return out


def month_label(month):
    """``'2026-11'`` -> ``'2026年11月'``: plain Chinese, for stored texts and file names."""
    start = first_day(month)
    return f"{start.year}年{start.month}月"


def month_title(month):
    """``month`` as a TranslationString (2026年11月 / the English catalog's form), for templates."""
    start = first_day(month)
    names = {"year": start.year, "month": start.month, "month_name": MONTH_NAMES[start.month - 1]}
    return _("${year}年${month}月", mapping=names)


def localized_month_label(request, month):
    """``month_title`` translated for ``request``: a plain str that composes with other texts
    (2026年11月 in Chinese, byte for byte ``month_label``)."""
    return request.localizer.translate(month_title(month))


def parse_day(value, default=None):
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default
