"""One LDAP connection to one server: open, StartTLS, simple bind, search.

ldap3 is used with the SYNC strategy and a fresh :class:`ldap3.Connection` per
use (never a shared or REUSABLE pool), so callers in different threads share
nothing but the immutable settings and :class:`ldap3.Tls` description.

Errors are translated: anything that means "this server cannot serve us now"
(refused, timeouts, TLS failure, broken session, busy/unavailable answers)
raises :class:`ServerFailed` with a kind from :mod:`portal.ldap.errors`; a bind
the server *rejects* raises :class:`BindRejected`. Neither carries a password.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import urlsplit

import ldap3
from ldap3.core import exceptions as lx

from . import errors
from .settings import DirectorySettings

# Result codes that say the server, not the request, is in trouble.
_SERVER_TROUBLE = {1: "operationsError", 3: "timeLimitExceeded", 51: "busy", 52: "unavailable", 80: "other"}
SIZE_LIMIT_EXCEEDED = 4
NO_SUCH_OBJECT = 32


class ServerFailed(Exception):
    """The server cannot be used now; try the next one. ``kind``: see errors.py."""

    def __init__(self, kind: str, detail: str):
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}")


class BindRejected(Exception):
    """The server answered the bind with an error (usually 49, invalidCredentials)."""

    def __init__(self, code: int | None, description: str):
        self.code = code
        self.description = description
        super().__init__(f"bind rejected: {code} {description}")


@dataclass(frozen=True)
class Entry:
    """A search result: the DN and the attributes (lower-cased names, UTF-8 decoded values)."""

    dn: str
    attributes: dict[str, list[str]]

    def first(self, name: str) -> str | None:
        values = self.attributes.get(name.lower()) or []
        return values[0] if values and values[0] != "" else None

    def all(self, name: str) -> list[str]:
        return list(self.attributes.get(name.lower()) or [])


def make_tls(settings: DirectorySettings) -> ldap3.Tls:
    """Certificate-verifying TLS: ``ldap.ca_file`` or the system CAs; host name checked."""
    return ldap3.Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=settings.ca_file)


def _classify(exc: BaseException) -> tuple[str, str]:
    text = f"{exc.__class__.__name__}: {exc}"
    low = text.lower()
    tls_related = (
        isinstance(exc, (lx.LDAPStartTLSError, ssl.SSLError)) or "ssl" in low or "certificate" in low
    )
    if isinstance(exc, lx.LDAPSocketOpenError) and not tls_related:
        return errors.CONNECT, text  # refused, unreachable, connect timeout
    if "timed out" in low or isinstance(exc, (socket.timeout, lx.LDAPResponseTimeoutError)):
        return errors.TIMEOUT, text  # incl. a TLS handshake that never completes
    if tls_related:
        return errors.TLS, text
    if isinstance(exc, ConnectionError):
        return errors.CONNECT, text
    return errors.PROTOCOL, text


@contextmanager
def translated_errors(secret: str = "") -> Iterator[None]:
    """Turn ldap3 communication/TLS errors and socket errors into ServerFailed."""
    try:
        yield
    except (
        lx.LDAPCommunicationError,
        lx.LDAPStartTLSError,
        lx.LDAPResponseTimeoutError,
        lx.LDAPSSLConfigurationError,
        lx.LDAPSocketReceiveError,
        ssl.SSLError,
        OSError,
    ) as exc:
        kind, detail = _classify(exc)
        if secret:
            detail = detail.replace(secret, "***")
        raise ServerFailed(kind, detail) from None


def _server(settings: DirectorySettings, tls: ldap3.Tls, uri: str) -> ldap3.Server:
    parts = urlsplit(uri)
    use_ssl = parts.scheme.lower() == "ldaps"
    return ldap3.Server(
        parts.hostname,
        port=parts.port or (636 if use_ssl else 389),
        use_ssl=use_ssl,
        tls=tls,
        get_info=ldap3.NONE,
        connect_timeout=settings.connect_timeout,
    )


def _no_delay(conn: ldap3.Connection) -> None:
    """Disable Nagle's algorithm: over TLS the request that follows the handshake
    otherwise waits for the server's delayed ACK (measured: ~100 ms per sign-in
    over loopback with TLS, ~5 ms without)."""
    with suppress(OSError, AttributeError):
        conn.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


@contextmanager
def bound_connection(
    settings: DirectorySettings, tls: ldap3.Tls, uri: str, dn: str, password: str
) -> Iterator[ldap3.Connection]:
    """Yield a connection to ``uri`` bound as ``dn``; unbind and close it afterwards.

    Refuses (ValueError) an empty DN or password: a simple bind with an empty
    password is an *unauthenticated* bind that servers accept. StartTLS is done
    before the bind when ``ldap.start_tls`` is on and the URI is ``ldap://``.
    """
    if not dn or not password:
        raise ValueError("refusing a bind without DN and password")
    server = _server(settings, tls, uri)
    conn = ldap3.Connection(
        server,
        user=dn,
        password=password,
        authentication=ldap3.SIMPLE,
        client_strategy=ldap3.SYNC,
        auto_bind=ldap3.AUTO_BIND_NONE,
        read_only=True,
        auto_referrals=False,
        raise_exceptions=False,
        receive_timeout=settings.receive_timeout,
    )
    try:
        with translated_errors(password):
            conn.open(read_server_info=False)
            _no_delay(conn)
            if settings.start_tls and not server.ssl:
                conn.start_tls(read_server_info=False)
            bound = conn.bind(read_server_info=False)
        if not bound:
            code = conn.result.get("result") if conn.result else None
            description = (conn.result or {}).get("description", "no result")
            if code in _SERVER_TROUBLE or code is None:
                raise ServerFailed(errors.PROTOCOL, f"bind answered {code} {description}")
            raise BindRejected(code, description)
        yield conn
    finally:
        with suppress(Exception):
            conn.unbind()


def _decode(values) -> list[str]:
    return [
        v.decode("utf-8", "replace") if isinstance(v, (bytes, bytearray)) else str(v) for v in (values or [])
    ]


def search(
    conn: ldap3.Connection,
    base: str,
    search_filter: str,
    *,
    scope=ldap3.SUBTREE,
    attributes: list[str],
    size_limit: int = 0,
) -> list[Entry]:
    """Run one search and return its entries (referrals dropped).

    A missing base raises ServerFailed(SEARCH_BASE); server trouble raises
    ServerFailed; sizeLimitExceeded returns the entries received so far.
    """
    with translated_errors():
        conn.search(base, search_filter, search_scope=scope, attributes=attributes, size_limit=size_limit)
    code = (conn.result or {}).get("result")
    if code == NO_SUCH_OBJECT:
        raise ServerFailed(errors.SEARCH_BASE, f"search base {base!r} does not exist")
    if code not in (0, SIZE_LIMIT_EXCEEDED):
        description = (conn.result or {}).get("description")
        raise ServerFailed(errors.PROTOCOL, f"search under {base!r} answered {code} {description}")
    entries = []
    for item in conn.response or []:
        if item.get("type") != "searchResEntry":
            continue
        raw = item.get("raw_attributes") or {}
        entries.append(Entry(item["dn"], {str(k).lower(): _decode(v) for k, v in raw.items()}))
    return entries
