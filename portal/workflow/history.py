"""The append-only workflow history of an object.

:class:`HistoryEntry` is immutable (a frozen dataclass).  :class:`WorkflowHistory`
is a :class:`persistent.Persistent` container that offers ``append`` and
read access (iteration, ``len``, indexing, slicing) only; every other
mutation — item assignment or deletion, ``clear``, ``insert``, ``sort``,
``reverse``, ``pop``, ``remove``, ``extend``, ``+=``, attribute
assignment — raises :class:`HistoryIsAppendOnly`.

Entries are kept in a tuple that ``append`` replaces.  Two transactions that
append to the same history concurrently do not conflict: the
``_p_resolveConflict`` hook keeps both appends (the committed ones first).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from persistent import Persistent
from ZODB.POSException import ConflictError

from portal.i18n import plain

from .errors import WorkflowError


def check_aware(when: datetime) -> datetime:
    """Return ``when`` if it is a timezone-aware datetime, else raise."""
    if not isinstance(when, datetime):
        raise TypeError("when 应为 datetime")
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("when 必须带时区（aware datetime）")
    return when


#: The texts of an entry, always stored as plain ``str``.
TEXT_FIELDS = ("transition_title", "comment", "to_state")


@dataclass(frozen=True)
class HistoryEntry:
    """One step in an object's workflow history.

    ``transition`` is ``None`` and ``from_state`` is ``None`` for the entry
    :func:`initialize` records; ``when`` is always timezone-aware.

    Every text is kept as a plain ``str``: a marked title (``portal.i18n._``, e.g. a
    transition's title) is stored as its Chinese text, never as a ``TranslationString``; pages
    show it in the reader's language by looking that text up as a msgid (``layout.translated``).
    """

    actor: str
    when: datetime
    transition: str | None
    transition_title: str
    comment: str
    from_state: str | None
    to_state: str

    def __post_init__(self):
        check_aware(self.when)
        if not isinstance(self.actor, str) or not self.actor:
            raise ValueError("actor 应为非空字符串")
        for name in TEXT_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(f"{name} 应为字符串")
            if type(value) is not str:
                object.__setattr__(self, name, plain(value))


class HistoryIsAppendOnly(WorkflowError, TypeError):
    """Raised on any attempt to change or remove history entries."""

    def __init__(self, operation: str):
        super().__init__(f"流程历史只能追加，不能修改或删除（{operation}）")


def _refuse(operation):
    def method(self, *args, **kwargs):
        raise HistoryIsAppendOnly(operation)

    method.__name__ = operation
    method.__doc__ = f"Always raises :class:`HistoryIsAppendOnly` ({operation})."
    return method


class WorkflowHistory(Persistent):
    """Append-only sequence of :class:`HistoryEntry`."""

    def __init__(self, entries=()):
        entries = tuple(entries)
        for entry in entries:
            self._check(entry)
        Persistent.__setattr__(self, "_entries", entries)

    @staticmethod
    def _check(entry):
        if not isinstance(entry, HistoryEntry):
            raise TypeError("流程历史只接受 HistoryEntry")

    def append(self, entry: HistoryEntry) -> None:
        """Add ``entry`` at the end."""
        self._check(entry)
        Persistent.__setattr__(self, "_entries", self._entries + (entry,))

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self):
        return iter(self._entries)

    def __reversed__(self):
        return reversed(self._entries)

    def __getitem__(self, index):
        """An entry by position, or a tuple of entries for a slice."""
        return self._entries[index]

    @property
    def last(self) -> HistoryEntry | None:
        """The most recent entry, or ``None`` if empty."""
        return self._entries[-1] if self._entries else None

    def __repr__(self) -> str:
        return f"<WorkflowHistory of {len(self._entries)} entries>"

    __setitem__ = _refuse("__setitem__")
    __delitem__ = _refuse("__delitem__")
    __iadd__ = _refuse("__iadd__")
    clear = _refuse("clear")
    insert = _refuse("insert")
    sort = _refuse("sort")
    reverse = _refuse("reverse")
    pop = _refuse("pop")
    remove = _refuse("remove")
    extend = _refuse("extend")

    def __setattr__(self, name, value):
        if name.startswith(("_p_", "_v_")):
            Persistent.__setattr__(self, name, value)
        else:
            raise HistoryIsAppendOnly(f"设置属性 {name}")

    def __delattr__(self, name):
        if name.startswith(("_p_", "_v_")):
            Persistent.__delattr__(self, name)
        else:
            raise HistoryIsAppendOnly(f"删除属性 {name}")

    def _p_resolveConflict(self, old, committed, new):
        """Merge two concurrent appends: committed entries, then ours."""
        base = (old or {}).get("_entries", ())
        theirs = committed.get("_entries", ())
        ours = new.get("_entries", ())
        n = len(base)
        if theirs[:n] != base or ours[:n] != base:
            raise ConflictError("history was rewritten, not appended to")
        merged = dict(committed)
        merged["_entries"] = theirs + ours[n:]
        return merged


def plain_texts(history: WorkflowHistory) -> bool:
    """Evolve only: keep the entries of ``history`` with plain ``str`` texts, the same texts
    (entries recorded before ``HistoryEntry`` made them plain may hold a ``TranslationString``).
    Nothing is added or removed; returns whether any entry changed."""
    entries = history._entries
    if all(type(getattr(e, name)) is str for e in entries for name in TEXT_FIELDS):
        return False
    Persistent.__setattr__(history, "_entries", tuple(replace(e) for e in entries))
    return True
