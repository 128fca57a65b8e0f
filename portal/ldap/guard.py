"""``DirectoryGuard``: the directory must never hold the portal's worker threads.

A directory that accepts TCP and never answers used to hold each sign-in for the receive
timeout, and a dozen such sign-ins every worker thread, so public pages waited too. The guard
wraps every directory operation (``with guard.call(): ...``):

- Concurrency cap: at most ``max_concurrent`` operations at once per process; one more is
  refused at once with :class:`DirectoryBusy` (never queued), so the other worker threads stay
  free for the rest of the portal.
- Circuit breaker: after ``threshold`` operations in a row ended in
  :class:`~portal.ldap.errors.DirectoryUnavailable`, the breaker opens: for ``cooldown``
  seconds every operation fails at once with :class:`DirectoryDown`, without opening a
  connection. Then one trial operation is let through (the others still fail fast): its
  success closes the breaker, its failure opens it for another ``cooldown``.
- ``probe=True`` (the administrators' connection test) skips the breaker but reports its
  outcome to it, so a successful test closes an open breaker at once.

Thread-safe; one guard per :class:`~portal.ldap.directory.Directory`. ``clock`` (seconds,
monotonic) can be replaced in tests.
"""

import logging
import threading
import time
from contextlib import contextmanager

from .errors import DirectoryBusy, DirectoryDown, DirectoryUnavailable

log = logging.getLogger(__name__)


class DirectoryGuard:
    def __init__(self, max_concurrent=4, threshold=2, cooldown=30.0, clock=time.monotonic):
        self.max_concurrent = max_concurrent
        self.threshold = threshold
        self.cooldown = cooldown
        self.clock = clock
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._lock = threading.Lock()
        self._failures = 0
        self._open_until = None  # None: closed
        self._trial = False  # a trial operation is in flight (half-open)
        self.in_flight = 0

    @property
    def is_open(self):
        return self._open_until is not None

    @contextmanager
    def call(self, probe=False):
        if not self._slots.acquire(blocking=False):
            raise DirectoryBusy()
        try:
            with self._lock:
                self.in_flight += 1
            trial = False if probe else self._admit()
            try:
                yield
            except DirectoryUnavailable:
                self._record(False, trial)
                raise
            except BaseException:
                self._release_trial(trial)
                raise
            self._record(True, trial)
        finally:
            with self._lock:
                self.in_flight -= 1
            self._slots.release()

    def _admit(self):
        """Return True for the half-open trial, False when closed; raise while open."""
        with self._lock:
            if self._open_until is None:
                return False
            if self._trial or self.clock() < self._open_until:
                raise DirectoryDown()
            self._trial = True
            return True

    def _release_trial(self, trial):
        if trial:
            with self._lock:
                self._trial = False

    def _record(self, ok, trial):
        with self._lock:
            if trial:
                self._trial = False
            if ok:
                if self._open_until is not None:
                    log.warning("LDAP directory answers again: circuit breaker closed")
                self._failures, self._open_until = 0, None
                return
            self._failures += 1
            if trial or self._failures >= self.threshold:
                if self._open_until is None:
                    log.error(
                        "LDAP directory unavailable %d times in a row: circuit breaker "
                        "open, directory sign-ins fail fast for %.0f s",
                        self._failures,
                        self.cooldown,
                    )
                self._open_until = self.clock() + self.cooldown
