"""Fixtures for the LDAP directory client tests: real slapd processes, no mocks.

- ``slapd``: one plain fixture directory for the whole session.
- ``tls_slapd``: a second one serving ldaps:// and StartTLS with a throwaway CA
  (``tls_slapd.tls`` holds the CA, the server cert and a wrong CA).
- ``dead_uri``: an ldap:// URI on a loopback port where nothing listens.
- ``silent_uri``: an ldap:// URI whose socket accepts TCP connections (backlog)
  but never answers, to exercise the receive timeout.
- ``settings``: a factory for ``ldap.*`` settings against ``slapd`` with overrides.
"""

from __future__ import annotations

import socket

import pytest

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


@pytest.fixture
def settings(slapd):
    def make(overrides: dict[str, str] | None = None) -> dict[str, str]:
        return slapd.settings(overrides)
    return make


@pytest.fixture
def dead_uri():
    return f"ldap://127.0.0.1:{free_port()}/"


@pytest.fixture
def silent_uri():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # the kernel completes handshakes; nobody ever reads
    yield f"ldap://127.0.0.1:{listener.getsockname()[1]}/"
    listener.close()
