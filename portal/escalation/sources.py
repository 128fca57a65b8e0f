"""Escalation sources: what can be overdue, declared by the concern that owns it.

Contract:

* ``config.add_escalation_source(name, title, find)`` (directive) registers a source:
  ``name`` lower_snake_case and unique (a second registration stops start-up), ``title``
  Chinese (shown on the to-do as the kind of item), ``find(site, today)`` an iterable of
  :class:`OverdueItem` for everything of this kind that is past its due date on ``today``.
  ``find`` must not change the database; it runs once per sweep.
* :class:`OverdueItem` is plain immutable data. ``key`` identifies the overdue thing within
  its source and must change when its due date changes (a new due date is a new item), e.g.
  ``/zhongyuan/c2026-0001:handling:2026-03-01``. ``above`` lists the unit paths to escalate
  to, nearest first; ``None`` means the bureaus above ``late_unit`` in the tree
  (``tree.bureaus_above``). ``recipients`` are people the item names itself (told at the
  first level, with or without a unit: e.g. the leaders a rectification notice names).
"""

import re
from dataclasses import dataclass
from datetime import date

from pyramid.exceptions import ConfigurationError

SOURCES_KEY = "portal.escalation_sources"
MAX_LEVELS = 2
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class OverdueItem:
    key: str
    label: str  # Chinese, what is late ("信访事项 郑教信〔2026〕0001 办理期限"), no identity
    late_unit: str  # path of the unit that is late
    due: date
    url: str = ""  # a path inside the portal
    above: tuple | None = None
    leader: str | None = None  # userid of a leader who owns the matter (told at the first level)
    period_days: int = 30
    recipients: tuple = ()  # userids the object itself names, told at the first level
    provisional: bool = False  # the due date was counted through a year without holiday data

    def days_late(self, today):
        return (today - self.due).days

    def level_on(self, today):
        """0 while not overdue; 1 from the day after the due date; 2 once more than
        ``period_days`` overdue (never more than ``MAX_LEVELS``)."""
        days = self.days_late(today)
        if days < 1:
            return 0
        return min(1 + (days - 1) // max(self.period_days, 1), MAX_LEVELS)


def overdue_deadlines(site, today, type_name, limit):
    """Yield ``(obj, due_date)`` for each object of catalog type ``type_name`` whose open
    deadline ``limit`` (a key of ``obj.deadlines``) fell due before ``today``: the shared
    search of escalation sources that follow one deadline per object (the catalog's
    ``deadline_due`` index is the earliest open due date; each hit is checked on the object)."""
    from hypatia.query import Eq, Lt

    from portal.catalog import resolve

    cat = site.catalog
    query = Lt(cat["deadline_due"], today) & Eq(cat["type_name"], type_name)
    for docid in query.execute().ids:
        obj = resolve(site, docid)
        deadline = obj.deadlines.get(limit) if obj is not None else None
        if deadline is None or not deadline.is_open or deadline.due.due_date >= today:
            continue
        yield obj, deadline.due.due_date


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    find: object


def validate_source(name, title, find):
    problems = []
    if not isinstance(name, str) or not _NAME.match(name):
        problems.append(f"{name!r}: name must be lower_snake_case")
    if not _CJK.search(title or ""):
        problems.append(f"{name!r}: title must be Chinese")
    if not callable(find):
        problems.append(f"{name!r}: find is not callable")
    if problems:
        raise ConfigurationError("escalation source: " + "; ".join(problems))


def add_escalation_source(config, name, title, find):
    """Directive (see the module contract)."""
    validate_source(name, title, find)
    source = Source(name, title, find)

    def register():
        sources = config.registry.setdefault(SOURCES_KEY, {})
        if name in sources:
            raise ConfigurationError(f"escalation source {name!r} registered twice")
        sources[name] = source

    config.action(("portal.escalation_source", name), register)


def sources_of(registry):
    """The registered sources, in registration order."""
    return list((registry.get(SOURCES_KEY) or {}).values())


def source_title(registry, name):
    source = (registry.get(SOURCES_KEY) or {}).get(name)
    return source.title if source is not None else name
