"""Where the site keeps its holiday calendar: ``site.holiday_calendar``.

Contract:

* ``install(site)`` stores a new ``portal.deadlines.HolidayCalendar`` on the site, seeded from
  chinese-calendar for every year the installed package covers (one logged edit per year, by
  ``SEED_ACTOR``). If the site already has a calendar it is left exactly as it is (evolve may run
  again on an old site; administrators' edits are never overwritten). Returns True if it
  created one. The caller commits.
* ``get_calendar(site)`` returns that calendar. A site evolved while this concern was still a
  stub has none; ``get_calendar`` then installs it on the spot (and logs a warning), so callers
  never see ``None``. Prefer running an evolve step that calls ``install``.
"""

import logging

from portal.deadlines import HolidayCalendar, seed_calendar

log = logging.getLogger(__name__)

ATTRIBUTE = "holiday_calendar"
SEED_ACTOR = "system"


def install(site) -> bool:
    """Store a seeded holiday calendar on ``site`` unless it has one; True if created."""
    if getattr(site, ATTRIBUTE, None) is not None:
        return False
    calendar = HolidayCalendar()
    years = seed_calendar(calendar, actor=SEED_ACTOR)
    setattr(site, ATTRIBUTE, calendar)
    if years:
        log.info("holiday calendar installed, seeded %d-%d", years[0], years[-1])
    return True


def get_calendar(site) -> HolidayCalendar:
    """The site's holiday calendar (installed on first use if an old site lacks it)."""
    calendar = getattr(site, ATTRIBUTE, None)
    if calendar is None:
        log.warning("site has no holiday calendar; installing it now (add an evolve step)")
        install(site)
        calendar = getattr(site, ATTRIBUTE)
    return calendar
