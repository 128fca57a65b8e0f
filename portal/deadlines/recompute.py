"""Recomputing stored deadlines after a calendar edit.

Contract: ``recompute_open(deadlines, calendar)`` recomputes every open deadline
whose due value was computed with an older calendar version (all open ones with
``force=True``), logging each in the deadline's own log, and returns a tuple of
``Recomputed`` for those whose due value changed. Completed deadlines are left
alone. Deadlines already at the current version are not touched (no ZODB write).
"""

from dataclasses import dataclass

from .deadline import Deadline
from .due import DueDate


@dataclass(frozen=True)
class Recomputed:
    deadline: Deadline
    old: DueDate
    new: DueDate


def recompute_open(deadlines, calendar, *, actor: str = "system", at=None, force: bool = False) -> tuple:
    changed = []
    for deadline in deadlines:
        if not deadline.is_open:
            continue
        if not force and deadline.due.calendar_version == calendar.version:
            continue
        old = deadline.due
        if deadline.recompute(calendar, actor=actor, at=at):
            changed.append(Recomputed(deadline, old, deadline.due))
    return tuple(changed)
