"""``DirectorySettings``: the ``ldap.*`` keys of the Pyramid ini, parsed and validated.

:meth:`DirectorySettings.from_settings` takes the flat settings dict (strings, as
Pyramid gives them; keys without the ``ldap.`` prefix are ignored) and returns a
frozen, typed settings object, or raises :class:`DirectoryConfigError` listing
*every* problem at once. Unknown ``ldap.*`` keys are errors, so a typo such as
``ldap.start_tsl`` cannot silently turn TLS off. With ``ldap.enabled`` false (the
default) the other keys are not validated and the directory is off.

Keys (defaults in brackets):

- ``ldap.enabled`` [false]
- ``ldap.uris``: one or more ``ldap://`` / ``ldaps://`` URIs, whitespace or newline
  separated, tried in order (failover).
- ``ldap.bind_dn`` and exactly one of ``ldap.bind_password`` /
  ``ldap.bind_password_file`` (read once here; trailing newline stripped):
  the service account that searches. Anonymous search is not supported.
- ``ldap.start_tls`` [false]: StartTLS on ``ldap://`` URIs (``ldaps://`` ones are TLS already).
- ``ldap.ca_file`` [system CAs]: PEM file of the CA(s) that signed the server certificate.
- ``ldap.connect_timeout`` [3]: seconds, may be fractional.
- ``ldap.receive_timeout`` [5]: whole seconds (ldap3 2.9 sets SO_RCVTIMEO from an
  integer and fails on fractions).
- ``ldap.max_concurrent`` [4]: directory operations at once per process (keep it below the
  server's worker threads); one more is refused at once.
- ``ldap.breaker_threshold`` [2], ``ldap.breaker_cooldown`` [30]: after that many failed
  operations in a row, fail fast for that many seconds (see :mod:`portal.ldap.guard`).
- ``ldap.user_base``; ``ldap.user_filter``
  [``(&(objectClass=inetOrgPerson)({attr.login}={login}))``]: ``{login}`` is
  replaced by the escaped login.
- ``ldap.attr.login`` [uid], ``ldap.attr.display_name`` [displayName],
  ``ldap.attr.email`` [mail], ``ldap.attr.phone`` [telephoneNumber],
  ``ldap.attr.unit`` [departmentNumber].
- ``ldap.group_mode`` [member]: ``member``, ``memberof``, ``ad_chain`` or ``none``.
- ``ldap.group_base``: required for ``member`` and ``ad_chain``; in ``memberof``
  mode, when set, only groups under it are reported.
- ``ldap.nested_groups`` [false], ``ldap.nested_groups_max_depth`` [10]: follow
  group-in-group membership (member/memberof modes) up to that many levels.
- ``ldap.refuse_disabled`` [true]: refuse accounts the directory marks as disabled even when
  ``ldap.user_filter`` lets them through (``shadowExpire`` reached, ``pwdAccountLockedTime``
  set, Active Directory's ``userAccountControl`` bit 2; see :mod:`portal.ldap.accounts`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ldap3.core.exceptions import LDAPException
from ldap3.operation.search import parse_filter
from ldap3.utils.dn import parse_dn

from .errors import DirectoryConfigError

PREFIX = "ldap."
GROUP_MODES = ("member", "memberof", "ad_chain", "none")
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}
_ATTRIBUTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$")

_ATTR_DEFAULTS = {
    "login": "uid",
    "display_name": "displayName",
    "email": "mail",
    "phone": "telephoneNumber",
    "unit": "departmentNumber",
}
KNOWN_KEYS = frozenset(
    PREFIX + k
    for k in (
        "enabled",
        "uris",
        "bind_dn",
        "bind_password",
        "bind_password_file",
        "start_tls",
        "ca_file",
        "connect_timeout",
        "receive_timeout",
        "user_base",
        "user_filter",
        "group_mode",
        "group_base",
        "nested_groups",
        "nested_groups_max_depth",
        "refuse_disabled",
        "max_concurrent",
        "breaker_threshold",
        "breaker_cooldown",
        *(f"attr.{name}" for name in _ATTR_DEFAULTS),
    )
)


@dataclass(frozen=True)
class DirectorySettings:
    """Validated directory settings; build with :meth:`from_settings`."""

    enabled: bool = False
    uris: tuple[str, ...] = ()
    bind_dn: str = ""
    bind_password: str = field(default="", repr=False)
    start_tls: bool = False
    ca_file: str | None = None
    connect_timeout: float = 3.0
    receive_timeout: int = 5
    user_base: str = ""
    user_filter: str = "(&(objectClass=inetOrgPerson)(uid={login}))"
    attr_login: str = "uid"
    attr_display_name: str = "displayName"
    attr_email: str = "mail"
    attr_phone: str = "telephoneNumber"
    attr_unit: str = "departmentNumber"
    group_mode: str = "member"
    group_base: str | None = None
    nested_groups: bool = False
    nested_groups_max_depth: int = 10
    refuse_disabled: bool = True
    max_concurrent: int = 4
    breaker_threshold: int = 2
    breaker_cooldown: float = 30.0

    @property
    def user_attributes(self) -> list[str]:
        """The attributes read from a user entry (``memberOf`` in memberof mode, the account
        status attributes when ``refuse_disabled``)."""
        names = [
            self.attr_login,
            self.attr_display_name,
            "cn",
            self.attr_email,
            self.attr_phone,
            self.attr_unit,
        ]
        if self.group_mode == "memberof":
            names.append("memberOf")
        if self.refuse_disabled:
            from .accounts import STATUS_ATTRIBUTES

            names.extend(STATUS_ATTRIBUTES)
        return list(dict.fromkeys(names))

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> DirectorySettings:
        """Parse the ``ldap.*`` keys of ``settings``; raise DirectoryConfigError on any problem."""
        return _Parser(settings).parse()


class _Parser:
    """Collects problems while reading keys, so one error lists them all."""

    def __init__(self, settings: Mapping[str, Any]):
        self.raw = {
            k: ("" if v is None else str(v)).strip() for k, v in settings.items() if k.startswith(PREFIX)
        }
        self.problems: list[str] = []

    def parse(self) -> DirectorySettings:
        unknown = sorted(set(self.raw) - KNOWN_KEYS)
        for key in unknown:
            self.problems.append(f"unknown setting {key!r} (known: {', '.join(sorted(KNOWN_KEYS))})")
        enabled = self.boolean("enabled", False)
        if not enabled:
            self.raise_if_problems()
            return DirectorySettings(enabled=False)

        attrs = {name: self.attribute(f"attr.{name}", default) for name, default in _ATTR_DEFAULTS.items()}
        group_mode = self.raw.get(PREFIX + "group_mode", "") or "member"
        if group_mode not in GROUP_MODES:
            self.problems.append(
                f"ldap.group_mode must be one of {', '.join(GROUP_MODES)}, not {group_mode!r}"
            )
        group_base = self.dn("group_base", required=group_mode in ("member", "ad_chain"))
        values = dict(
            enabled=True,
            uris=self.uris(),
            bind_dn=self.dn("bind_dn", required=True),
            bind_password=self.password(),
            start_tls=self.boolean("start_tls", False),
            ca_file=self.ca_file(),
            connect_timeout=self.number("connect_timeout", 3.0, integer=False),
            receive_timeout=self.number("receive_timeout", 5, integer=True),
            user_base=self.dn("user_base", required=True),
            user_filter=self.user_filter(attrs["login"]),
            group_mode=group_mode,
            group_base=group_base or None,
            nested_groups=self.boolean("nested_groups", False),
            nested_groups_max_depth=self.number("nested_groups_max_depth", 10, integer=True),
            refuse_disabled=self.boolean("refuse_disabled", True),
            max_concurrent=self.number("max_concurrent", 4, integer=True),
            breaker_threshold=self.number("breaker_threshold", 2, integer=True),
            breaker_cooldown=self.number("breaker_cooldown", 30.0, integer=False),
            **{f"attr_{name}": value for name, value in attrs.items()},
        )
        self.raise_if_problems()
        assert {f.name for f in fields(DirectorySettings)} == set(values)
        return DirectorySettings(**values)

    def raise_if_problems(self) -> None:
        if self.problems:
            raise DirectoryConfigError(self.problems)

    # -- one reader per kind of value

    def boolean(self, key: str, default: bool) -> bool:
        text = self.raw.get(PREFIX + key)
        if text is None:
            return default
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        self.problems.append(f"ldap.{key} must be true or false, not {text!r}")
        return default

    def number(self, key: str, default, *, integer: bool):
        text = self.raw.get(PREFIX + key, "")
        if not text:
            return default
        try:
            value = int(text) if integer else float(text)
        except ValueError:
            kind = "a whole number" if integer else "a number"
            self.problems.append(
                f"ldap.{key} must be {kind} of seconds, not {text!r}"
                if "timeout" in key
                else f"ldap.{key} must be {kind}, not {text!r}"
            )
            return default
        if value <= 0 or value > 600:
            self.problems.append(f"ldap.{key} must be between 0 (exclusive) and 600, not {text}")
        return value

    def uris(self) -> tuple[str, ...]:
        uris = tuple(self.raw.get(PREFIX + "uris", "").split())
        if not uris:
            self.problems.append("ldap.uris is required: one or more ldap:// or ldaps:// URIs")
        for uri in uris:
            try:
                parts = urlsplit(uri)
                port = parts.port
            except ValueError as exc:
                self.problems.append(f"ldap.uris: {uri!r} is not a valid URI ({exc})")
                continue
            if parts.scheme.lower() not in ("ldap", "ldaps") or not parts.hostname:
                self.problems.append(
                    f"ldap.uris: {uri!r} must look like ldap://host[:port] or ldaps://host[:port]"
                )
            elif parts.path not in ("", "/") or parts.query or port == 0:
                self.problems.append(
                    f"ldap.uris: {uri!r} must not carry a DN, query or port 0; "
                    "use ldap.user_base for the base"
                )
        if len(set(uris)) != len(uris):
            self.problems.append("ldap.uris lists the same URI twice")
        return uris

    def dn(self, key: str, *, required: bool) -> str:
        text = self.raw.get(PREFIX + key, "")
        if not text:
            if required:
                self.problems.append(f"ldap.{key} is required")
            return ""
        try:
            parse_dn(text)
        except LDAPException as exc:
            self.problems.append(f"ldap.{key} is not a valid DN: {text!r} ({exc})")
        return text

    def password(self) -> str:
        inline = self.raw.get(PREFIX + "bind_password", "")
        path = self.raw.get(PREFIX + "bind_password_file", "")
        if inline and path:
            self.problems.append("set only one of ldap.bind_password and ldap.bind_password_file")
            return ""
        if path:
            try:
                secret = Path(path).read_text(encoding="utf-8").rstrip("\r\n")
            except (OSError, UnicodeDecodeError) as exc:
                self.problems.append(
                    f"ldap.bind_password_file {path!r} cannot be read ({exc.__class__.__name__})"
                )
                return ""
            if not secret:
                self.problems.append(f"ldap.bind_password_file {path!r} is empty")
            return secret
        if not inline:
            self.problems.append(
                "ldap.bind_password or ldap.bind_password_file is required "
                "(an empty password would be an anonymous bind)"
            )
        return inline

    def ca_file(self) -> str | None:
        path = self.raw.get(PREFIX + "ca_file", "")
        if not path:
            return None
        if not Path(path).is_file():
            self.problems.append(f"ldap.ca_file {path!r} does not exist or is not a file")
        return path

    def attribute(self, key: str, default: str) -> str:
        name = self.raw.get(PREFIX + key, "") or default
        if not _ATTRIBUTE.match(name):
            self.problems.append(f"ldap.{key} is not an attribute name: {name!r}")
        return name

    def user_filter(self, login_attr: str) -> str:
        template = (
            self.raw.get(PREFIX + "user_filter", "")
            or f"(&(objectClass=inetOrgPerson)({login_attr}={{login}}))"
        )
        if "{login}" not in template:
            self.problems.append(f"ldap.user_filter must contain {{login}}: {template!r}")
            return template
        try:
            parse_filter(template.replace("{login}", "x"), None, True, False, None, False)
        except (LDAPException, IndexError, ValueError) as exc:
            self.problems.append(f"ldap.user_filter is not a valid LDAP filter: {template!r} ({exc})")
        return template
