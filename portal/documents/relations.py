"""Which units stand in which relation to a case, and in which relations a user acts on it.

The document rules of a workflow (``[parties]`` in ``workflows/case.toml``) name relations --
``registering`` (the unit that registered the case), ``assigning`` (the unit that handed it to
the current responsible unit), ``responsible`` (the unit handling it) and the rest of
:data:`RELATIONS` -- and roles. Two questions, answered only here:

* :func:`units_in` -- the units in a relation to a case (for "由 中原区第一中学 起草");
* :func:`held` -- the ``(relation, role)`` pairs the requesting user holds on a case: a role
  granted to them on a unit in that relation (a grant on an ancestor of a related unit counts
  as ``above``, never as the relation itself), none at all if the case shields itself from
  them (a whistle-blowing case and the people of the unit it reports on).

Until the handling chain is data on the case, the relations are read from what the case
stores today (``registering_unit``, ``responsible_unit``; the unit that assigned is taken to
be the registering unit). These two functions are the one place to point at the chain's
own answers when it records them.
"""
from pyramid.traversal import find_resource, lineage, resource_path

from portal.security.localroles import local_roles

#: The relations a unit can have to a case (the chain's vocabulary), with Chinese titles.
RELATIONS = {
    "registering": "登记单位",
    "supervising": "督办单位",
    "assigning": "交办单位",
    "responsible": "承办单位",
    "assisting": "协办单位",
    "reviewing": "审核处（科）室",
    "review_body": "复查机关",
    "rereview_body": "复核机关",
    "above": "上级单位",
}


def _root(node):
    while node.__parent__ is not None:
        node = node.__parent__
    return node


def _unit(case, path):
    if not path:
        return None
    try:
        return find_resource(_root(case), path)
    except KeyError:
        return None


def units_in(case, relation):
    """The units standing in ``relation`` to ``case`` (a list, nearest first for ``above``)."""
    registering = _unit(case, getattr(case, "registering_unit", None))
    responsible = _unit(case, getattr(case, "responsible_unit", None))
    if relation == "registering":
        return [registering] if registering is not None else []
    if relation == "responsible":
        return [responsible] if responsible is not None else []
    if relation in ("assigning", "review_body"):
        return [registering] if responsible is not None and registering is not None else []
    if relation == "above":
        related = [u for u in (registering, responsible) if u is not None]
        seen, out = {id(u) for u in related}, []
        for unit in related:
            for node in list(lineage(unit))[1:]:
                if id(node) not in seen:
                    seen.add(id(node))
                    out.append(node)
        return out
    return []


def unit_title(case, relation):
    """The title of the (first) unit in ``relation`` to ``case``, or ''."""
    units = units_in(case, relation)
    return units[0].title if units else ""


def held(request, case):
    """``{(relation, role)}`` the requesting user holds on ``case`` now (see module docstring)."""
    cache = request.__dict__.setdefault("_portal_held_relations", {})
    key = (id(case), getattr(case, "workflow_state", None), getattr(case, "responsible_unit", None))
    if key in cache:
        return cache[key]
    principals = frozenset(p for p in request.user_principals if not p.startswith("system."))
    result = set()
    if principals and request.has_permission("view", case):  # the shield denies everything
        for relation in RELATIONS:
            for unit in units_in(case, relation):
                for principal, roles in local_roles(unit).items():
                    if principal in principals:
                        result.update((relation, role) for role in roles)
    cache[key] = frozenset(result)
    return cache[key]


def acting_unit(request, case, relation, roles):
    """The unit through which the user holds one of ``roles`` in ``relation``, or None."""
    principals = frozenset(request.user_principals)
    for unit in units_in(case, relation):
        for principal, granted in local_roles(unit).items():
            if principal in principals and set(granted) & set(roles):
                return unit
    return None


def path_of(unit):
    return resource_path(unit) or "/"
