"""``Directory``: staff sign-in, user lookup and the connection check against LDAP.

Contracts:

- ``Directory(settings)`` takes a :class:`DirectorySettings` or the raw Pyramid
  settings dict (parsed with ``DirectorySettings.from_settings``, which raises
  DirectoryConfigError). One instance serves all threads: every call opens its
  own connections and closes them before returning.
- ``authenticate(login, password)`` -> :class:`DirectoryUser` or ``None``.
  Searches the user with the service account (``ldap.user_filter``, login
  escaped), then binds *as that DN* with the password on a second connection,
  then reads the groups with the service account. ``None`` for a wrong password,
  an unknown user, a user the filter excludes (disabled), an account the directory marks as
  disabled (``ldap.refuse_disabled``, :mod:`portal.ldap.accounts`; no bind is attempted), an
  ambiguous login (several entries), an empty password or login: the caller cannot tell which.
  An empty password never reaches the server. Raises :class:`DirectoryUnavailable`
  when no server answers (refused, connect/receive timeout, TLS failure, service
  account rejected, search base missing).
- ``lookup(login)`` -> the same :class:`DirectoryUser` (with groups) without any
  user bind, or ``None``; raises DirectoryUnavailable like ``authenticate``. A disabled
  account is returned with ``disabled`` set (for the administrators' page).
- ``clock``: a callable returning the portal's now (default ``portal.clock.now``),
  for "today" in the account status checks.
- ``test_connection()`` -> :class:`ConnectionReport`; never raises for server
  problems, the report says what happened (message in Chinese).

Guard (:mod:`portal.ldap.guard`): at most ``ldap.max_concurrent`` operations at once, and a
circuit breaker that fails fast (``DirectoryUnavailable`` without connecting) for
``ldap.breaker_cooldown`` seconds after ``ldap.breaker_threshold`` failed operations in a row.

Failover: the URIs are tried in :class:`ServerList` order; the whole attempt
(search, bind, groups) is repeated on the next URI when a server fails midway.
Worst case per call: for each URI, ``connect_timeout`` plus ``receive_timeout``
for the operation that stalls (a silent server costs one receive timeout).
With the directory disabled (``ldap.enabled = false``), authenticate and lookup
return ``None`` and test_connection reports it.

Logging (logger ``portal.ldap.directory``): rejections at INFO and server
failures at WARNING, with the login and the URI; never a password.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit

import ldap3

from . import errors
from .accounts import disabled_reason
from .connection import BindRejected, Entry, ServerFailed, bound_connection, make_tls, search
from .errors import DirectoryBusy, DirectoryUnavailable, ServerFailure
from .filters import user_filter
from .groups import resolve_groups
from .guard import DirectoryGuard
from .results import ConnectionReport, DirectoryUser
from .servers import ServerList
from .settings import DirectorySettings

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_LOGIN_LENGTH = 256

_FAILURE_MESSAGES = {
    errors.CONNECT: "无法连接目录服务器，请检查地址、端口和网络（防火墙）。",
    errors.TIMEOUT: "目录服务器响应超时，请检查服务器负载或调大 ldap.receive_timeout。",
    errors.TLS: "TLS 连接失败：证书校验未通过或服务器不支持 TLS，请检查 CA 证书文件（ldap.ca_file）和 URI。",
    errors.SERVICE_BIND: "服务账号绑定被拒绝，请检查 ldap.bind_dn 和服务账号密码。",
    errors.SEARCH_BASE: "搜索基准不存在或服务账号无权读取，请检查 ldap.user_base / ldap.group_base。",
    errors.PROTOCOL: "目录服务器返回错误，请查看日志中的详细信息。",
}


def _is_loopback(uri: str) -> bool:
    host = (urlsplit(uri).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


class Directory:
    """The portal's LDAP directory client; see the module docstring for the contract."""

    def __init__(
        self, settings: DirectorySettings | Mapping[str, Any], clock: Callable[[], Any] | None = None
    ):
        if not isinstance(settings, DirectorySettings):
            settings = DirectorySettings.from_settings(settings)
        if clock is None:
            from portal.clock import now as clock
        self.settings = settings
        self.clock = clock
        self.guard = DirectoryGuard(
            settings.max_concurrent, settings.breaker_threshold, settings.breaker_cooldown
        )
        self._servers = ServerList(settings.uris)
        self._tls = make_tls(settings) if settings.enabled else None
        for uri in settings.uris:
            if uri.lower().startswith("ldap://") and not settings.start_tls and not _is_loopback(uri):
                log.warning(
                    "LDAP URI %s is used without StartTLS: passwords cross the "
                    "network in clear text (set ldap.start_tls = true or use ldaps://)",
                    uri,
                )

    # -- public API

    def authenticate(self, login: str, password: str) -> DirectoryUser | None:
        """Check ``password`` for ``login``; see the module docstring for the contract."""
        login = login.strip() if isinstance(login, str) else ""
        if not self.settings.enabled:
            return None
        if not login or len(login) > MAX_LOGIN_LENGTH:
            log.info("LDAP sign-in rejected: empty or overlong login")
            return None
        if not isinstance(password, str) or password == "":
            log.info("LDAP sign-in rejected for login=%r: empty password (no bind attempted)", login)
            return None

        def attempt(uri: str) -> DirectoryUser | None:
            with self._service_connection(uri) as conn:
                entry = self._find_user(conn, login, uri)
                if entry is None:
                    return None
                reason = self._disabled(entry)
                if reason:
                    log.info(
                        "LDAP sign-in rejected for login=%r on %s: account disabled (%s)", login, uri, reason
                    )
                    return None
                try:
                    with bound_connection(self.settings, self._tls, uri, entry.dn, password):
                        pass
                except BindRejected as exc:
                    log.info(
                        "LDAP sign-in rejected for login=%r on %s: %s %s",
                        login,
                        uri,
                        exc.code,
                        exc.description,
                    )
                    return None
                return self._user(conn, entry)

        with self.guard.call():
            user, uri, _ = self._with_failover(attempt, f"sign-in of login={login!r}")
        if user is not None:
            log.info("LDAP sign-in succeeded for login=%r on %s", login, uri)
        return user

    def lookup(self, login: str) -> DirectoryUser | None:
        """Find ``login`` with its groups, without a password; None when not found."""
        login = login.strip() if isinstance(login, str) else ""
        if not self.settings.enabled or not login or len(login) > MAX_LOGIN_LENGTH:
            return None

        def attempt(uri: str) -> DirectoryUser | None:
            with self._service_connection(uri) as conn:
                entry = self._find_user(conn, login, uri)
                return None if entry is None else self._user(conn, entry)

        with self.guard.call():
            return self._with_failover(attempt, f"lookup of login={login!r}")[0]

    def test_connection(self) -> ConnectionReport:
        """Bind the service account and check the search bases, on the first URI that answers."""
        started = time.perf_counter()

        def elapsed() -> float:
            return round((time.perf_counter() - started) * 1000, 1)

        if not self.settings.enabled:
            return ConnectionReport(False, None, "LDAP 未启用（ldap.enabled = false）。", elapsed())

        def attempt(uri: str) -> None:
            with self._service_connection(uri) as conn:
                for base in filter(None, (self.settings.user_base, self.settings.group_base)):
                    search(conn, base, "(objectClass=*)", scope=ldap3.BASE, attributes=["1.1"])

        try:
            with self.guard.call(probe=True):
                _, uri, failures = self._with_failover(attempt, "connection test")
        except DirectoryBusy:
            return ConnectionReport(
                False,
                None,
                "目录操作繁忙（同时进行的目录操作已达 ldap.max_concurrent 上限），请稍后再试。",
                elapsed(),
            )
        except DirectoryUnavailable as exc:
            kinds = [f.kind for f in exc.failures]
            kind = next(
                (
                    k
                    for k in (
                        errors.SERVICE_BIND,
                        errors.SEARCH_BASE,
                        errors.TLS,
                        errors.TIMEOUT,
                        errors.PROTOCOL,
                        errors.CONNECT,
                    )
                    if k in kinds
                ),
                errors.CONNECT,
            )
            tried = "、".join(f.uri for f in exc.failures)
            message = f"连接失败（已尝试：{tried}）。{_FAILURE_MESSAGES[kind]}"
            return ConnectionReport(False, None, message, elapsed(), exc.failures)
        duration = elapsed()
        message = f"连接成功：{uri} 已响应，服务账号绑定正常，搜索基准可读（用时 {duration:.0f} 毫秒）。"
        return ConnectionReport(True, uri, message, duration, failures)

    # -- steps

    @contextmanager
    def _service_connection(self, uri: str) -> Iterator[ldap3.Connection]:
        """A connection bound as the service account; a rejected bind is a server failure."""
        with ExitStack() as stack:
            try:
                conn = stack.enter_context(
                    bound_connection(
                        self.settings, self._tls, uri, self.settings.bind_dn, self.settings.bind_password
                    )
                )
            except BindRejected as exc:
                raise ServerFailed(
                    errors.SERVICE_BIND,
                    f"service account {self.settings.bind_dn!r} rejected: {exc.code} {exc.description}",
                ) from None
            yield conn

    def _find_user(self, conn, login: str, uri: str) -> Entry | None:
        found = search(
            conn,
            self.settings.user_base,
            user_filter(self.settings.user_filter, login),
            attributes=self.settings.user_attributes,
            size_limit=2,
        )
        if not found:
            log.info("LDAP sign-in: login=%r not found (unknown or excluded by the filter) on %s", login, uri)
            return None
        if len(found) > 1:
            log.warning("LDAP sign-in: login=%r matches several entries on %s; refused", login, uri)
            return None
        return found[0]

    def _disabled(self, entry: Entry) -> str | None:
        return disabled_reason(entry, self.clock()) if self.settings.refuse_disabled else None

    def _user(self, conn, entry: Entry) -> DirectoryUser:
        s = self.settings
        groups = resolve_groups(conn, s, entry)
        login = entry.first(s.attr_login) or ""
        return DirectoryUser(
            login=login,
            dn=entry.dn,
            display_name=entry.first(s.attr_display_name) or entry.first("cn") or login,
            email=entry.first(s.attr_email),
            phone=entry.first(s.attr_phone),
            unit=entry.first(s.attr_unit),
            groups=tuple(sorted(set(groups.values()))),
            group_dns=tuple(sorted(groups)),
            disabled=self._disabled(entry),
        )

    def _with_failover(
        self, attempt: Callable[[str], T], action: str
    ) -> tuple[T, str, tuple[ServerFailure, ...]]:
        """Run ``attempt(uri)`` on each server in turn until one does not fail; return
        its result, that URI and the failures before it. Raise DirectoryUnavailable."""
        failures: list[ServerFailure] = []
        for uri in self._servers.in_order():
            try:
                result = attempt(uri)
            except ServerFailed as exc:
                failures.append(ServerFailure(uri, exc.kind, exc.detail))
                self._servers.failed(uri)
                log.warning("LDAP server %s failed during %s: %s: %s", uri, action, exc.kind, exc.detail)
                continue
            self._servers.answered(uri)
            return result, uri, tuple(failures)
        error = DirectoryUnavailable(failures, action)
        log.error("%s", error)
        raise error
