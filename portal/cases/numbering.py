"""Case numbers per registering unit and year, e.g. 郑教信〔2026〕0001.

Numbers are reserved in a short transaction of their own (``reserve_number``), on a counter
object per (unit, year) that deliberately does not resolve write conflicts: two concurrent
reservations conflict, the loser retries at once and takes the next number. Because the
reservation commits separately, the long registration transaction never contends on the
counter. A registration that fails after reserving leaves a gap in the sequence, never a
duplicate.
"""
import random
import time

import transaction
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.POSException import ConflictError

ATTEMPTS = 20


class CaseCounter(Persistent):
    def __init__(self):
        self.value = 0

    def next(self):
        self.value += 1
        return self.value


def counters(site):
    """The site's (unit path, year) -> CaseCounter tree (created by an evolve step)."""
    tree = getattr(site, "case_counters", None)
    if tree is None:
        tree = site.case_counters = OOBTree()
    return tree


def next_number(site, unit_path, year):
    """Increment and return the counter of ``unit_path`` in ``year`` in the current transaction."""
    tree = counters(site)
    key = (unit_path, year)
    counter = tree.get(key)
    if counter is None:
        counter = tree[key] = CaseCounter()
    return counter.next()


def reserve_number(db, site_key, unit_path, year):
    """Reserve the next number in a separate, immediately committed transaction."""
    manager = transaction.TransactionManager()
    for attempt in range(ATTEMPTS):
        conn = db.open(transaction_manager=manager)
        try:
            manager.begin()
            seq = next_number(conn.root()[site_key], unit_path, year)
            manager.commit()
            return seq
        except ConflictError:
            manager.abort()
            time.sleep(random.uniform(0, 0.01 * (attempt + 1)))
        finally:
            conn.close()
    raise ConflictError("could not reserve a case number")


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
