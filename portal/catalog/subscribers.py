"""Keep the catalog in step with the tree: the side effects of resource and security events."""

from pyramid.traversal import find_root, resource_path

from portal.resources.events import ObjectAdded, ObjectModified, ObjectMoved, ObjectWillBeRemoved
from portal.security.localroles import LocalRolesModified

from .catalog import (
    LOCATION_INDEXES,
    index_object,
    reindex_object,
    resolve,
    subtree_docids,
    unindex_object,
    walk,
)
from .relations import RELATION_INDEXES


def _site_of(obj):
    site = find_root(obj)
    return site if hasattr(site, "catalog") else None


def on_added(event):
    site = _site_of(event.object)
    if site is not None:
        for node in walk(event.object):
            index_object(node, site)


def on_will_be_removed(event):
    site = _site_of(event.object)
    if site is not None:
        for node in walk(event.object):
            unindex_object(node, site)


def reindex_subtree(node, indexes):
    """Reindex ``indexes`` for ``node`` and everything below it whose security follows the
    grants above it (``grants_path``): never a case or what a case holds, whose access is
    derived from its related units. Returns how many objects were reindexed."""
    site = _site_of(node)
    if site is None:
        return 0
    count = 0
    for docid in subtree_docids(site, resource_path(node) or "/", "grants_path"):
        obj = resolve(site, docid)
        if obj is not None:
            reindex_object(obj, indexes, site)
            count += 1
    return count


def on_moved(event):
    # The path index still holds the old paths, so walk the objects, not the index.
    site = _site_of(event.object)
    if site is not None:
        for node in walk(event.object):
            reindex_object(node, LOCATION_INDEXES, site)


def on_local_roles_modified(event):
    """A grant, revoke or block on a node: reindex what inherits grants below it. Cases are
    untouched by a grant (their tokens name no principal); a block changes which ancestors'
    grants reach the units below it, so the cases related to the node are reindexed then."""
    reindex_subtree(event.object, ("allowed", "worklist_tokens"))
    site = _site_of(event.object)
    if site is not None:
        reindex_object(event.object, ("local_principals",))
        if getattr(event, "block_changed", False):
            reindex_related(site, resource_path(event.object) or "/")


def reindex_related(site, unit_path):
    """Reindex the relation indexes of the cases related to ``unit_path``'s subtree."""
    count = 0
    for docid in subtree_docids(site, unit_path, "relation_paths"):
        obj = resolve(site, docid)
        if obj is not None:
            reindex_object(obj, RELATION_INDEXES, site)
            count += 1
    return count


def on_modified(event):
    site = _site_of(event.object)
    if site is not None:
        reindex_object(event.object, event.indexes, site)


def includeme(config):
    config.add_subscriber(on_added, ObjectAdded)
    config.add_subscriber(on_will_be_removed, ObjectWillBeRemoved)
    config.add_subscriber(on_moved, ObjectMoved)
    config.add_subscriber(on_local_roles_modified, LocalRolesModified)
    config.add_subscriber(on_modified, ObjectModified)
