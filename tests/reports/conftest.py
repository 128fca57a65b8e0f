"""Fixtures for the reporting tests: sign in, fill the registry forms as a browser would,
read the store and the notifications.

``fields(code, appstruct)`` renders the registry's deform form filled with ``appstruct`` and
reads back what a browser submits (peppercorn markers, date mappings, sequences).

The reporting tests stand at 10:00 on the 20th of the suite's month (``NOW``, set on the portal's
clock for every test here): before the 25th, when monthly reports fall due. ``MONTH`` (``2026-11``),
``MONTH_TITLE`` (``2026年11月``), ``PREVIOUS_MONTH`` and ``day(n)`` (the n-th of that month)
derive from it, so the tests pass in any month of any year.
"""

import datetime

import pytest
from pyramid.threadlocal import manager
from webtest import TestApp

from portal.clock import at
from portal.reports.months import month_key, month_label
from portal.testing.clock import start_from_environment
from portal.testing.web import csrf_token, document_form_fields, login

TODAY = start_from_environment().date().replace(day=20)
NOW = at(TODAY, 10)
MONTH = month_key(TODAY)
MONTH_TITLE = month_label(MONTH)
PREVIOUS_MONTH = month_key(TODAY.replace(day=1) - datetime.timedelta(days=1))


def day(n):
    """The ``n``-th day of the tests' month (n <= 28, so every month has it)."""
    return TODAY.replace(day=n)


@pytest.fixture(autouse=True)
def clock(clock):
    """The portal's clock at :data:`NOW`; ``clock.set(moment)`` moves it."""
    clock.set(NOW)
    return clock


def monthly_values(unit="中原区第一中学", month=MONTH, skipping=0, risks=0):
    return {
        "unit": unit,
        "reporter": "黄静",
        "reporter_phone": "0371-65551234",
        "month": month,
        "level_skipping": [
            {
                "occurred_on": day(3),
                "destination": "city",
                "headcount": 6,
                "subject": f"教师绩效工资{i}",
                "handling": "已接回并登记办理。",
            }
            for i in range(skipping)
        ],
        "risks": [
            {
                "subject": f"校车停运{i}",
                "headcount": 30,
                "destination": "province",
                "measures": "召开家长会说明情况。",
                "responsible_person": "周某",
            }
            for i in range(risks)
        ],
        "major_cases": [],
        "incidents": [],
        "other_matters": "无",
        "unit_leader": "周某",
        "reported_on": day(20),
    }


@pytest.fixture(scope="session")
def fields():
    """``fields(code, appstruct, extra)``: what a browser submits for the registry form."""
    return document_form_fields


@pytest.fixture
def user(app):
    """``user(login)``: a WebTest app signed in as ``login`` (its own cookie jar)."""

    def make(name):
        t = TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
        login(t, name)
        t.token = csrf_token(t)
        return t

    return make


@pytest.fixture
def file_monthly(fields):
    """``file_monthly(t, unit_path, month=MONTH, button='submit', values=None)``."""

    def post(t, path, month=MONTH, button="submit", values=None, status=302, **kw):
        values = values or monthly_values(month=month, **kw)
        data = fields("monthly_report", values, [("csrf_token", t.token), (button, button)])
        return t.post(f"{path}/@@monthly-report?month={month}", data, status=status)

    return post


@pytest.fixture
def pushed(app):
    manager.push({"registry": app.registry, "request": None})
    yield app.registry
    manager.pop()


@pytest.fixture
def inbox(app, site_of):
    """``inbox(userid)``: titles of the user's notices, newest first."""
    from portal.notifications import notifications_of

    def read(userid):
        with site_of(app) as site:
            return [n.title for n in notifications_of(site, userid)]

    return read


@pytest.fixture
def add_liaison(app, site_of, pushed):
    """``add_liaison(login, unit_path)``: a local account holding unit_liaison on the unit."""
    from portal.demo.populate import add_accounts

    def add(name, path, role="unit_liaison", title="测试人员"):
        with site_of(app, commit=True) as site:
            add_accounts(site, ((name, title, path, role),), registry=app.registry)

    return add
