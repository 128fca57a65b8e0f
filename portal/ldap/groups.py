"""Group resolution for a found user, in the three ``ldap.group_mode`` styles.

:func:`resolve_groups` returns ``{group DN: group cn}`` for the user, read over
the *service* connection:

- ``member``: groupOfNames (``member``) / groupOfUniqueNames (``uniqueMember``)
  groups under ``ldap.group_base`` that list the user; with ``nested_groups`` the
  groups that list those groups, and so on.
- ``memberof``: the user's ``memberOf`` values (OpenLDAP memberof overlay, AD);
  with ``nested_groups`` each group entry's own ``memberOf``, and so on. When
  ``ldap.group_base`` is set, only groups under it are reported.
- ``ad_chain``: one search with LDAP_MATCHING_RULE_IN_CHAIN; Active Directory
  returns direct and nested groups itself.
- ``none``: no groups.

Nesting is followed breadth-first for at most ``nested_groups_max_depth`` levels
beyond the direct groups; a visited set makes membership cycles harmless.
"""

from __future__ import annotations

import logging

import ldap3
from ldap3.core.exceptions import LDAPException
from ldap3.utils.dn import parse_dn

from . import errors
from .connection import Entry, ServerFailed, search
from .filters import ad_chain_groups_filter, member_groups_filter
from .settings import DirectorySettings

log = logging.getLogger(__name__)

_BATCH = 50  # member DNs per OR-filter in member mode


def dn_key(dn: str) -> str:
    """A comparison key for DNs: attribute types and values lower-cased, spaces dropped."""
    try:
        return ",".join(f"{a.strip().lower()}={v.strip().lower()}" for a, v, _ in parse_dn(dn))
    except LDAPException:
        return dn.strip().lower()


def _under(dn: str, base: str | None) -> bool:
    if not base:
        return True
    key, base_key = dn_key(dn), dn_key(base)
    return key == base_key or key.endswith("," + base_key)


def _cn_from_rdn(dn: str) -> str | None:
    try:
        attr, value, _ = parse_dn(dn)[0]
    except (LDAPException, IndexError):
        return None
    return value if attr.lower() == "cn" else None


def resolve_groups(conn: ldap3.Connection, settings: DirectorySettings, user: Entry) -> dict[str, str]:
    """``{group DN: cn}`` for ``user`` per ``settings.group_mode`` (see module docstring)."""
    mode = settings.group_mode
    if mode == "member":
        return _member_mode(conn, settings, user.dn)
    if mode == "memberof":
        return _memberof_mode(conn, settings, user.all("memberOf"))
    if mode == "ad_chain":
        found = search(conn, settings.group_base, ad_chain_groups_filter(user.dn), attributes=["cn"])
        return {e.dn: e.first("cn") or _cn_from_rdn(e.dn) or e.dn for e in found}
    return {}


def _member_mode(conn, settings: DirectorySettings, user_dn: str) -> dict[str, str]:
    groups: dict[str, str] = {}
    seen = {dn_key(user_dn)}
    frontier = [user_dn]
    max_levels = 1 + (settings.nested_groups_max_depth if settings.nested_groups else 0)
    for _level in range(max_levels):
        found: list[Entry] = []
        for start in range(0, len(frontier), _BATCH):
            found += search(
                conn,
                settings.group_base,
                member_groups_filter(frontier[start : start + _BATCH]),
                attributes=["cn"],
            )
        frontier = []
        for entry in found:
            key = dn_key(entry.dn)
            if key in seen:
                continue
            seen.add(key)
            groups[entry.dn] = entry.first("cn") or _cn_from_rdn(entry.dn) or entry.dn
            frontier.append(entry.dn)
        if not frontier:
            break
    return groups


def _read_group(conn, dn: str) -> Entry | None:
    try:
        found = search(conn, dn, "(objectClass=*)", scope=ldap3.BASE, attributes=["cn", "memberOf"])
    except ServerFailed as exc:
        if exc.kind != errors.SEARCH_BASE:
            raise
        log.info("LDAP group %s listed in memberOf cannot be read; skipped", dn)
        return None
    return found[0] if found else None


def _memberof_mode(conn, settings: DirectorySettings, direct: list[str]) -> dict[str, str]:
    if not settings.nested_groups:
        groups = {}
        for dn in direct:
            cn = _cn_from_rdn(dn)
            if cn is None:
                entry = _read_group(conn, dn)
                cn = entry.first("cn") if entry else None
            if cn is not None and _under(dn, settings.group_base):
                groups[dn] = cn
        return groups

    groups = {}
    seen: set[str] = set()
    frontier = list(direct)
    for _level in range(1 + settings.nested_groups_max_depth):
        next_frontier = []
        for dn in frontier:
            key = dn_key(dn)
            if key in seen:
                continue
            seen.add(key)
            entry = _read_group(conn, dn)
            if entry is None:
                continue
            if _under(entry.dn, settings.group_base):
                groups[entry.dn] = entry.first("cn") or _cn_from_rdn(entry.dn) or entry.dn
            next_frontier += entry.all("memberOf")
        frontier = next_frontier
        if not frontier:
            break
    return groups
