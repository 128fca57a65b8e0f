"""Attack class: open redirect (and header injection through a redirect target).

Every redirect whose target comes from input (``came_from`` after sign-in, the Referer of
``/@@set-locale`` and of a workflow transition) goes through one helper
(``portal.security.redirects.safe_redirect``): same origin only, no control characters, and a
target it cannot use falls back to a page of the portal instead of a 500.
"""

from urllib.parse import urlsplit

import pytest

from portal.security.redirects import safe_redirect
from portal.testing.web import csrf_token, login

HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "http://localhost.evil.example/",
    "http://localhost@evil.example/",
    "http://localhost:8080/",
    "https://localhost/",
    "javascript:alert(1)",
    "/zhongyuan/\r\nSet-Cookie: stolen=1",
    "/zhongyuan/\nLocation: https://evil.example/",
    "/\t/evil.example/",
    " //evil.example/",
]


def assert_on_site(location):
    parts = urlsplit(location)
    assert (parts.scheme, parts.netloc) == ("http", "localhost"), location
    assert "\r" not in location and "\n" not in location


class Req:
    """What the helper reads of a request."""

    application_url = "http://localhost/portal"
    host_url = "http://localhost"


@pytest.mark.parametrize("target", HOSTILE)
def test_helper_refuses_other_origins_and_control_characters(target):
    assert safe_redirect(Req(), target) == "http://localhost/portal/"


@pytest.mark.parametrize(
    "target,expected",
    [
        ("/portal/zhongyuan/", "http://localhost/portal/zhongyuan/"),
        ("http://localhost/portal/zhongyuan/?a=1", "http://localhost/portal/zhongyuan/?a=1"),
        ("/portal/zhongyuan/中原/", "http://localhost/portal/zhongyuan/%E4%B8%AD%E5%8E%9F/"),
        ("/elsewhere/", "http://localhost/portal/"),  # same host, outside the application
        ("", "http://localhost/portal/"),
        (None, "http://localhost/portal/"),
    ],
)
def test_helper_keeps_paths_of_this_application(target, expected):
    assert safe_redirect(Req(), target) == expected


@pytest.mark.parametrize("came_from", HOSTILE)
def test_sign_in_never_leaves_the_site(testapp, came_from):
    form = testapp.get("/login", {"came_from": came_from}).forms["login-form"]
    form["login"], form["password"] = "zy_officer", "Demo-2026-xinfang"
    res = form.submit(status=302)
    assert_on_site(res.location)
    assert "欢迎" in res.follow().text  # signed in, and the landing page answers


def test_sign_in_returns_to_a_page_of_the_site(testapp):
    form = testapp.get("/login", {"came_from": "/zhongyuan/?tab=1"}).forms["login-form"]
    form["login"], form["password"] = "zy_officer", "Demo-2026-xinfang"
    assert form.submit(status=302).location == "http://localhost/zhongyuan/?tab=1"


@pytest.mark.parametrize("referer", HOSTILE)
def test_set_locale_never_follows_a_foreign_referer(testapp, referer):
    res = testapp.get("/@@set-locale", {"locale": "en"}, headers={"Referer": referer}, status=302)
    assert_on_site(res.location)


def test_set_locale_returns_to_the_page_it_came_from(testapp):
    res = testapp.get(
        "/@@set-locale", {"locale": "en"}, headers={"Referer": "http://localhost/public/"}, status=302
    )
    assert res.location == "http://localhost/public/"


@pytest.mark.parametrize(
    "referer",
    ["http://localhost.evil.example/", "//evil.example/", "http://localhost/zhongyuan/\r\nSet-Cookie: a=b"],
)
def test_workflow_transition_never_follows_a_foreign_referer(app, testapp, referer):
    from datetime import date

    from tests.public.seeding import PETITIONER, Seeder

    path = Seeder(app)("/zhongyuan", PETITIONER, received_on=date(2026, 11, 2))
    login(testapp, "zy_officer")
    res = testapp.post(
        path + "/@@transition",
        {"transition": "no-such-step", "csrf_token": csrf_token(testapp)},
        headers={"Referer": referer},
        status=302,
    )
    assert_on_site(res.location)
    assert res.location == "http://localhost" + path + "/@@history"
