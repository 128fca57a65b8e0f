"""A fixed clock for the suite (and benchmarks): the portal's time without the system's date.

``FixedClock(start)`` is a source for :func:`portal.clock.use`. The first reading after
``set(moment)`` is exactly ``moment``; each later reading is one microsecond after the one
before, as a real clock would have moved on, so stamps stay distinct and ordered ("newest
first" listings, logs keyed by time) while the minute shown never moves on its own. Only the
portal's clock is fixed: the process's ``time.time`` / ``time.monotonic`` keep running, so
socket time-outs, server start-up waits and session ages are untouched.

``start_from_environment()`` reads the instant the suite runs at: ``PORTAL_TEST_TODAY``
(``2027-01-01`` for 10:00 that day in Shanghai, or ``2027-01-01T16:30``) when set, else
:data:`DEFAULT_START`. CI (``.ci/run``) runs the suite at the default and on the next
1 January.
"""

import os
import threading
from datetime import date, datetime, timedelta

from portal import clock

ENVIRONMENT_VARIABLE = "PORTAL_TEST_TODAY"
DEFAULT_START = clock.at(date(2026, 11, 20), 10)  # a Friday; 2026 has holiday data
DEFAULT_HOUR = 10


def start_from_environment(environ=os.environ):
    """The suite's instant: ``PORTAL_TEST_TODAY`` (a date, or a date and time) or the default."""
    value = (environ.get(ENVIRONMENT_VARIABLE) or "").strip()
    if not value:
        return DEFAULT_START
    try:
        if "T" in value or " " in value:
            return clock.to_shanghai(datetime.fromisoformat(value))
        return clock.at(date.fromisoformat(value), DEFAULT_HOUR)
    except ValueError:
        raise ValueError(
            f"{ENVIRONMENT_VARIABLE}={value!r}: expected 2027-01-01 or 2027-01-01T16:30"
        ) from None


class FixedClock:
    """A clock standing at one moment (see the module's docstring); callable as a source."""

    def __init__(self, start):
        self._lock = threading.Lock()
        self.start = clock.to_shanghai(start)
        self.set(self.start)

    def reset(self):
        """Back to the moment the clock was made with."""
        self.set(self.start)

    def set(self, moment):
        """Stand at ``moment`` (aware, or naive Shanghai time)."""
        with self._lock:
            self._moment = clock.to_shanghai(moment)
            self._readings = 0

    def advance(self, **delta):
        """Move on by ``timedelta(**delta)`` from the current reading."""
        self.set(self() + timedelta(**delta))

    def __call__(self):
        with self._lock:  # the browser tests read it from the server's threads too
            reading = self._moment + timedelta(microseconds=self._readings)
            self._readings += 1
            return reading

    def now(self):
        """The next reading (as ``portal.clock.now`` would return it)."""
        return self()

    def today(self):
        """The date the clock stands at."""
        return self._moment.date()
