"""Exceptions raised by the directory client, and the per-server failure record.

- :class:`DirectoryConfigError`: the ``ldap.*`` settings are invalid; raised at
  start-up by :meth:`DirectorySettings.from_settings`, never at sign-in time.
- :class:`DirectoryUnavailable`: no configured server gave an answer (refused,
  timed out, TLS failure, service account rejected ...). Its ``failures`` say
  what happened on each URI, in English, for the log. It never carries a password.
  Two kinds are raised without asking any server (``portal.ldap.guard``):
  :class:`DirectoryBusy` (the concurrency cap is reached) and :class:`DirectoryDown`
  (the circuit breaker is open).

A wrong password, an unknown or a disabled user is *not* an exception: the
client returns ``None`` for all of them alike.
"""

from __future__ import annotations

from dataclasses import dataclass


class DirectoryError(Exception):
    """Base class of the directory client's exceptions."""


class DirectoryConfigError(DirectoryError, ValueError):
    """Invalid ``ldap.*`` settings. ``problems`` lists every problem found."""

    def __init__(self, problems: list[str] | tuple[str, ...]):
        self.problems = tuple(problems)
        super().__init__("invalid LDAP settings:\n  - " + "\n  - ".join(self.problems))


# Kinds of server failure, used to choose the admin page's message.
CONNECT = "connect"  # refused, unreachable, connect timeout
TIMEOUT = "timeout"  # connected, but no answer within ldap.receive_timeout
TLS = "tls"  # handshake or certificate verification failed
SERVICE_BIND = "service_bind"  # the service account was rejected
SEARCH_BASE = "search_base"  # ldap.user_base / ldap.group_base missing or unreadable
PROTOCOL = "protocol"  # any other error answer or broken session


@dataclass(frozen=True)
class ServerFailure:
    """What went wrong with one server URI: ``kind`` is one of the constants above."""

    uri: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.uri}: {self.kind}: {self.detail}"


class DirectoryUnavailable(DirectoryError):
    """No directory server answered usefully; ``failures`` holds one record per URI tried."""

    def __init__(self, failures: list[ServerFailure] | tuple[ServerFailure, ...], action: str = ""):
        self.failures = tuple(failures)
        what = f" ({action})" if action else ""
        listing = "; ".join(str(f) for f in self.failures) or "no server configured"
        super().__init__(f"LDAP directory unavailable{what}: {listing}")


class DirectoryBusy(DirectoryUnavailable):
    """As many directory operations as ``ldap.max_concurrent`` are running; refused at once."""

    def __init__(self):
        super().__init__((), "too many concurrent directory operations")


class DirectoryDown(DirectoryUnavailable):
    """The circuit breaker is open: the directory failed just now and is not asked again yet."""

    def __init__(self):
        super().__init__((), "circuit breaker open")
