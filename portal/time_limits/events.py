"""The event sent after every edit of a site's holiday calendar.

Contract: whoever edits ``site.holiday_calendar`` sends one ``CalendarChanged`` per edit,
after the edit, through ``notify_calendar_changed`` (or ``registry.notify``), inside the same
transaction. Subscribers run in that transaction and may record what they did on the event;
the deadline subscriber (``portal.time_limits.recompute_site``) sets ``examined`` (open
deadlines looked at) and ``recomputed`` (a tuple of ``portal.deadlines.Recomputed`` for the
deadlines whose due value changed).
"""


class CalendarChanged:
    """``calendar`` of ``site`` was edited by ``actor`` (``edit``: the ``CalendarEdit`` logged)."""

    def __init__(self, site, calendar, actor, edit=None, request=None):
        self.site = site
        self.calendar = calendar
        self.actor = actor
        self.edit = edit
        self.request = request  # None outside a web request (scripts, tests)
        self.examined = 0
        self.recomputed = ()


def notify_calendar_changed(registry, site, actor, request=None) -> CalendarChanged:
    """Send ``CalendarChanged`` for the calendar's latest edit; returns the event."""
    from .calendar_store import get_calendar

    calendar = get_calendar(site)
    log = calendar.log
    event = CalendarChanged(site, calendar, actor, log[-1] if log else None, request)
    registry.notify(event)
    return event
