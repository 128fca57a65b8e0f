"""The production server keeps a connection open after a 304 (waitress alone closes it)."""

import http.client
import threading
from pathlib import Path

import pytest

from portal.operations.server import create_server
from portal.testing.slapd import free_port


def tiny_app(environ, start_response):
    if environ["PATH_INFO"] == "/unchanged":
        start_response("304 Not Modified", [("ETag", '"v1"')])
        return [b""]
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


@pytest.fixture
def server():
    port = free_port()
    srv = create_server(tiny_app, host="127.0.0.1", port=port, threads=2)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield port
    srv.close()


def test_a_304_keeps_the_connection_open(server):
    conn = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    answers = []
    for path in ("/unchanged", "/unchanged", "/", "/unchanged"):
        conn.request("GET", path)
        res = conn.getresponse()
        res.read()
        answers.append((res.status, res.will_close))
    assert answers == [(304, False), (304, False), (200, False), (304, False)]
    conn.request("GET", "/unchanged", headers={"Connection": "close"})
    res = conn.getresponse()
    assert (res.status, res.will_close) == (304, True)


def test_production_ini_serves_with_it(monkeypatch):
    from plaster import get_loader

    from portal.operations import server as module

    served = {}
    monkeypatch.setattr(
        module.waitress, "serve", lambda app, _server, **kw: served.update(app=app, factory=_server, **kw)
    )
    ini = Path(__file__).resolve().parents[2] / "production.ini"
    runner = get_loader(str(ini), protocols=["wsgi"]).get_wsgi_server()
    runner(tiny_app)
    assert served["factory"] is create_server and served["app"] is tiny_app
    assert served["listen"] == "127.0.0.1:6543" and served["threads"] == "4"
