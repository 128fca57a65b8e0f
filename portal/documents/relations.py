"""Which units stand in which relation to a case, and in which relations a user acts on it.

The document rules of a workflow (``[parties]`` in ``workflows/case.toml``) name relations --
``registering`` (the unit that registered the case), ``assigning`` (the unit that handed it to
the current responsible unit), ``responsible`` (the unit handling it) and the rest of the
chain's :data:`RELATIONS` -- and roles. The documents ask only these functions:

* :func:`units_in` -- the units in a relation to a case (for "由 中原区第一中学 起草");
* :func:`held` -- the ``(relation, role)`` pairs the requesting user holds on a case: a role
  granted to them on a unit in that relation (a grant on an ancestor of a related unit counts
  as ``above``, never as the relation itself), none at all if the case shields itself from
  them (a whistle-blowing case and the people of the unit it reports on);
* :func:`acting_unit` -- the unit through which the user holds a role in a relation (a signed
  document takes that unit's 文号).

The answers are the handling chain's (``portal.cases.chain``, ``portal.security.relations``)
for a case whose chain is recorded. A case from before the chain was recorded (no
``chain_record``) is read from what it stores (``registering_unit``, ``responsible_unit``; the
unit that assigned is taken to be the registering unit), so older cases keep working.
"""
from pyramid.traversal import find_resource, lineage

from portal.security.localroles import local_roles
from portal.security.relations import ABOVE, RELATIONS  # noqa: F401  (the chain's vocabulary)


def _chained(case):
    """True if ``case`` records its handling chain (and offers its relation tokens)."""
    return bool(getattr(case, "chain_record", ())) and hasattr(case, "relation_tokens")


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
    """The units standing in ``relation`` to ``case`` (a list, in chain order; ``above``:
    nearest first)."""
    if _chained(case):
        from portal.cases import chain
        if relation == ABOVE:
            paths = sorted({p for p, r in case.relation_tokens() if r == ABOVE}, key=len,
                           reverse=True)
        else:
            paths = chain.units_in(case, relation)
        return [u for u in (chain.resolve(case, p) for p in paths) if u is not None]
    return _stored_units_in(case, relation)


def _stored_units_in(case, relation):
    registering = _unit(case, getattr(case, "registering_unit", None))
    responsible = _unit(case, getattr(case, "responsible_unit", None))
    if relation == "registering":
        return [registering] if registering is not None else []
    if relation == "responsible":
        return [responsible] if responsible is not None else []
    if relation in ("assigning", "review_body"):
        return [registering] if responsible is not None and registering is not None else []
    if relation == ABOVE:
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
    if _chained(case):
        from portal.cases.chain import user_relation_roles
        return user_relation_roles(request, case)
    cache = request.__dict__.setdefault("_portal_held_relations", {})
    key = (id(case), getattr(case, "workflow_state", None), getattr(case, "responsible_unit", None))
    if key in cache:
        return cache[key]
    principals = frozenset(p for p in request.user_principals if not p.startswith("system."))
    result = set()
    if principals and request.has_permission("view", case):  # the shield denies everything
        for relation in RELATIONS:
            for unit in _stored_units_in(case, relation):
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
