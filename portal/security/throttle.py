"""One throttle for everything that can be guessed or flooded: sign-in, query codes, the online
petition form.

Contract:

- A check is ``(key, rule)``; keys are tuples built by the callers (never a password or a
  query code in clear: a login, an address, a keyed hash). Two kinds of rule:
  :class:`Backoff` (growing delays: the first ``free`` failures cost nothing, then each failure
  makes the key wait ``first_delay``, twice that, four times ... at most ``max_delay``; a key
  quiet for ``forget_after`` seconds starts afresh) and :class:`Window` (at most ``limit``
  events in any ``window`` seconds).
- ``throttle.wait(checks)`` -> seconds before the next attempt may be made (0: go ahead); it
  only reads. ``throttle.fail(checks)`` records one failure (or event) under every key;
  ``throttle.clear(key)`` forgets a key after a success.
- State is bounded and expires: at most ``capacity`` keys (the least recently touched are
  dropped first), each holding a few numbers (a Window key at most ``limit`` timestamps);
  records past their rule's memory are dropped as they are met.

Where the state lives, and why: in the process (one :class:`Throttle` per application, on
``registry.portal_throttle``), not in the ZODB. The old throttles wrote a transaction per
failed attempt (an attacker could grow Data.fs at will, and every failure conflicted on one
bucket) and kept their records for ever. With several application processes each keeps its
own state, so an attacker spread over P processes gets up to P times the free attempts; with
delays that double, P processes buy only log2(P) more steps of the same schedule, and the
per-code and global limits still hold within each process. A deployment that wants one shared
state puts the processes' sign-in and query routes behind one process (or raises ``free``
down accordingly); nothing in this module has to change for that.
"""

import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass

CAPACITY = 50_000


@dataclass(frozen=True)
class Backoff:
    free: int
    first_delay: float
    max_delay: float
    forget_after: float


@dataclass(frozen=True)
class Window:
    limit: int
    window: float


class _BackoffRecord:
    __slots__ = ("failures", "last", "until")

    def __init__(self):
        self.failures, self.last, self.until = 0, 0.0, 0.0

    def expired(self, rule, now):
        return now >= self.until and now - self.last >= rule.forget_after

    def wait(self, rule, now):
        return max(0.0, self.until - now)

    def fail(self, rule, now):
        self.failures += 1
        self.last = now
        if self.failures >= rule.free:
            steps = min(self.failures - rule.free, 30)
            self.until = now + min(rule.first_delay * 2**steps, rule.max_delay)


class _WindowRecord:
    __slots__ = ("times",)

    def __init__(self):
        self.times = deque()

    def _drop_old(self, rule, now):
        while self.times and now - self.times[0] >= rule.window:
            self.times.popleft()

    def expired(self, rule, now):
        self._drop_old(rule, now)
        return not self.times

    def wait(self, rule, now):
        self._drop_old(rule, now)
        if len(self.times) < rule.limit:
            return 0.0
        return rule.window - (now - self.times[0])

    def fail(self, rule, now):
        self._drop_old(rule, now)
        self.times.append(now)
        while len(self.times) > rule.limit:
            self.times.popleft()


_RECORDS = {Backoff: _BackoffRecord, Window: _WindowRecord}


class Throttle:
    """In-process, thread-safe throttle state; see the module docstring."""

    def __init__(self, capacity=CAPACITY, clock=time.monotonic):
        self.capacity = capacity
        self.clock = clock
        self._records = OrderedDict()  # key -> (rule, record), least recently touched first
        self._lock = threading.Lock()

    def __len__(self):
        return len(self._records)

    def _get(self, key, rule, now):
        held = self._records.get(key)
        if held is not None and (held[0] != rule or held[1].expired(rule, now)):
            del self._records[key]
            held = None
        return held

    def wait(self, checks):
        now = self.clock()
        with self._lock:
            waits = [
                held[1].wait(rule, now)
                for key, rule in checks
                if (held := self._get(key, rule, now)) is not None
            ]
        return max(waits, default=0.0)

    def fail(self, checks):
        now = self.clock()
        with self._lock:
            for key, rule in checks:
                held = self._get(key, rule, now)
                if held is None:
                    held = self._records[key] = (rule, _RECORDS[type(rule)]())
                held[1].fail(rule, now)
                self._records.move_to_end(key)
            self._prune(now)

    def clear(self, key):
        with self._lock:
            self._records.pop(key, None)

    def _prune(self, now):
        """Drop expired records from the cold end, then the coldest beyond capacity."""
        while self._records:
            key, (rule, record) = next(iter(self._records.items()))
            if not record.expired(rule, now):
                break
            del self._records[key]
        while len(self._records) > self.capacity:
            self._records.popitem(last=False)


def get_throttle(request):
    return request.registry.portal_throttle


def wait_text(seconds):
    """``seconds`` as the Chinese a refusal shows: 30秒, 2分钟 (rounded up)."""
    seconds = max(int(seconds + 0.999), 1)
    return f"{seconds}秒" if seconds < 60 else f"{(seconds + 59) // 60}分钟"


def setting(settings, name, default):
    """A number setting (tests and deployments tune limits); the default when unset or bad."""
    try:
        return type(default)(settings.get(name, default))
    except (TypeError, ValueError):
        return default


def includeme(config):
    config.registry.portal_throttle = Throttle(
        capacity=setting(config.get_settings(), "portal.throttle_capacity", CAPACITY)
    )
