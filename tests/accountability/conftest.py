"""Fixtures for the accountability tests: the fixed clock, issuing through the real form, the
sweep at a given time."""

import datetime
from urllib.parse import urlparse

import pytest
from pyramid.threadlocal import manager

from portal.clock import at
from portal.testing.clock import start_from_environment

#: These tests stand at 10:00 on 20 November of the suite's year (``portal.testing.clock``):
#: the year follows the suite's clock, the day of the year does not.
YEAR = start_from_environment().year
TODAY = datetime.date(YEAR, 11, 20)
NOW = at(TODAY, 10)
DUE = datetime.date(YEAR, 12, 10)


@pytest.fixture(autouse=True)
def clock(clock):
    """The portal's clock at :data:`NOW`; ``clock.set(moment)`` moves it."""
    clock.set(NOW)
    return clock


@pytest.fixture
def issue_to():
    """``issue_to(t, unit_path, token=..., due=DUE, status=302)``: the issuing form as filled in
    by the petition office (its pre-filled values kept); returns the rectification's path."""

    def issue(t, path, token="f0f0f0f0f0f0f0f0", due=DUE, status=302):
        page = t.get(f"{path}/@@issue-rectification", status=200 if status == 302 else status)
        if status != 302:
            return None
        form = page.forms["portal-form"]
        form["problems"] = "本年度多次逾期报送月报表，信访事项办理超期。"
        form["requirements"] = "建立月报表报送责任制，逐件清理超期事项。"
        form.set("date", due.isoformat(), index=0)  # due_on (issued_on keeps today)
        form["form_token"] = token
        res = form.submit("save", status=302)
        return urlparse(res.location).path

    return issue


@pytest.fixture
def swept(app, site_of):
    """``swept(when)``: one sweep of the app's database at ``when``; returns the report."""
    from portal.notifications.sweep import sweep

    def run(when):
        manager.push({"registry": app.registry, "request": None})
        try:
            with site_of(app, commit=True) as site:
                return sweep(site, app.registry, when)
        finally:
            manager.pop()

    return run
