"""Which units stand in which relation to a case, and in which relations a user acts on it.

The document rules of a workflow (``[parties]`` in ``workflows/case.toml``) name relations --
``registering`` (the unit that registered the case), ``assigning`` (the unit that handed it to
the current responsible unit), ``responsible`` (the unit handling it), ``reviewing``, the review
bodies -- and roles. The documents ask only these functions, which read the case's handling
chain (``portal.cases.chain``, ``portal.security.relations``):

* :func:`units_in` -- the units in a relation to a case (for "由 中原区第一中学 起草");
* :func:`held` -- the ``(relation, role)`` pairs the requesting user holds on a case: a role
  granted to them on a unit in that relation (a grant on an ancestor of a related unit counts
  as ``above``, never as the relation itself), none at all if the case shields itself from
  them (a whistle-blowing case and the people of the unit it reports on);
* :func:`acting_unit` -- the unit through which the user holds a role in a relation (a signed
  document takes that unit's 文号).
"""

from portal.cases import chain
from portal.security.localroles import local_roles
from portal.security.relations import ABOVE, RELATIONS  # noqa: F401  (the chain's vocabulary)


def units_in(case, relation):
    """The units standing in ``relation`` to ``case`` (a list, in chain order; ``above``:
    nearest first)."""
    if not hasattr(case, "relation_tokens"):
        return []
    if relation == ABOVE:
        paths = sorted({p for p, r in case.relation_tokens() if r == ABOVE}, key=len, reverse=True)
    else:
        paths = chain.units_in(case, relation)
    return [u for u in (chain.resolve(case, p) for p in paths) if u is not None]


def unit_title(case, relation):
    """The title of the (first) unit in ``relation`` to ``case``, or ''."""
    units = units_in(case, relation)
    return units[0].title if units else ""


def held(request, case):
    """``{(relation, role)}`` the requesting user holds on ``case`` now (see module docstring)."""
    return chain.user_relation_roles(request, case)


def acting_unit(request, case, relation, roles):
    """The unit through which the user holds one of ``roles`` in ``relation``, or None."""
    principals = frozenset(request.user_principals)
    for unit in units_in(case, relation):
        for principal, granted in local_roles(unit).items():
            if principal in principals and set(granted) & set(roles):
                return unit
    return None
