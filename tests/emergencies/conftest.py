"""Fixtures for the emergency tests: the fixed clock, and a group leader for 中原区."""

import datetime

import pytest

from portal.clock import at
from portal.testing.clock import start_from_environment

#: These tests stand at 10:00 on 20 November of the suite's year (``portal.testing.clock``):
#: the year follows the suite's clock, the day of the year does not.
YEAR = start_from_environment().year
TODAY = datetime.date(YEAR, 11, 20)
NOW = at(TODAY, 10)


@pytest.fixture(autouse=True)
def clock(clock):
    """The portal's clock at :data:`NOW`; ``clock.set(moment)`` moves it."""
    clock.set(NOW)
    return clock


@pytest.fixture
def county_leader():
    """``zy_leader``: the demo's principal leader of 中原区教育局 (马卫东), who leads its leading group."""
    return "zy_leader"
