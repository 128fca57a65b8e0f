"""Working hours for mail: 08:00-18:00 Asia/Shanghai on working days.

Working days come from the site's holiday calendar (``site.holiday_calendar``, a
``portal.deadlines.HolidayCalendar``) when it has one, else Monday to Friday. The time comes
from the portal's clock (``portal.clock.now``).
"""
from datetime import time

from portal.clock import to_shanghai

START = time(8, 0)
END = time(18, 0)


def is_working_day(site, day):
    calendar = getattr(site, "holiday_calendar", None)
    if calendar is not None:
        return calendar.is_working_day(day)
    return day.weekday() < 5


def in_working_hours(site, now):
    """True when ``now`` (an aware datetime) is inside 08:00-18:00 of a working day in Shanghai."""
    local = to_shanghai(now)
    return is_working_day(site, local.date()) and START <= local.time() < END
