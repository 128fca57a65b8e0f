"""Listings of objects that derive access from related units (cases), answered inside the index.

A case is indexed under ``<unit path>|<relation>|<state>`` for each of its relation tokens
(``portal.security.relations``): its related units and the ancestors whose grants reach them.
Tokens name no principal and no role, so nothing about a case changes when someone is granted
or revoked a role on a unit, and nothing is reindexed. A listing asks for the tokens a user's
own grants (few) produce for a permission: for each state and each ``relation:role`` the
state's map gives that permission to, the grants holding that role, on any unit. One ``Any``
over those tokens is exactly the set the security policy would allow.

The shield (a whistle-blowing case and the unit it reports on) is indexed as ``path:<p>`` and
user principals in ``shielded``; a listing drops the cases whose shield meets one of the user's
grant paths (or an ancestor of one) or the user.
"""

from hypatia.query import Any, Query

from portal.security.principals import user_principal
from portal.security.relations import ABOVE, grants_of

SEPARATOR = "|"
RELATION_INDEXES = ("relations", "relation_paths", "shielded")


def token(path, relation, state):
    return f"{path}{SEPARATOR}{relation}{SEPARATOR}{state}"


def ancestors_or_self(path):
    """``/a/b`` -> ``['/a/b', '/a', '/']``."""
    out = [path]
    while path not in ("", "/"):
        path = path.rsplit("/", 1)[0] or "/"
        out.append(path)
    return out


def shield_keys(shield):
    paths, userids = shield
    return [f"path:{p}" for p in paths] + [user_principal(u) for u in userids]


class Without(Query):
    """The docids of ``query`` minus those of ``excluded`` (a small set: the shielded cases a
    user meets), computed as one difference instead of hypatia's NotAny over every docid."""

    def __init__(self, query, excluded):
        self.query = query
        self.excluded = excluded
        self.index = excluded.index

    def iter_children(self):
        return (self.query, self.excluded)

    def _optimize(self):
        return Without(self.query._optimize(), self.excluded._optimize())

    def _apply(self, names):
        result = self.query._apply(names)
        if not len(result):
            return result
        excluded = self.excluded._apply(names)
        if not len(excluded):
            return result
        return self.family.IF.difference(result, excluded)

    def negate(self):  # pragma: no cover - never negated
        raise NotImplementedError

    def execute(self, optimize=True, names=None, resolver=None):
        query = self._optimize() if optimize else self
        return self.index.resultset_from_query(query, names=names, resolver=resolver)

    def __str__(self):
        return "Without"


def permission_tokens(grants, workflow, permission, states=None):
    """The index tokens ``grants`` reach for ``permission`` in ``states`` (all by default)."""
    out = {}
    for state_id in states or workflow.states:
        holders = workflow.states[state_id].holders(permission)
        for g in grants:
            for relation, role in holders:
                if relation is not None and role in g.roles:
                    out[token(g.path, relation, state_id)] = None
    return list(out)


def permitted_query(request, workflow, permission, states=None, grants=None):
    """A query for the objects of ``workflow`` (a relations workflow) on which the signed-in user
    holds ``permission`` (optionally only in ``states``), shielded ones left out; None when the
    user's grants reach nothing."""
    site = request.root
    grants = grants_of(request) if grants is None else grants
    tokens = permission_tokens(grants, workflow, permission, states)
    if not tokens:
        return None
    query = Any(site.catalog["relations"], tokens)
    return without_shielded(request, query, grants)


def without_shielded(request, query, grants=None):
    site = request.root
    grants = grants_of(request) if grants is None else grants
    keys = {f"path:{p}" for g in grants for p in ancestors_or_self(g.path)}
    if request.authenticated_userid:
        keys.add(user_principal(request.authenticated_userid))
    if not len(site.catalog["shielded"].applyAny(sorted(keys))):
        return query
    return Without(query, Any(site.catalog["shielded"], sorted(keys)))


def relational_workflows(request):
    from portal.workflow.engine import WORKFLOWS_KEY

    return [wf for wf in request.registry[WORKFLOWS_KEY].values() if wf.access == "relations"]


def viewable_query(request):
    """What the user may view: the ``allowed`` index for everything that inherits grants, or
    the relation tokens for objects that derive access from related units."""
    from portal.catalog.catalog import allowed_query
    from portal.security.permissions import VIEW

    query = allowed_query(request.root, request.user_principals)
    for wf in relational_workflows(request):
        q = permitted_query(request, wf, VIEW)
        if q is not None:
            query = query | q
    return query


# -- discriminators (module-level: the indexes pickle them) ------------------------------------


def relations(obj, default):
    """``<path>|<relation>|<state>`` for an object that derives access from related units."""
    method = getattr(obj, "relation_tokens", None)
    state = getattr(obj, "workflow_state", None)
    if method is None or state is None:
        return default
    return sorted(token(p, r, state) for p, r in method()) or default


def relation_paths(obj, default):
    """Every related unit's path and its ancestors' (a unit's ledger lists the cases related to
    its subtree)."""
    method = getattr(obj, "relation_tokens", None)
    if method is None:
        return default
    paths = set()
    for path, relation in method():
        if relation != ABOVE:
            paths.update(ancestors_or_self(path))
    return sorted(paths) or default


def shielded(obj, default):
    method = getattr(obj, "shield", None)
    if method is None or not hasattr(obj, "relation_tokens"):
        return default
    return shield_keys(method()) or default
