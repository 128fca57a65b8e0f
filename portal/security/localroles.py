"""Local roles: principal -> roles granted on one node, inherited by every node below it.

A node keeps its grants in ``__local_roles__`` (an OOBTree of principal -> sorted tuple of role
ids). A node whose ``__block_inheritance__`` is true starts afresh: grants above it do not apply.
Only the functions here change those attributes, and each change sends ``LocalRolesModified``
so that the catalog reindexes the subtree.
"""

from BTrees.OOBTree import OOBTree
from pyramid.threadlocal import get_current_registry

from .principals import userid_of
from .roles import ROLES


class LocalRolesModified:
    """The grants on ``object`` (and so on its whole subtree) changed; ``block_changed`` when
    it was its inheritance block."""

    def __init__(self, obj, block_changed=False):
        self.object = obj
        self.block_changed = block_changed


def _notify(obj, registry, block_changed=False):
    (registry or get_current_registry()).notify(LocalRolesModified(obj, block_changed))


def local_roles(node):
    """The grants made on ``node`` itself: a dict principal -> tuple of role ids."""
    stored = getattr(node, "__local_roles__", None)
    return dict(stored.items()) if stored else {}


def people_with(node, roles):
    """Userids granted any of ``roles`` on ``node`` itself (groups skipped), sorted."""
    roles = frozenset(roles)
    found = (userid_of(p) for p, granted in local_roles(node).items() if roles & set(granted))
    return sorted(u for u in found if u)


def lineage_until_block(node):
    """``node`` and its ancestors whose grants apply to it, nearest first."""
    while node is not None:
        yield node
        if getattr(node, "__block_inheritance__", False):
            return
        node = node.__parent__


def effective_grants(node):
    """All grants that apply on ``node``: principal -> frozenset of role ids."""
    result = {}
    for n in lineage_until_block(node):
        for principal, roles in local_roles(n).items():
            result[principal] = result.get(principal, frozenset()) | frozenset(roles)
    return result


def effective_roles(node, principals, cache=None):
    """The roles that any of ``principals`` hold on ``node`` (own grants plus inherited ones).

    ``cache`` (a dict kept for one request) memoises per node, so a listing of siblings walks
    their common ancestors once.
    """
    principals = frozenset(principals)
    if cache is not None:
        hit = cache.get(id(node))
        if hit is not None and hit[0] is node and hit[1] == principals:
            return hit[2]
    roles = set()
    stored = getattr(node, "__local_roles__", None)
    if stored:
        for p in principals:
            roles.update(stored.get(p, ()))
    parent = node.__parent__
    if parent is not None and not getattr(node, "__block_inheritance__", False):
        roles.update(effective_roles(parent, principals, cache))
    roles = frozenset(roles)
    if cache is not None:
        cache[id(node)] = (node, principals, roles)
    return roles


def grant(node, principal, role_id, registry=None):
    """Grant ``role_id`` to ``principal`` on ``node``; returns False if it was already granted."""
    if role_id not in ROLES:
        raise KeyError(role_id)
    if getattr(node, "__local_roles__", None) is None:
        node.__local_roles__ = OOBTree()
    current = tuple(node.__local_roles__.get(principal, ()))
    if role_id in current:
        return False
    node.__local_roles__[principal] = tuple(sorted(current + (role_id,)))
    _notify(node, registry)
    return True


def revoke(node, principal, role_id, registry=None):
    """Revoke ``role_id`` from ``principal`` on ``node``; returns False if it was not granted."""
    stored = getattr(node, "__local_roles__", None)
    current = tuple(stored.get(principal, ())) if stored else ()
    if role_id not in current:
        return False
    remaining = tuple(r for r in current if r != role_id)
    if remaining:
        stored[principal] = remaining
    else:
        del stored[principal]
    _notify(node, registry)
    return True


def set_block_inheritance(node, block, registry=None):
    block = bool(block)
    if getattr(node, "__block_inheritance__", False) == block:
        return False
    node.__block_inheritance__ = block
    _notify(node, registry, block_changed=True)
    return True
