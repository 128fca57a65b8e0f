"""``ServerList``: the order in which the configured URIs are tried (failover)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

RETRY_FAILED_AFTER = 30.0
"""Seconds during which a server that failed is tried after the others."""


class ServerList:
    """Failover order over the configured URIs. Thread-safe.

    :meth:`in_order` returns every URI, always: the configured order, except that a
    URI which failed less than ``retry_after`` seconds ago is moved behind those
    that did not (keeping their relative order). So a dead first server costs
    one connect timeout per ``retry_after`` seconds rather than one per sign-in,
    and is used again as soon as it answers.
    """

    def __init__(
        self,
        uris: Iterable[str],
        retry_after: float = RETRY_FAILED_AFTER,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.uris = tuple(uris)
        self._retry_after = retry_after
        self._clock = clock
        self._failed_at: dict[str, float] = {}
        self._lock = threading.Lock()

    def in_order(self) -> list[str]:
        now = self._clock()
        with self._lock:
            recent = {uri for uri, at in self._failed_at.items() if now - at < self._retry_after}
        return [u for u in self.uris if u not in recent] + [u for u in self.uris if u in recent]

    def failed(self, uri: str) -> None:
        with self._lock:
            self._failed_at[uri] = self._clock()

    def answered(self, uri: str) -> None:
        with self._lock:
            self._failed_at.pop(uri, None)
