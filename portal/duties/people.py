"""The people of a unit, picked rather than typed: leaders, petition staff, attendees.

Everything here reads the grants made on the unit itself (``localroles.people_with``), so a
city officer's inherited reach never makes them a county's leader or a school's staff. A
bureau's petition staff may be granted on the bureau or on its petition office (信访科).
"""

from pyramid.traversal import resource_path

from portal.reports.units import roles_on
from portal.security.localroles import local_roles, people_with
from portal.security.principals import userid_of
from portal.security.roles import ROLES, role_ids

from .scope import OFFICE_KINDS, duty_unit_of, units_below

(PRINCIPAL,) = role_ids("principal")
LEADER_ROLES = role_ids("leader")
STAFF_ROLES = role_ids("staff")


def _site(node):
    while node.__parent__ is not None:
        node = node.__parent__
    return node


def user_title(site, userid):
    user = site.users.get(userid) if userid else None
    return user.title if user is not None else (userid or "")


def _active(site, userids):
    return [u for u in userids if (user := site.users.get(u)) is not None and user.active]


def offices_of(unit):
    """The unit's own departments and petition office (units of an office kind just below)."""
    from portal.resources.order import sibling_key

    return sorted((c for c in unit.child_units() if c.kind in OFFICE_KINDS and c.active), key=sibling_key)


def staff_nodes(unit):
    """Where the unit's petition staff are granted: the unit and its petition office."""
    return [unit] + [c for c in offices_of(unit) if c.kind == "petition_office"]


def leaders_of(unit, roles=LEADER_ROLES):
    """[(userid, name, role id)] of the active people granted a leader role on ``unit``,
    the principal leader first, then the leader in charge, then the others, by name."""
    site = _site(unit)
    found = {}
    for principal, granted in local_roles(unit).items():
        userid = userid_of(principal)
        if not userid:
            continue
        for role in roles:
            if role in granted and userid not in found:
                found[userid] = role
    rank = {r: i for i, r in enumerate(LEADER_ROLES)}
    people = [(u, user_title(site, u), r) for u, r in found.items() if _active(site, [u])]
    return sorted(people, key=lambda p: (rank.get(p[2], 9), p[1], p[0]))


def principals_of(unit):
    return [u for u, _n, _r in leaders_of(unit, (PRINCIPAL,))]


def is_principal(request, unit):
    return PRINCIPAL in roles_on(unit, request.user_principals)


def petition_staff(unit):
    """Userids of the unit's active petition staff (who keep its records, who get trained)."""
    found = set()
    for node in staff_nodes(unit):
        found.update(people_with(node, STAFF_ROLES))
    return sorted(_active(_site(unit), found))


def keepers(unit):
    """Who is reminded of the unit's duties: its petition staff."""
    return petition_staff(unit)


def may_keep(request, unit):
    """True if the user is one of the unit's own petition staff (grants on the unit or its
    petition office; inherited grants from above do not count)."""
    principals = request.user_principals
    return any(set(STAFF_ROLES) & roles_on(node, principals) for node in staff_nodes(unit))


def role_title(role):
    return ROLES[role].title if role in ROLES else ""


def pool(unit):
    """[(userid, name, where)] to pick attendees from: people granted on the unit and its
    offices, then the petition staff of the units below it; ``where`` names their unit."""
    site = _site(unit)
    seen, out = set(), []

    def add(userid, where):
        if userid not in seen and _active(site, [userid]):
            seen.add(userid)
            out.append((userid, user_title(site, userid), where))

    for node in [unit] + offices_of(unit):
        for principal in sorted(local_roles(node)):
            userid = userid_of(principal)
            if userid:
                add(userid, node.title)
    if getattr(site, "catalog", None) is not None:
        for below in units_below(site, unit):
            for userid in petition_staff(below):
                add(userid, below.title)
    return out


def home_unit(site, userid):
    """The duty unit where ``userid`` holds a staff or leader role (the first in tree order),
    or None: where their training is fed back."""
    from hypatia.query import Any, Eq

    from portal.security.principals import user_principal

    cat = site.catalog
    principal = user_principal(userid)
    query = Any(cat["local_principals"], [principal]) & Eq(cat["type_name"], "unit")
    nodes = sorted(
        (site.docmap.get(d) for d in query.execute().ids),
        key=lambda n: resource_path(n) if n is not None else "~",
    )
    wanted = set(role_ids("staff", "leader", "handler"))
    for node in nodes:
        if node is not None and wanted & set(local_roles(node).get(principal, ())):
            return duty_unit_of(node)
    return None
