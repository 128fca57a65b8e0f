"""Attack classes: clickjacking, MIME sniffing, referrer leaks and script injection — the
header policy (``portal.security.headers``).

Every response (pages, downloads, static files, error pages, the public area) carries
nosniff, DENY framing, ``Referrer-Policy: same-origin`` and a Content-Security-Policy whose
script sources are the portal itself, this response's nonce and deform's two sequence handlers.
The pages satisfy it: every inline script carries the nonce, and no inline handler other than
deform's two is rendered. ``tests/browser/test_content_security_policy.py`` checks in Chromium
that the main pages raise no violation and that deform's widgets still work.
"""

import re

import pytest
from bs4 import BeautifulSoup

from portal.security.headers import DEFORM_HANDLERS
from portal.testing.web import login

ANONYMOUS = [
    "/login",
    "/public/",
    "/public/progress",
    "/public/query",
    "/public/petition",
    "/public/statistics",
    "/public/statistics.json",
    "/public/feed.atom",
    "/public/rules",
    "/static/portal.css",
    "/deform_static/scripts/deform.js",
    "/no-such-page",
    "/zhongyuan/",
]
STAFF = [
    "/",
    "/zhongyuan/",
    "/zhongyuan/@@register-case",
    "/zhongyuan/@@cases",
    "/zhongyuan/@@cases-export",
    "/@@notifications",
    "/@@settings",
    "/jinshui/",
    "/zhongyuan/s01/@@monthly-report",
]


def _check(res):
    h = res.headers
    assert h["X-Content-Type-Options"] == "nosniff", res.request.path
    assert h["X-Frame-Options"] == "DENY"
    assert h["Referrer-Policy"] == "same-origin"
    csp = h["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "Strict-Transport-Security" not in h  # development: plain HTTP
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"])
    if res.content_type == "text/html":
        soup = BeautifulSoup(res.text, "html.parser")
        for script in soup.find_all("script"):
            if not script.get("src"):
                assert nonce and script.get("nonce") == nonce.group(1), script
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                if name.startswith("on"):
                    assert value in DEFORM_HANDLERS, (name, value)
                if name in ("href", "src", "action"):
                    assert not str(value).strip().lower().startswith("javascript:")
    return nonce


@pytest.mark.parametrize("path", ANONYMOUS)
def test_every_anonymous_response_carries_the_policy(testapp, path):
    _check(testapp.get(path, expect_errors=True))


def test_every_staff_response_carries_the_policy(testapp):
    login(testapp, "zy_officer")
    for path in STAFF:
        res = testapp.get(path, expect_errors=True)
        assert res.status_int < 500, path
        _check(res)


def test_a_form_with_deform_scripts_gets_a_nonce_and_a_page_without_gets_none(testapp):
    login(testapp, "zy_officer")
    form = testapp.get("/zhongyuan/@@register-case")  # representatives: a sequence widget
    nonce = _check(form)
    assert nonce is not None and "deform.addCallback" in form.text
    again = _check(testapp.get("/zhongyuan/@@register-case"))
    assert again.group(1) != nonce.group(1)  # one fresh nonce per response
    home = testapp.get("/zhongyuan/")
    assert _check(home) is None


def test_deform_renders_exactly_the_hashed_handlers(app):
    """If deform changes its sequence handlers, the hashes in the policy must follow."""
    import colander
    from pyramid import testing

    from portal.forms import make_form
    from schemas import fields
    from schemas.common import Representative

    schema = colander.Schema()
    node = fields.sequence("代表", Representative(), max=5)
    node.name = "people"
    schema.add(node)
    request = testing.DummyRequest()
    request.csp_nonce = "n0nce"
    with testing.testConfig(registry=app.registry, request=request):
        html = make_form(request, schema).render({"people": [{"name": "甲"}]})
    soup = BeautifulSoup(html, "html.parser")
    handlers = {tag["onclick"] for tag in soup.find_all(onclick=True)}
    assert handlers == set(DEFORM_HANDLERS)
    assert all(s.get("nonce") == "n0nce" for s in soup.find_all("script"))


def test_sequence_prototypes_carry_no_script(testapp):
    """A sequence item's script could only run through eval, which the policy refuses."""
    login(testapp, "zy_s01_liaison")
    soup = BeautifulSoup(testapp.get("/zhongyuan/s01/@@monthly-report").text, "html.parser")
    prototypes = [tag["prototype"] for tag in soup.find_all(prototype=True)]
    assert prototypes and not any("<script" in p for p in prototypes)


def test_production_adds_hsts(app_factory):
    from webtest import TestApp

    t = TestApp(app_factory(**{"portal.hsts_max_age": "31536000"}))
    for path in ("/login", "/public/", "/no-such-page"):
        res = t.get(path, expect_errors=True)
        assert res.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_production_ini_turns_hsts_on():
    from configparser import ConfigParser
    from pathlib import Path

    ini = ConfigParser(interpolation=None)
    ini.read(Path(__file__).resolve().parents[2] / "production.ini")
    assert int(ini["app:main"]["portal.hsts_max_age"]) >= 31536000


@pytest.mark.parametrize("path", [p for p in ANONYMOUS if p.startswith(("/public/", "/static/"))])
def test_answers_from_the_public_cache_carry_the_policy_and_no_nonce(testapp, path):
    """The second GET comes from ``portal.caching.microcache``: same headers, and no answer
    kept for everyone carries a script nonce (a nonce served twice is no nonce)."""
    first = testapp.get(path)
    cached = testapp.get(path)
    assert _check(cached) is None and _check(first) is None
    revalidated = testapp.get(
        path, headers={"If-None-Match": cached.headers.get("ETag", "x")}, status=(200, 304)
    )
    if revalidated.status_int == 200:
        _check(revalidated)


def test_the_public_cache_keeps_no_answer_with_a_nonce():
    from portal.caching.microcache import PublicAnswers

    class DB:
        def lastTransaction(self):
            return b"1"

    calls = []

    def app(environ, start_response):
        calls.append(1)
        start_response(
            "200 OK",
            [
                ("ETag", '"a"'),
                ("Cache-Control", "public, max-age=0"),
                ("Content-Security-Policy", "script-src 'self' 'nonce-abc'"),
            ],
        )
        return [b"<script nonce='abc'></script>"]

    cache = PublicAnswers(app, DB())
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": "/public/x"}
    for _ in range(2):
        cache(dict(env), lambda status, headers, exc_info=None: None)
    assert len(calls) == 2 and not cache.entries
