"""Roles that follow from how an object relates to units: relations instead of copied grants.

An object whose access follows from the units related to it (a case: its registering unit, the
units that handed it on, its responsible unit; see ``portal.cases.chain``) offers two methods:

* ``relation_tokens()``: a frozenset of ``(unit path, relation)`` pairs -- each related unit with
  each of its relations, plus ``(path, "above")`` for every ancestor of a related unit whose
  grants reach that unit (up to and including a unit that blocks inheritance);
* ``shield()``: ``(paths, userids)``. People granted on one of ``paths`` or anywhere below it,
  and the people ``userids`` names, never act on the object, whatever relation they would have
  had (a whistle-blowing case and the unit it reports on).

The security policy gives a signed-in user, on such an object and on everything inside it (its
documents), ``relation:<relation>:<role>`` and ``role:<role>`` for each of their *current*
grants (a role on a unit) whose unit path meets a token; and ``SHIELDED`` when the shield applies
(the object denies that principal everything first). Workflow state maps name relation
principals (``responsible:unit_liaison``), so nothing is ever copied onto the object: a grant or
revoke on a unit changes at once what its people may do. The catalog indexes the same tokens
(``portal.catalog.relations``) and queries them with the user's grants, so listings agree with
the policy without reindexing anything when a grant changes.
"""

from dataclasses import dataclass

from pyramid.traversal import resource_path

from portal.i18n import _

from .localroles import lineage_until_block, local_roles
from .principals import SHIELDED, relation_principal, role_principal, userid_of

#: The relations a unit can have to a case, with their Chinese titles (GLOSSARY terms).
RELATIONS = {
    "registering": _("登记单位"),
    "supervising": _("督办单位"),  # handed the case on earlier: supervises the units below
    "assigning": _("交办单位"),  # handed the case to the current responsible unit
    "responsible": _("承办单位"),
    "assisting": _("协办单位"),
    "reviewing": _("审核处（科）室"),  # the business department that reviews the handling opinion
    "review_body": _("复查机关"),
    "rereview_body": _("复核机关"),
    "above": _("上级单位"),  # derived: an ancestor of a related unit (never stored)
}
ABOVE = "above"


@dataclass(frozen=True)
class Grant:
    """Roles granted on one node to any of a user's principals."""

    path: str
    roles: frozenset


def path_of(node):
    return resource_path(node) or "/"


def tokens_of(related):
    """``(path, relation)`` pairs for ``related`` units -- an iterable of ``(unit, relations)``
    -- and ``(ancestor path, "above")`` for every ancestor whose grants reach a related unit."""
    tokens = set()
    for unit, relations in related:
        lineage = list(lineage_until_block(unit))
        tokens.update((path_of(unit), r) for r in relations)
        tokens.update((path_of(node), ABOVE) for node in lineage[1:])
    return frozenset(tokens)


def grants_on(node, principals):
    """The roles any of ``principals`` hold on ``node`` itself (not inherited)."""
    roles = set()
    for principal, granted in local_roles(node).items():
        if principal in principals:
            roles.update(granted)
    return frozenset(roles)


#: Registry key of the finder of grants: ``find(site, principals)`` returns the nodes of ``site``
#: on which any of ``principals`` holds local roles. The catalog sets it (``portal.catalog.grants``:
#: its ``local_principals`` index), so that security, below the catalog, imports none of it.
GRANTED_NODES = "portal.security.granted_nodes"


def grants_of(request):
    """The signed-in user's grants: one ``Grant`` per node where any of their principals holds
    roles, found through the catalog's ``local_principals`` index; computed once per request."""
    cache = request.__dict__
    if "_portal_grants" not in cache:
        cache["_portal_grants"] = _load_grants(request)
    return cache["_portal_grants"]


def _load_grants(request):
    principals = frozenset(p for p in request.user_principals if not p.startswith("system."))
    if not principals:
        return ()
    from portal.storage import get_site

    site = get_site(request)
    nodes = request.registry[GRANTED_NODES](site, principals)
    grants = (Grant(path_of(n), grants_on(n, principals)) for n in nodes)
    return tuple(sorted((g for g in grants if g.roles), key=lambda g: g.path))


def roles_through(tokens, grants):
    """``{(relation, role)}`` a user with ``grants`` holds through ``tokens``."""
    by_path = {}
    for path, relation in tokens:
        by_path.setdefault(path, []).append(relation)
    return frozenset(
        (relation, role) for g in grants for relation in by_path.get(g.path, ()) for role in g.roles
    )


def within(path, ancestor):
    """True when ``path`` is ``ancestor`` or below it."""
    return path == ancestor or ancestor == "/" or path.startswith(ancestor.rstrip("/") + "/")


def is_shielded(shield, grants, userid):
    """Does ``shield`` (``(paths, userids)``) keep this user away?"""
    paths, userids = shield
    if userid is not None and userid in userids:
        return True
    return any(within(g.path, p) for g in grants for p in paths)


def relational_object(context):
    """The nearest object in ``context``'s lineage that derives access from relations, or None."""
    node = context
    while node is not None:
        if hasattr(node, "relation_tokens"):
            return node
        node = getattr(node, "__parent__", None)
    return None


def relation_principals(request, obj, userid):
    """The principals the policy adds on ``obj`` (and inside it) for the signed-in user."""
    tokens = obj.relation_tokens()
    cache = request.__dict__.setdefault("_portal_relation_cache", {})
    hit = cache.get(id(obj))
    if hit is not None and hit[0] is obj and hit[1] == tokens:
        return hit[2]
    grants = grants_of(request)
    if is_shielded(obj.shield(), grants, userid):
        principals = [SHIELDED]
    else:
        held = roles_through(tokens, grants)
        principals = sorted(
            {relation_principal(rel, role) for rel, role in held}
            | {role_principal(role) for _rel, role in held}
        )
    cache[id(obj)] = (obj, tokens, principals)
    return principals


def people_in_relation(obj, wanted):
    """Userids whose grants give them any of ``wanted`` (``{(relation, role)}``) on ``obj``
    now, shielded people left out; groups are skipped (they cannot be notified)."""
    from pyramid.traversal import find_resource

    root = obj
    while root.__parent__ is not None:
        root = root.__parent__
    wanted = frozenset(wanted)
    shield_paths, shield_users = obj.shield()
    by_path = {}
    for path, relation in obj.relation_tokens():
        by_path.setdefault(path, set()).add(relation)
    found = set()
    for path, relations in by_path.items():
        try:
            node = find_resource(root, path)
        except KeyError:
            continue
        for principal, roles in local_roles(node).items():
            userid = userid_of(principal)
            if userid is None or userid in shield_users:
                continue
            if any((rel, role) in wanted for rel in relations for role in roles):
                found.add(userid)
    if shield_paths and found:
        found = {u for u in found if not _granted_within(root, u, shield_paths)}
    return sorted(found)


def _granted_within(root, userid, paths):
    from pyramid.threadlocal import get_current_registry

    from .principals import user_principal

    nodes = get_current_registry()[GRANTED_NODES](root, [user_principal(userid)])
    return any(within(path_of(n), p) for n in nodes for p in paths)
