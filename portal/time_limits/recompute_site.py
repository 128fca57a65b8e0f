"""Recomputing every open deadline of a site after its holiday calendar changed.

Contract: objects that hold open deadlines are found through the catalog index
``deadline_due`` (each indexed object has ``deadlines``: name -> ``portal.deadlines.Deadline``).
``recompute_site`` runs the engine's ``recompute_open`` on each of them (so every recomputed
deadline logs it in its own log, with the actor and the calendar version), reindexes
``deadline_due`` of each object whose due value changed, and returns a ``SiteRecompute``.
Completed deadlines are never touched. ``on_calendar_changed`` is the ``CalendarChanged``
subscriber that does this and records the outcome on the event.
"""

import logging
from dataclasses import dataclass

from portal.catalog import reindex_object, resolve
from portal.deadlines import recompute_open

log = logging.getLogger(__name__)

INDEX = "deadline_due"


@dataclass(frozen=True)
class SiteRecompute:
    examined: int  # open deadlines looked at
    recomputed: tuple  # ``Recomputed`` for each deadline whose due value changed
    objects: int  # objects reindexed


def open_deadline_holders(site):
    """Objects the catalog lists as holding at least one open deadline."""
    index = site.catalog[INDEX]
    for docid in list(index.indexed()):
        obj = resolve(site, docid)
        if obj is not None and getattr(obj, "deadlines", None):
            yield obj


def recompute_site(site, calendar, *, actor: str, at=None) -> SiteRecompute:
    """Recompute every open deadline in ``site`` with ``calendar``."""
    examined, changed, objects = 0, [], 0
    for obj in open_deadline_holders(site):
        deadlines = [d for d in obj.deadlines.values() if d.is_open]
        examined += len(deadlines)
        results = recompute_open(deadlines, calendar, actor=actor, at=at)
        if results:
            reindex_object(obj, (INDEX,), site)
            changed.extend(results)
            objects += 1
    return SiteRecompute(examined, tuple(changed), objects)


def on_calendar_changed(event):
    result = recompute_site(event.site, event.calendar, actor=event.actor)
    event.examined = result.examined
    event.recomputed = result.recomputed
    log.info(
        "holiday calendar v%s by %s: %d open deadlines recomputed, %d changed on %d objects",
        event.calendar.version,
        event.actor,
        result.examined,
        len(result.recomputed),
        result.objects,
    )
