"""Shared fixtures for the deadline engine tests.

Expected dates in these tests are worked out by hand from the State Council's
2025 and 2026 holiday schedules (verified against chinese-calendar in
test_due_table.py), never computed with the code under test.
"""

from datetime import datetime

import pytest

from portal.clock import SHANGHAI
from portal.deadlines import HolidayCalendar, seed_calendar

AT = datetime(2026, 3, 1, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture
def at():
    """A fixed log timestamp, so no test depends on the clock."""
    return AT


@pytest.fixture
def calendar():
    """A calendar seeded with 2025 and 2026 from chinese-calendar; 2027 has no data."""
    cal = HolidayCalendar()
    seed_calendar(cal, [2025, 2026], actor="system", at=AT)
    return cal


@pytest.fixture
def empty_calendar():
    return HolidayCalendar()
