"""Names claimed by two identity sources: refused at sign-in, told to the administrators once.

``report_conflict(site, source, login, reason)`` records that ``source`` (e.g. ``ldap``) offered
``login``, which it may not have (a local account holds the name, or the name cannot be a login),
and notifies the site administrators the first time only; it returns True then. The record is
kept in ``site.identity_conflicts`` (``(source, login)`` -> (first seen, reason)), for the
administrators' pages and the log; it grows by one entry per distinct refused name at most.
"""

import logging

from BTrees.OOBTree import OOBTree

from portal.i18n import _

log = logging.getLogger(__name__)


def conflicts(site):
    store = getattr(site, "identity_conflicts", None)
    if store is None:
        store = site.identity_conflicts = OOBTree()
    return store


def report_conflict(site, source, login, reason):
    from portal.clock import now

    log.warning("sign-in refused: %s account %r: %s", source, login, reason)
    store = conflicts(site)
    key = (source, login)
    if key in store:
        return False
    store[key] = (now(), reason)
    from portal.notifications.centre import notify
    from portal.security.localroles import people_with
    from portal.security.roles import role_ids

    admins = people_with(site, set(role_ids("admin")))
    if admins:
        notify(
            site,
            admins,
            "message",
            _("目录账号“${login}”已被拒绝登录：${reason}", mapping={"login": login, "reason": reason}),
            body=_("请在目录中更改该账号的用户名，或停用本地账号后再让其登录。"),
            url="/@@directory",
        )
    return True
