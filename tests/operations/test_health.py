"""/@@health: database reachable and the last sweep, for anyone, holding nothing secret."""

import json
from datetime import timedelta

from webtest import TestApp

from portal.clock import now
from portal.notifications.sweep import sweep
from portal.testing.web import close_app, make_app


def test_health_answers_without_sign_in_and_says_the_sweep_never_ran(testapp):
    res = testapp.get("/@@health")
    assert res.status_int == 200 and res.headers["Cache-Control"] == "no-store"
    assert res.json == {
        "status": "ok",
        "database": "ok",
        "generation": res.json["generation"],
        "last_sweep": None,
        "sweep": "never",
    }
    assert "Set-Cookie" not in res.headers


def test_health_reports_the_last_sweep_and_when_it_is_late(app, testapp, site_of):
    with site_of(app, commit=True) as site:
        sweep(site, app.registry, now() - timedelta(hours=3))
    body = testapp.get("/@@health").json
    assert body["sweep"] == "late" and body["last_sweep"].startswith(
        (now() - timedelta(hours=3)).date().isoformat()[:4]
    )
    with site_of(app, commit=True) as site:
        sweep(site, app.registry, now())
    assert testapp.get("/@@health").json["sweep"] == "ok"


def test_health_holds_no_secret_and_no_user(app, testapp):
    text = testapp.get("/@@health").text
    assert app.registry.settings["session.secret"] not in text
    assert set(json.loads(text)) == {"status", "database", "generation", "last_sweep", "sweep"}


def test_health_answers_503_when_the_database_server_is_down(zeo_demo):
    app = make_app(zeo_demo.uri())
    try:
        t = TestApp(app)
        assert t.get("/@@health").json["database"] == "ok"
        zeo_demo.stop()
        res = t.get("/@@health", status=503)
        assert res.json == {"status": "error", "database": "unreachable"}
    finally:
        close_app(app)
