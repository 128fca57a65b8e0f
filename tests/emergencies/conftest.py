"""Fixtures for the emergency tests: the fixed clock, and a group leader for 中原区."""
import datetime

import pytest

BEIJING = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture(autouse=True)
def clock(portal_clock):
    return portal_clock


@pytest.fixture
def county_leader(add_people):
    """``zy_leader``: the principal leader of 中原区教育局, who leads its leading group."""
    add_people(("zy_leader", "张局长", "/zhongyuan", "principal_leader"))
    return "zy_leader"
