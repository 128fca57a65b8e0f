"""The values the directory client returns: :class:`DirectoryUser` and :class:`ConnectionReport`."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ServerFailure


@dataclass(frozen=True)
class DirectoryUser:
    """A person found in the directory. Never holds a password.

    - ``login``: the login attribute's value *as stored* (so ``ZhangWei`` signs in
      as ``zhangwei`` when the directory matches case-insensitively).
    - ``dn``: the entry's DN as the server returned it.
    - ``display_name``: ``ldap.attr.display_name``, else ``cn``, else the login.
    - ``email``, ``phone``: the first value of their attribute, or None.
    - ``unit``: the raw value of ``ldap.attr.unit`` (the portal's unit path key,
      e.g. ``zhongyuan/s01``), or None; mapping it to a unit is the caller's job.
    - ``groups``: group ``cn`` values, sorted and unique, nested groups included
      when ``ldap.nested_groups`` is on (``ad_chain`` mode is always nested).
    - ``group_dns``: the DNs of those groups, sorted.
    - ``disabled``: why the directory marks the account disabled (see
      :mod:`portal.ldap.accounts`), or None; ``authenticate`` never returns a disabled user.
    """

    login: str
    dn: str
    display_name: str
    email: str | None = None
    phone: str | None = None
    unit: str | None = None
    groups: tuple[str, ...] = ()
    group_dns: tuple[str, ...] = ()
    disabled: str | None = None


@dataclass(frozen=True)
class ConnectionReport:
    """Result of :meth:`Directory.test_connection`, for the admin page.

    ``ok``: a server accepted the service account and the search base(s) exist.
    ``uri``: the URI that answered (None when none did).
    ``message``: Chinese, for the administrator on the settings page.
    ``duration_ms``: wall time of the whole check.
    ``failures``: what went wrong on each URI tried before (or instead of) success.
    """

    ok: bool
    uri: str | None
    message: str
    duration_ms: float
    failures: tuple[ServerFailure, ...] = field(default=())
