"""Fixtures for the time-limits concern: an object in the demo tree that holds deadlines.

``holder`` adds a test-only unit ``/zhongyuan/s01/xf-test`` whose ``deadlines`` attribute is a
PersistentMapping of ``Deadline`` objects, computed with the site's own calendar and indexed
through the catalog, and commits. Expected dates are worked out by hand from the State
Council's 2026 schedule, never with the code under test.
"""

from datetime import date, datetime

import pytest
from persistent.mapping import PersistentMapping

from portal.catalog import index_object
from portal.clock import SHANGHAI
from portal.deadlines import Deadline
from portal.resources import Unit
from portal.testing.web import login

D = date.fromisoformat
AT = datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)
HOLDER_PATH = ("zhongyuan", "s01", "xf-test")


def find_holder(site):
    node = site
    for name in HOLDER_PATH:
        node = node[name]
    return node


def add_holder(site):
    """Add and index the test unit: an open handling deadline (受理日 2026-10-26, due
    2026-12-25, a Friday) and an acceptance-notice deadline completed on 2026-10-28."""
    calendar = site.holiday_calendar
    unit = Unit("测试用期限载体", "school")
    site[HOLDER_PATH[0]][HOLDER_PATH[1]].add(HOLDER_PATH[-1], unit, send_events=False)
    unit.deadlines = PersistentMapping()
    unit.deadlines["handling"] = Deadline("handling", D("2026-10-26"), calendar, actor="zy_officer", at=AT)
    done = Deadline("acceptance_notice", D("2026-10-20"), calendar, actor="zy_officer", at=AT)
    done.complete(D("2026-10-28"), actor="zy_officer", at=AT)
    unit.deadlines["acceptance_notice"] = done
    index_object(unit, site)
    return unit


@pytest.fixture
def holder(app, site_of):
    """Commit the test unit holding deadlines into the app's database."""
    with site_of(app, commit=True) as site:
        add_holder(site)
    return HOLDER_PATH


@pytest.fixture
def admin(testapp):
    login(testapp, "admin")
    return testapp
