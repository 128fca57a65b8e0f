"""Fixtures for the assessment tests: the fixed clock, and posting the assessment form."""

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
def assess(registry_fields):
    """``assess(t, unit_path, appstruct, year=YEAR, status=302)``: post the assessment form."""

    def post(t, path, values, year=YEAR, status=302):
        data = registry_fields("annual_assessment", values, [("csrf_token", t.token), ("save", "save")])
        return t.post(f"{path}/@@assess?year={year}", data, status=status)

    return post
