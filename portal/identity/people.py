"""People as the interface names them: 李晓燕（郑州市教育局）, never the login ``city_officer``.

Contract:

* ``name_of(site, userid)`` is the person's name (``User.title``); ``系统`` for the portal's own
  actions (``system`` or no actor); for an account that no longer exists, ``已删除的账号`` --
  never the login, which means nothing to a reader and may identify nobody.
* ``unit_of(site, userid)`` is the unit the person works for: the unit recorded on their
  profile (directory users), else the highest unit where they hold a role directly (one catalog
  query); None when neither is known.
* ``label_of(site, userid)`` is the name followed by the unit's title in full-width brackets,
  the form lists, history entries and logs use.
* ``People(site)`` memoises these for one request or one export (a history lists the same few
  people many times).
"""

from pyramid.traversal import find_resource, resource_path

SYSTEM_ACTORS = frozenset({"", "system"})
SYSTEM_NAME = "系统"
GONE_NAME = "已删除的账号"


def _user(site, userid):
    users = getattr(site, "users", None)
    return users.get(userid) if users is not None and userid else None


def name_of(site, userid):
    if userid is None or userid in SYSTEM_ACTORS:
        return SYSTEM_NAME
    user = _user(site, userid)
    return (getattr(user, "title", "") or GONE_NAME) if user is not None else GONE_NAME


def unit_of(site, userid):
    """The unit ``userid`` works for (see the module contract), or None."""
    user = _user(site, userid)
    if user is None:
        return None
    path = getattr(user, "unit_path", None)
    if path:
        try:
            return find_resource(site, path)
        except KeyError:
            pass
    from hypatia.query import Any, Eq

    from portal.catalog import search
    from portal.security.principals import user_principal

    catalog = getattr(site, "catalog", None)
    if catalog is None:
        return None
    query = Any(catalog["local_principals"], [user_principal(user.userid)]) & Eq(catalog["type_name"], "unit")
    units = list(search(site, query).all())
    if not units:
        return None
    return min(units, key=lambda u: (len(resource_path(u)), resource_path(u)))


def label_of(site, userid):
    name = name_of(site, userid)
    if userid is None or userid in SYSTEM_ACTORS:
        return name
    unit = unit_of(site, userid)
    return f"{name}（{unit.title}）" if unit is not None else name


class People:
    """``name(userid)`` and ``label(userid)``, memoised (one per request or export)."""

    def __init__(self, site):
        self.site = site
        self._names = {}
        self._labels = {}

    def name(self, userid):
        if userid not in self._names:
            self._names[userid] = name_of(self.site, userid)
        return self._names[userid]

    def label(self, userid):
        if userid not in self._labels:
            self._labels[userid] = label_of(self.site, userid)
        return self._labels[userid]
