"""Fixtures for the LDAP directory client tests: real slapd processes, no mocks.

- ``slapd``: one plain fixture directory for the whole session.
- ``tls_slapd``: a second one serving ldaps:// and StartTLS with a throwaway CA
  (``tls_slapd.tls`` holds the CA, the server cert and a wrong CA).
- ``dead_uri``: an ldap:// URI on a loopback port where nothing listens.
- ``silent``: a loopback socket that accepts TCP connections (backlog) but never
  answers, to exercise the receive timeout; ``silent.uri`` is its ldap:// URI and
  ``silent.take_connections()`` counts (and closes) the connections made to it since
  the last call. ``silent_uri`` is ``silent.uri``.
- ``counting_silent``: like ``silent_uri``, but it accepts each connection (and never answers)
  and counts them: ``.uri``, ``.accepted``.
- ``settings``: a factory for ``ldap.*`` settings against ``slapd`` with overrides.
- ``directory_from``: ``directory_from(name, ldif_text)`` starts a slapd of its own holding
  those entries (stopped at the end of the module).
- ``app_on``: ``app_on(server, unit, principal, role)`` is a portal app signing in against
  ``server``, with ``role`` granted to ``principal`` on the unit at path ``unit``.
"""

from __future__ import annotations

import socket
import threading

import pytest
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from portal.security.localroles import grant
from portal.testing.slapd import SlapdServer, free_port, make_test_pki


@pytest.fixture(scope="session")
def slapd():
    server = SlapdServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def tls_slapd(tmp_path_factory):
    pki = make_test_pki(tmp_path_factory.mktemp("pki"))
    server = SlapdServer(tls=pki).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def directory_from(tmp_path_factory):
    servers = []

    def start(name: str, ldif_text: str) -> SlapdServer:
        ldif = tmp_path_factory.mktemp(name) / f"{name}.ldif"
        ldif.write_text(ldif_text, encoding="utf-8")
        server = SlapdServer().start()
        servers.append(server)
        server.load_ldif(ldif)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def app_on(app_factory, site_of):
    def make(server, unit: str, principal: str, role: str):
        app = app_factory(**server.settings())
        manager.push({"registry": app.registry, "request": None})
        try:
            with site_of(app, commit=True) as site:
                grant(find_resource(site, unit), principal, role)
        finally:
            manager.pop()
        return app

    return make


@pytest.fixture
def settings(slapd):
    def make(overrides: dict[str, str] | None = None) -> dict[str, str]:
        return slapd.settings(overrides)

    return make


@pytest.fixture
def dead_uri():
    return f"ldap://127.0.0.1:{free_port()}/"


class SilentServer:
    def __init__(self):
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)  # the kernel completes handshakes; nobody ever reads
        self._listener.setblocking(False)
        self.uri = f"ldap://127.0.0.1:{self._listener.getsockname()[1]}/"

    def take_connections(self) -> int:
        count = 0
        while True:
            try:
                conn, _address = self._listener.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1

    def close(self):
        self._listener.close()


@pytest.fixture
def silent():
    server = SilentServer()
    yield server
    server.close()


@pytest.fixture
def silent_uri(silent):
    return silent.uri


class CountingSilentServer:
    """Accepts TCP connections on loopback, counts them, holds them open, never answers."""

    def __init__(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.uri = f"ldap://127.0.0.1:{self.listener.getsockname()[1]}/"
        self.accepted = 0
        self._held = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self._held.append(conn)
            self.accepted += 1

    def close(self):
        self.listener.close()
        for conn in self._held:
            conn.close()


@pytest.fixture
def counting_silent():
    server = CountingSilentServer()
    yield server
    server.close()
