"""A ConflictError is retried (pyramid_retry, 5 attempts) and never shown to the user, on a
FileStorage and on PostgreSQL through RelStorage."""

import pytest
from webtest import TestApp
from ZODB.POSException import ConflictError

from portal import make_config
from portal.resources import Site
from portal.storage.bootstrap import open_site
from portal.testing.web import BASE_SETTINGS, close_app


@pytest.fixture(params=["file", "postgresql"])
def empty_uri(request, tmp_path):
    if request.param == "file":
        yield f"file://{tmp_path}/Data.fs"
        return
    server = request.getfixturevalue("postgres_server")
    name = server.create_database(f"retry_{tmp_path.name}"[:60].replace("-", "_"))
    yield server.uri(name, blob_dir=tmp_path / "pg-blob-cache")
    server.drop_database(name)


def build(uri, failures):
    calls = []

    def flaky(context, request):
        calls.append(1)
        context.touched = len(calls)
        if len(calls) <= failures:
            raise ConflictError("simulated")
        return request.response

    settings = dict(BASE_SETTINGS, **{"zodbconn.uri": uri})
    config = make_config(settings)
    config.add_view(
        flaky, context=Site, name="flaky", permission="__no_permission_required__", require_csrf=False
    )
    app = config.make_wsgi_app()
    open_site(app.registry._zodb_databases[""], app.registry, settings)
    return app, calls


def test_conflict_is_retried_until_it_succeeds(empty_uri):
    app, calls = build(empty_uri, failures=2)
    try:
        assert TestApp(app).get("/flaky").status_int == 200
        assert len(calls) == 3
        conn = app.registry._zodb_databases[""].open()
        assert conn.root()["portal"].touched == 3
        conn.close()
    finally:
        close_app(app)


def test_conflict_on_every_attempt_ends_in_a_chinese_page(empty_uri):
    app, calls = build(empty_uri, failures=99)
    try:
        res = TestApp(app).get("/flaky", status=500)
        assert len(calls) == int(BASE_SETTINGS["retry.attempts"]) == 5
        assert "系统繁忙" in res.text and "Traceback" not in res.text and "ConflictError" not in res.text
    finally:
        close_app(app)
