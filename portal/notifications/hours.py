"""Sending hours: when mail (staff) and messages (petitioners) may leave.

Two windows share one implementation (``in_window``): staff mail goes 08:00-18:00 on working
days (``in_working_hours``); a concern with its own window (petitioner notices: daytime on every
day, nothing at night) passes its ``start``/``end`` and ``working_days_only=False``.

Working days come from the site's holiday calendar (``site.holiday_calendar``, a
``portal.deadlines.HolidayCalendar``) when it has one, else Monday to Friday. The time comes
from the portal's clock (``portal.clock.now``).
"""

from datetime import time, timedelta

from portal.clock import at, to_shanghai

START = time(8, 0)
END = time(18, 0)


def is_working_day(site, day):
    calendar = getattr(site, "holiday_calendar", None)
    if calendar is not None:
        return calendar.is_working_day(day)
    return day.weekday() < 5


def in_window(site, now, start, end, working_days_only=True):
    """True when ``now`` (aware) falls in ``start``-``end`` (Shanghai time; ``end`` exclusive)
    of a day that counts: a working day, or any day when ``working_days_only`` is False."""
    local = to_shanghai(now)
    if working_days_only and not is_working_day(site, local.date()):
        return False
    return start <= local.time() < end


def next_window_start(site, now, start, end, working_days_only=True):
    """``now`` if it is inside the window, else the moment the window next opens."""
    if in_window(site, now, start, end, working_days_only):
        return to_shanghai(now)
    local = to_shanghai(now)
    day = local.date() if local.time() < start else local.date() + timedelta(days=1)
    for _ in range(60):  # the longest run of rest days is far shorter
        if not working_days_only or is_working_day(site, day):
            return at(day, start.hour, start.minute)
        day += timedelta(days=1)
    return at(day, start.hour, start.minute)


def in_working_hours(site, now):
    """True when ``now`` (an aware datetime) is inside 08:00-18:00 of a working day in Shanghai."""
    return in_window(site, now, START, END, working_days_only=True)
