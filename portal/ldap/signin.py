"""Directory sign-in in the portal: the LDAP identity source and its settings.

When ``ldap.enabled`` is true, staff sign in with their directory
account beside the local accounts. The first sign-in creates a profile (``User`` with
``source='ldap'``): display name, unit, email and phone, refreshed at each sign-in; the user's
directory groups become principals ``group:<cn>``, to which sharing pages grant roles. The
unit comes from the administrators' mapping of directory values (``portal.ldap.units``); an
unmapped value signs the user in without a unit and tells the administrators once.

An identity is (source, login): the directory's uid, in its normalised form
(``portal.identity.logins``), must not be a local account's login in any letter case or Unicode
form, and must be able to be a login at all (no ``:``, so never a principal). Either failure
refuses the sign-in with a message, and the administrators are told once per name.
"""

import logging

from portal.identity.conflicts import report_conflict
from portal.identity.logins import find_login
from portal.identity.sources import SignInRefused, SourceUnavailable
from portal.identity.users import User
from portal.security.principals import group_principal

from . import units
from .directory import Directory
from .errors import DirectoryBusy, DirectoryUnavailable

log = logging.getLogger(__name__)


def directory_settings(settings):
    """The ``ldap.*`` settings of the application's ini."""
    return {k: v for k, v in settings.items() if k.startswith("ldap.")}


NAME_TAKEN = "该目录账号与本地账号同名，不能登录；已通知系统管理员处理"
BUSY = "统一身份认证服务繁忙，请稍后再试；本地管理员账号不受影响"


class LdapSource:
    name = "ldap"

    def __init__(self, directory):
        self.directory = directory

    def authenticate(self, request, site, login, password):
        if find_login(login) is None:
            return None  # cannot be a login (e.g. shaped like a principal): never asked
        try:
            entry = self.directory.authenticate(login, password)
        except DirectoryBusy as exc:
            log.warning("directory sign-in refused: %s", exc)
            raise SourceUnavailable(str(exc), BUSY) from exc
        except DirectoryUnavailable as exc:
            log.warning("directory unavailable: %s", exc)
            raise SourceUnavailable(str(exc)) from exc
        if entry is None:
            return None
        userid = find_login(entry.login)
        if userid is None:
            report_conflict(site, self.name, entry.login, "用户名含有不允许的字符")
            return None
        existing = site.users.get(userid)
        if existing is not None and existing.source != self.name:
            report_conflict(site, self.name, userid, "与本地账号同名")
            raise SignInRefused(NAME_TAKEN)
        return refresh_profile(site, entry, userid)


def refresh_profile(site, entry, userid):
    """Create or update the directory user ``userid`` (normalised ``entry.login``); returns it."""
    user = site.users.get(userid)
    if user is None:
        user = site.users.add(User(userid, entry.display_name, source="ldap"))
    elif user.source != "ldap":
        raise ValueError(f"{userid!r} is a {user.source} account")  # the caller checked
    user.title = entry.display_name
    user.email = entry.email or ""
    user.phone = entry.phone or ""
    user.unit_path = units.resolve(site, entry.unit)  # the administrators' mapping, never a path
    groups = tuple(group_principal(g) for g in entry.groups)
    if user.groups != groups:
        user.groups = groups
    user.active = True
    return user


def includeme(config):
    from portal.i18n import _

    raw = directory_settings(config.get_settings())
    directory = Directory(raw)
    config.registry.portal_directory = directory if directory.settings.enabled else None
    if directory.settings.enabled:
        config.add_identity_source(LdapSource(directory))
    config.include(".views")
    from portal.security import permissions as P

    config.add_nav_item("directory", _("统一身份认证"), P.MANAGE_SITE, order=150)
