"""Case numbers per registering unit and year, e.g. 郑教信〔2026〕0001.

Each (unit, year) has its own small counter object that deliberately does NOT resolve write
conflicts: two concurrent registrations in the same unit conflict on it, pyramid_retry runs
the loser again, and it takes the next number. Units never contend with each other.
"""
from BTrees.OOBTree import OOBTree
from persistent import Persistent


class CaseCounter(Persistent):
    def __init__(self):
        self.value = 0

    def next(self):
        self.value += 1
        return self.value


def next_number(unit, year):
    """The next sequence number of ``unit`` in ``year`` (1, 2, ...)."""
    counters = getattr(unit, "case_counters", None)
    if counters is None:
        counters = unit.case_counters = OOBTree()
    counter = counters.get(year)
    if counter is None:
        counter = counters[year] = CaseCounter()
    return counter.next()


def prefix_for(unit):
    """The number prefix: the unit's own ``case_prefix`` or 郑教信 with the county's name."""
    prefix = getattr(unit, "case_prefix", None)
    if prefix:
        return prefix
    if unit.__parent__ is None:
        return "郑教信"
    return (unit.title[:2] if unit.title else "") + "教信"


def format_number(unit, year, seq):
    return f"{prefix_for(unit)}〔{year}〕{seq:04d}"
