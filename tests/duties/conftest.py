"""Fixtures for the standing duties: the portal's clock fixed (``clock.set``), signed-in
clients, the sweep at a given time, inboxes, and the first judged month.

The clock is the portal's one clock, set at ``NOW`` (a Monday in November 2026) whatever the
suite's date; dates in the tests are written from it, never from the real date.
"""

import contextlib
import datetime

import pytest
from webtest import TestApp

from portal.testing.web import csrf_token, document_form_fields, login

CST = datetime.timezone(datetime.timedelta(hours=8))
NOW = datetime.datetime(2026, 11, 16, 9, 0, tzinfo=CST)  # a Monday


@pytest.fixture
def clock(clock):
    """The portal's one clock (tests/conftest.py) set at ``NOW``, from which these tests' dates
    are written; ``clock.set(dt)`` moves it for the test."""
    clock.set(NOW)
    return clock


@pytest.fixture
def user(app, clock):
    """``user(login)``: a WebTest client signed in as ``login`` (its own cookie jar)."""

    def make(name):
        t = TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
        login(t, name)
        t.token = csrf_token(t)
        return t

    return make


@pytest.fixture
def anon(app):
    return TestApp(app, extra_environ={"REMOTE_ADDR": "203.0.113.9"})


@pytest.fixture
def opened(app, site_of):
    """``with opened(commit=True) as site``: the site in a connection of its own, with the
    app's registry current (for code that notifies)."""
    from pyramid.threadlocal import manager

    @contextlib.contextmanager
    def opener(commit=False):
        manager.push({"registry": app.registry, "request": None})
        try:
            with site_of(app, commit=commit) as site:
                yield site
        finally:
            manager.pop()

    return opener


@pytest.fixture
def since(opened):
    """Judge months from ``month`` on (the store records the install month otherwise), and
    let escalation look at what fell due from that month on (it records its install day)."""

    def set_since(month):
        with opened(commit=True) as site:
            site.duties.since = month
            site.escalations.since = datetime.date.fromisoformat(month + "-01")

    return set_since


@pytest.fixture
def sweep(app, opened, clock):
    """``sweep(at)``: one sweep at ``at`` (the clock moves there too), committed; returns the
    notices raised by the duties' task (``.duties``) and by the escalation (``.escalated``)."""
    import types

    from portal.notifications.sweep import sweep as run

    def do(at):
        clock.set(at)
        with opened(commit=True) as site:
            report = run(site, app.registry, at)
        counts = dict(report.tasks)
        return types.SimpleNamespace(
            report=report, duties=counts.get("工作制度提醒", 0), escalated=counts.get("下级逾期升级", 0)
        )

    return do


@pytest.fixture
def inbox(app, site_of):
    """``inbox(userid)``: titles of the user's notices, newest first."""
    from portal.notifications import notifications_of

    def read(userid):
        with site_of(app) as site:
            return [n.title for n in notifications_of(site, userid)]

    return read


def at(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), CST)


def choose(form, value):
    """Set the radio group (deform names it by widget id) that offers ``value``."""
    for fields in form.fields.values():
        for field in fields:
            if value in [o[0] for o in getattr(field, "options", ())]:
                field.value = value
                return
    raise KeyError(value)


@pytest.fixture(scope="session")
def fields_of():
    """``fields_of(code, appstruct, extra)``: what a browser submits for the registry form."""
    return document_form_fields
