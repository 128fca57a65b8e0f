"""Case numbers per registering unit and year, e.g. 郑教信〔2026〕0001.

Numbers are reserved in a short transaction of their own (``reserve_number``), on a counter
object per (unit, year) that deliberately does not resolve write conflicts: two concurrent
reservations conflict, the loser retries at once and takes the next number. Because the
reservation commits separately, the long registration transaction never contends on the
counter.

No gaps: a request reserves through ``request_reserver(request)``, which keeps its numbers in
the WSGI environ (pyramid_retry reuses it, so a retried attempt takes the same numbers again)
and, when the request finally fails (its last attempt, or an error no retry can help), gives
them back (``release_numbers``); the counter hands released numbers out again, smallest first,
before new ones. So the numbers of a year run without a gap, and never twice.
"""

import random
import time

import transaction
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.POSException import ConflictError

ATTEMPTS = 20


class CaseCounter(Persistent):
    released = ()  # numbers given back by failed registrations, handed out again first

    def __init__(self):
        self.value = 0

    def next(self):
        if self.released:
            seq, self.released = self.released[0], self.released[1:]
            return seq
        self.value += 1
        return self.value

    def release(self, seq):
        if 0 < seq <= self.value and seq not in self.released:
            self.released = tuple(sorted(self.released + (seq,)))


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


def _in_own_transaction(db, site_key, change):
    """Run ``change(site)`` in a separate, immediately committed transaction; retry conflicts."""
    manager = transaction.TransactionManager()
    for attempt in range(ATTEMPTS):
        conn = db.open(transaction_manager=manager)
        try:
            manager.begin()
            result = change(conn.root()[site_key])
            manager.commit()
            return result
        except ConflictError:
            manager.abort()
            time.sleep(random.uniform(0, 0.01 * (attempt + 1)))
        finally:
            conn.close()
    raise ConflictError("could not update the case number counter")


def reserve_number(db, site_key, unit_path, year):
    """Reserve the next number in a separate, immediately committed transaction."""
    return _in_own_transaction(db, site_key, lambda site: next_number(site, unit_path, year))


def release_numbers(db, site_key, unit_path, year, seqs):
    """Give reserved numbers back (their registration failed), in a transaction of their own."""

    def change(site):
        counter = counters(site).get((unit_path, year))
        for seq in seqs:
            if counter is not None:
                counter.release(seq)

    _in_own_transaction(db, site_key, change)


RESERVED_KEY = "portal.reserved_case_numbers"


def request_reserver(request):
    """A ``reserve(unit_path, year)`` for ``register_case`` in a web request (see the module
    docstring): a retried attempt reuses its first attempt's numbers, and a request that
    finally fails gives its numbers back."""
    from portal.storage import SITE_KEY

    db = request.registry._zodb_databases[""]
    reserved = request.environ.setdefault(RESERVED_KEY, {})
    calls = []  # new for every attempt, unlike the environ

    def reserve(path, year):
        calls.append(1)
        key = (path, year, len(calls))
        if key not in reserved:
            reserved[key] = reserve_number(db, SITE_KEY, path, year)
        return reserved[key]

    def give_back_if_failed(request):
        from pyramid_retry import is_error_retryable, is_last_attempt

        exc = request.exception
        if exc is None or (is_error_retryable(request, exc) and not is_last_attempt(request)):
            return  # committed, or another attempt will reuse the numbers
        for (path, year, _n), seq in list(reserved.items()):
            release_numbers(db, SITE_KEY, path, year, [seq])
        reserved.clear()

    request.add_finished_callback(give_back_if_failed)
    return reserve


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
