"""Deadlines in the portal: the stored holiday calendar, its admin page, recomputation, badges.

The pure engine is ``portal.deadlines``; this concern puts it into the running portal.

Modules:

* ``calendar_store``  ``install(site)`` / ``get_calendar(site)``: the calendar at ``site.holiday_calendar``;
* ``settings``        ``thresholds(registry)``: warning thresholds from the ini
                      (``portal.deadline_due_soon_days``, default 3);
* ``events``          ``CalendarChanged``, sent after every calendar edit (``notify_calendar_changed``);
* ``recompute_site``  its subscriber: recompute every open deadline found through the catalog;
* ``badges``          ``badge(request, deadline, today=None)`` and the macros of ``templates/badge.pt``;
* ``calendar_forms``  the page's colander schemas; ``views``: the page ``@@holiday-calendar``;
* ``year_entry``      ``@@holiday-year``: a whole year entered from the State Council's notice.

API for other concerns: ``get_calendar``, ``thresholds``, ``badge``, ``CalendarChanged``,
``notify_calendar_changed``, ``recompute_site``.
"""

from pyramid.events import BeforeRender

from .badges import badge, earliest_open
from .calendar_store import get_calendar, install
from .events import CalendarChanged, notify_calendar_changed
from .recompute_site import recompute_site
from .settings import thresholds

__all__ = [
    "install",
    "get_calendar",
    "thresholds",
    "badge",
    "earliest_open",
    "CalendarChanged",
    "notify_calendar_changed",
    "recompute_site",
    "includeme",
]


def includeme(config):
    from portal.i18n import _

    config.include(".evolution")
    from .badges import add_badge_macros
    from .recompute_site import on_calendar_changed

    config.include(".settings")
    config.add_subscriber(on_calendar_changed, CalendarChanged)
    config.add_subscriber(add_badge_macros, BeforeRender)
    config.scan(".views")
    config.scan(".year_entry")
    from portal.security import permissions as P

    config.add_nav_item("holiday-calendar", _("节假日设置"), P.MANAGE_SITE, order=180)
