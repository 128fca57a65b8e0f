"""Fixtures for petitioner notices: the local SMS server (Tencent Cloud's API on loopback),
apps configured to use it, the portal's clock at ``MORNING``, and cases driven through the real
workflow."""

from datetime import date, timedelta

import pytest
from pyramid.threadlocal import manager

from portal.clock import at
from portal.testing.sms import LocalSms

#: A Wednesday: working hours, and the day the demo's escalation and notices start from.
MORNING = at(date(2026, 12, 2), 10)


@pytest.fixture
def sms():
    with LocalSms() as server:
        yield server


@pytest.fixture
def sms_app(app_factory, sms):
    return app_factory(**sms.settings())


@pytest.fixture
def clock(clock):
    """The portal's clock at :data:`MORNING`; ``clock.set(datetime)`` moves it."""
    clock.set(MORNING)
    return clock


@pytest.fixture
def in_site(site_of):
    """``in_site(app, fn, commit=True)``: run ``fn(site)`` with the app's registry current."""

    def run(app, fn, commit=True):
        manager.push({"registry": app.registry, "request": None})
        try:
            with site_of(app, commit=commit) as site:
                return fn(site)
        finally:
            manager.pop()

    return run


@pytest.fixture
def run_sweep(in_site):
    """``run_sweep(app, now)``: the whole sweep as ``portal-sweep`` runs it (with delivery)."""
    from portal.notifications.sweep import run

    def sweep(app, now):
        return in_site(app, lambda site: run(site, app.registry, now))

    return sweep


def later(moment, **kw):
    return moment + timedelta(**kw)
