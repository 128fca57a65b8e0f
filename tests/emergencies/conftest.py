"""Fixtures for the emergency tests: the fixed clock, and a group leader for 中原区."""
import datetime

import pytest

BEIJING = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture(autouse=True)
def clock(portal_clock):
    return portal_clock


@pytest.fixture
def county_leader():
    """``zy_leader``: the demo's principal leader of 中原区教育局 (马卫东), who leads its leading group."""
    return "zy_leader"
