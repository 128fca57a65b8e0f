"""Reception days (领导干部群众接待日): the schedule published in advance.

Contract: a :class:`ReceptionEntry` (immutable) is stored in ``store.receptions`` under
``(unit path, entry id)``. Only ``portal.duties.receptions.schedule`` writes them (one per
scheduled day, the entry id being the day's id): a substitute appears only once the unit's
principal leader approved it (代接须经主要领导批准).
``upcoming(store, today)`` lists entries from ``today`` on, in date and time order, with the
unit's title resolved by the caller-provided ``titles`` mapping.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from portal import clock


@dataclass(frozen=True)
class ReceptionEntry:
    entry_id: str
    unit_path: str
    on: date
    start: str  # 'HH:MM'
    end: str
    leader_name: str
    leader_post: str
    field: str  # 分管领域
    place: str
    substitute_name: str = ""
    substitute_post: str = ""
    substitution_note: str = ""
    updated_by: str = ""
    updated_at: datetime | None = None

    @property
    def substituted(self):
        return bool(self.substitute_name)


def save(store, unit_path, values, actor, entry_id=None, when=None):
    """Add an entry (or replace ``entry_id`` of the same unit); returns it."""
    entry_id = entry_id or secrets.token_hex(6)
    entry = ReceptionEntry(
        entry_id=entry_id, unit_path=unit_path, updated_by=actor, updated_at=when or clock.now(), **values
    )
    store.receptions[(unit_path, entry_id)] = entry
    return entry


def remove(store, unit_path, entry_id):
    return store.receptions.pop((unit_path, entry_id), None) is not None


def upcoming(store, today, limit=200):
    entries = [e for e in store.receptions.values() if e.on >= today]
    entries.sort(key=lambda e: (e.on, e.start, e.unit_path))
    return entries[:limit]
