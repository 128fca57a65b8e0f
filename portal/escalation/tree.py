"""Where overdue work goes: the bureaus above a unit and their petition staff.

``bureaus_above(site, path)`` walks the organisation tree: a school's first unit above is its
county bureau, then the city bureau; a county bureau's (or a unit directly under the city) is
the city bureau; a department or petition office belongs to its own bureau, so its first unit
above is that bureau. (Case sources may pass the handling chain instead, see ``sources``.)
"""

from hypatia.query import Eq
from pyramid.traversal import find_resource, resource_path

from portal.resources.kinds import KINDS
from portal.security.localroles import people_with
from portal.security.roles import role_ids

PETITION_ROLES = frozenset(role_ids("office"))
OFFICE_KINDS = ("department", "petition_office")


def path_of(node):
    return resource_path(node) or "/"


def find_unit(site, path):
    try:
        return find_resource(site, path)
    except KeyError:
        return None


def is_bureau(unit):
    kind = KINDS.get(getattr(unit, "kind", None))
    return bool(kind and kind.is_bureau)


def own_bureau(unit):
    """The bureau a department or petition office belongs to; else the unit itself."""
    node = unit
    while node is not None and getattr(node, "kind", None) in OFFICE_KINDS:
        node = node.__parent__
    return node


def bureaus_above(site, path):
    """Paths of the bureaus above the unit at ``path``, nearest first."""
    unit = find_unit(site, path)
    if unit is None:
        return ()
    start = own_bureau(unit)
    node = start.__parent__ if start is unit or not is_bureau(start) else start
    found = []
    while node is not None:
        if is_bureau(node):
            found.append(path_of(node))
        node = node.__parent__
    return tuple(found)


def petition_offices(site, unit):
    """The 信访处（科） units directly under ``unit`` (one catalog query)."""
    cat = getattr(site, "catalog", None)
    if cat is None:
        return []
    from portal.catalog import search

    query = (
        Eq(cat["parent_path"], path_of(unit))
        & Eq(cat["type_name"], "unit")
        & Eq(cat["kind"], "petition_office")
    )
    return search(site, query).all()


def petition_staff(site, unit):
    """Userids of the petition officers and heads of ``unit``: granted on the unit itself or
    on its 信访处（科）."""
    found = set(people_with(unit, PETITION_ROLES))
    for office in petition_offices(site, unit):
        found.update(people_with(office, PETITION_ROLES))
    return sorted(found)
