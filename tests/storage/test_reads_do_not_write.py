"""Reading is free for the database server: a signed-in GET commits nothing and, once the
pages were seen, loads nothing from the server. Otherwise every page view would take the
server's commit lock (and send every other process an invalidation), and two application
processes could not serve twice what one does (issue 16, bench/processes.py).

Checked on a real ZEO server through its own statistics (``server_status``: commits, loads, last
transaction), for people at the city, the county and the school, on their to-do page and on every
page its navigation links to."""

import re

import pytest
from webtest import TestApp

from portal.testing.web import close_app, login, make_app

PEOPLE = ("city_officer", "city_leader", "zy_officer", "zy_leader", "zy_s01_liaison", "admin")


@pytest.fixture
def zeo_app(zeo_demo):
    app = make_app(zeo_demo.uri())
    yield app
    close_app(app)


def server(app):
    """The ZEO server's counters for the app's storage."""
    status = app.registry._zodb_databases[""].storage.server_status()
    return {k: status[k] for k in ("commits", "loads", "last-transaction")}


def pages(browser):
    """The to-do page and what its navigation links to (GETs only: no sign-out)."""
    home = browser.get("/")
    links = set(re.findall(r'href="http://localhost(/[^"#]*)"', home.text))
    skip = ("/static/", "/deform_static/", "/@@logout", "/@@set-locale")  # files; cookie writes
    return ["/"] + sorted(h for h in links if not h.startswith(skip))


def test_signed_in_pages_commit_nothing_and_load_nothing_the_second_time(zeo_app):
    browsers = {}
    for name in PEOPLE:  # signing in may write (the time of the last sign-in): done first
        browsers[name] = TestApp(zeo_app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
        login(browsers[name], name)
    visits = [(name, path) for name, b in browsers.items() for path in pages(b)]
    assert len({path for _name, path in visits}) > len(PEOPLE)  # more than the to-do pages

    before = server(zeo_app)
    for name, path in visits:
        browsers[name].get(path, status=(200, 302))
    first = server(zeo_app)
    assert first["commits"] == before["commits"], "a signed-in GET committed a transaction"
    assert first["last-transaction"] == before["last-transaction"]

    for name, path in visits:  # again: everything is in the connection's cache now
        browsers[name].get(path, status=(200, 302))
    second = server(zeo_app)
    assert second == first, "a repeated signed-in GET went to the server"
