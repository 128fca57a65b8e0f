"""Every open incident of a subtree on one page, with its clock (the city sees them all).

:func:`board_lines` is one catalog query (incidents below the unit, in an open state, that the
user may view), newest first; each line carries how long the emergency has lasted and the
written report's badge (``portal.time_limits.badges``) at the reporting clock's time.
"""

from dataclasses import dataclass

from hypatia.query import Any, Eq

from portal.catalog import allowed_query, search
from portal.reports.units import path_of
from portal.time_limits.badges import badge

from .incidents import LIMIT, OPEN_STATES


@dataclass(frozen=True)
class BoardLine:
    incident: object
    elapsed: str  # 已持续 2小时15分
    report_badge: dict  # the written report's badge, or None before activation


def elapsed_text(since, now):
    minutes = max(0, int((now - since).total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    return (f"{days}天" if days else "") + f"{hours}小时{minutes}分"


def incidents_query(request, unit, states=OPEN_STATES):
    site = request.root
    cat = site.catalog
    return (
        Eq(cat["path"], path_of(unit))
        & Eq(cat["type_name"], "incident")
        & Any(cat["state"], list(states))
        & allowed_query(site, request.user_principals)
    )


def board_lines(request, unit, now, states=OPEN_STATES):
    results = search(request.root, incidents_query(request, unit, states), "created", reverse=True)
    lines = []
    for incident in results.all() if results.total else []:
        deadline = incident.deadlines.get(LIMIT)
        shown = badge(request, deadline, now.date(), now) if deadline is not None else None
        lines.append(BoardLine(incident, elapsed_text(incident.occurred_at, now), shown))
    return lines
