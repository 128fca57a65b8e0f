"""Directory sign-in in the portal: the LDAP identity source and its settings.

When ``ldap.enabled`` is true (or ``ldap.preset = fixture``), staff sign in with their directory
account beside the local accounts. The first sign-in creates a profile (``User`` with
``source='ldap'``): display name, unit, email and phone, refreshed at each sign-in; the user's
directory groups become principals ``group:<cn>``, to which sharing pages grant roles. A login
that belongs to a local account is never taken over by a directory entry of the same name.
"""
import logging

from portal.identity.sources import SourceUnavailable
from portal.identity.users import User

from .directory import Directory
from .errors import DirectoryUnavailable

log = logging.getLogger(__name__)
PRESET_KEY = "ldap.preset"


def fixture_preset(port=3890):
    """The settings of the test fixture directory (``python -m portal.testing.slapd``)."""
    from portal.testing import slapd
    return {
        "ldap.enabled": "true",
        "ldap.uris": f"ldap://127.0.0.1:{port}/",
        "ldap.bind_dn": slapd.SERVICE_DN,
        "ldap.bind_password": slapd.SERVICE_PASSWORD,
        "ldap.user_base": slapd.USER_BASE,
        "ldap.user_filter": slapd.USER_FILTER,
        "ldap.group_mode": "memberof",
        "ldap.group_base": slapd.GROUP_BASE,
        "ldap.nested_groups": "true",
        "ldap.connect_timeout": "2",
        "ldap.receive_timeout": "5",
    }


def directory_settings(settings):
    """The ``ldap.*`` settings with any preset applied (explicit keys win over the preset)."""
    raw = {k: v for k, v in settings.items() if k.startswith("ldap.")}
    preset = raw.pop(PRESET_KEY, "").strip()
    if preset == "fixture":
        raw = dict(fixture_preset(), **{k: v for k, v in raw.items() if k != "ldap.enabled"})
    elif preset:
        raise ValueError(f"unknown ldap.preset {preset!r} (known: fixture)")
    return raw


def unit_path(value):
    """Map the directory's unit attribute (e.g. ``zhongyuan/s01``) to a tree path."""
    if not value:
        return None
    value = value.strip().strip("/")
    return "/" + value if value else None


class LdapSource:
    name = "ldap"

    def __init__(self, directory):
        self.directory = directory

    def authenticate(self, request, site, login, password):
        existing = site.users.get(login)
        if existing is not None and existing.source != "ldap":
            return None  # a local account's name: never taken over by the directory
        try:
            entry = self.directory.authenticate(login, password)
        except DirectoryUnavailable as exc:
            log.warning("directory unavailable: %s", exc)
            raise SourceUnavailable(str(exc)) from exc
        if entry is None:
            return None
        return refresh_profile(site, entry)


def refresh_profile(site, entry):
    """Create or update the ``User`` for a directory entry; returns it."""
    user = site.users.get(entry.login)
    if user is None:
        user = site.users.add(User(entry.login, entry.display_name, source="ldap"))
    user.title = entry.display_name
    user.email = entry.email or ""
    user.phone = entry.phone or ""
    user.unit_path = unit_path(entry.unit)
    groups = tuple("group:" + g for g in entry.groups)
    if user.groups != groups:
        user.groups = groups
    user.active = True
    return user


def includeme(config):
    raw = directory_settings(config.get_settings())
    directory = Directory(raw)
    config.registry.portal_directory = directory if directory.settings.enabled else None
    if directory.settings.enabled:
        config.add_identity_source(LdapSource(directory))
    config.include(".views")
