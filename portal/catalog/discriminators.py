"""What each index stores for an object. Module-level functions: the indexes pickle them.

Each returns ``default`` when the object has nothing to say, so it stays out of that index.
"""

from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.traversal import resource_path

from portal.i18n import plain
from portal.security.localroles import effective_grants, local_roles
from portal.security.permissions import VIEW
from portal.security.principals import role_principal
from portal.security.relations import relational_object

from .relations import relation_paths, relations, shielded  # noqa: F401  (indexes name them here)


def type_name(obj, default):
    return getattr(obj, "type_name", default)


def path(obj, default):
    """Every ancestor path of ``obj`` and its own: query ``Eq(path, '/x')`` for a subtree."""
    paths = []
    node = obj
    while node is not None:
        paths.append(resource_path(node) or "/")
        node = node.__parent__
    return paths


def grants_path(obj, default):
    """Like ``path``, but only for objects whose ``allowed`` principals follow the grants above
    them: a grant, revoke or block reindexes exactly these (``Eq(grants_path, node)``). Objects
    that derive access from related units (cases and what they hold) are left out."""
    if relational_object(obj) is not None:
        return default
    return path(obj, default)


def parent_path(obj, default):
    parent = getattr(obj, "__parent__", None)
    return resource_path(parent) if parent is not None else default


def kind(obj, default):
    return getattr(obj, "kind", default)


def state(obj, default):
    s = getattr(obj, "workflow_state", None)
    if s is not None:
        return s
    active = getattr(obj, "active", None)
    if active is None:
        return default
    return "active" if active else "inactive"


def title(obj, default):
    """The title as a plain ``str``: a document's title is its type's marked title (a
    ``TranslationString``), indexed as its Chinese text so that the index stores no
    ``TranslationString`` and sorts and compares the same in every process."""
    value = getattr(obj, "title", None)
    return default if value is None else plain(value)


def sort_key(obj, default):
    """Units in the order of their kind's declaration, then the city's order, then by key
    (``portal.resources.order``)."""
    if getattr(obj, "kind", None) is None:
        return default
    from portal.resources.order import sort_text

    return sort_text(obj)


def created(obj, default):
    return getattr(obj, "created", default)


def modified(obj, default):
    """Retired (evolve step 22); kept because databases from before it pickled a reference."""
    return getattr(obj, "modified", default)


def text(obj, default):
    method = getattr(obj, "searchable_text", None)
    if method is not None:
        return method()
    parts = [getattr(obj, "title", ""), getattr(obj, "code", "")]
    joined = " ".join(p for p in parts if p)
    return joined or default


def text_terms(obj, default):
    """The distinct terms of ``text(obj)`` (CJK bigrams, words), for the text index."""
    from .splitter import terms

    value = text(obj, None)
    if not value:
        return default
    return list(dict.fromkeys(terms(value))) or default


def allowed(obj, default):
    """Principals that may view ``obj``: who the listing filter intersects with the user's.

    Computed from the object's ACL chain and the grants that apply to it, so a grant, revoke,
    block or move must reindex the subtree (see ``portal.catalog.subscribers``). Objects that
    derive access from related units (cases, and what they hold) are not here: listings find
    them through ``relations`` (``portal.catalog.relations``).
    """
    if getattr(obj, "__parent__", None) is None and not hasattr(obj, "catalog"):
        return default
    if relational_object(obj) is not None:
        return default
    grants = effective_grants(obj)
    if _only_the_root_acl(obj):  # most units and what they hold: the role table decides
        view_roles = _roles_that_view()
        return [p for p, roles in grants.items() if roles & view_roles] or default
    return allowed_by_acl(obj, grants) or default


def allowed_by_acl(obj, grants):
    """The principals among ``grants`` (and Everyone, Authenticated) the ACLs let view ``obj``."""
    helper = ACLHelper()
    result = [p for p in (Everyone, Authenticated) if helper.permits(obj, [p], VIEW)]
    for principal, roles in grants.items():
        if helper.permits(obj, _as_user(principal, roles), VIEW):
            result.append(principal)
    return result


def _only_the_root_acl(obj):
    """No ACL in ``obj``'s lineage but the root's, which is ``roles.root_acl()``."""
    from portal.security.roles import root_acl

    node = obj
    while node is not None:
        acl = getattr(node, "__acl__", None)
        if node.__parent__ is None:
            return acl is root_acl()
        if acl is not None:
            return False
        node = node.__parent__
    return False


def _roles_that_view():
    """Roles the root ACL lets view (it lets neither Everyone nor Authenticated view)."""
    from portal.security.roles import ROLES, role_permissions

    return frozenset(r for r in ROLES if VIEW in role_permissions(r))


def _as_user(principal, roles):
    """The principals the security policy would check for a user holding ``roles`` through
    ``principal``: Everyone and Authenticated included, so that an ACL's ``Deny Everyone``
    (a workflow state withholding a permission) applies here exactly as it does on a request."""
    return [Everyone, Authenticated, principal] + [role_principal(r) for r in sorted(roles)]


def local_principals(obj, default):
    """Principals granted roles on ``obj`` itself (find the units a user acts for)."""
    return list(local_roles(obj)) or default


def deadline_due(obj, default):
    """The earliest due date among the object's open deadlines (``obj.deadlines``: name ->
    ``portal.deadlines.Deadline``), for the sweep and for worklists ordered by deadline."""
    deadlines = getattr(obj, "deadlines", None)
    if not deadlines:
        return default
    dues = [d.due.due_date for d in deadlines.values() if getattr(d, "is_open", False)]
    return min(dues) if dues else default


def workflow_id(obj, default):
    """Retired (evolve step 22); kept because databases from before it pickled a reference."""
    return getattr(obj, "workflow_id", default)


def channel(obj, default):
    return getattr(obj, "channel", None) or default


def received_on(obj, default):
    return getattr(obj, "received_on", None) or default


def owner(obj, default):
    return getattr(obj, "owner", None) or default


def responsible_unit(obj, default):
    return getattr(obj, "responsible_unit", None) or default


def level_skipping(obj, default):
    value = getattr(obj, "level_skipping", None)
    return value if value and value != "none" else default


def identity_keys(obj, default):
    """Salted hashes of the petitioners' ID numbers and phones, for the same-matter check.

    The values themselves are never indexed; without the site's salt a hash reveals nothing.
    """
    method = getattr(obj, "identity_keys", None)
    return list(method()) or default if method is not None else default


def worklist_tokens(obj, default):
    """``<worklist>:<principal>`` for every principal who may act on ``obj`` in that worklist.

    Like ``allowed``, computed from the object's ACL and the grants that apply to it, so a
    user's to-do list is one catalog query (Any over their tokens), never a per-item check.
    """
    wf_id = getattr(obj, "workflow_id", None)
    if wf_id is None or relational_object(obj) is not None:
        return default
    from pyramid.threadlocal import get_current_registry

    workflows = get_current_registry().get("portal.workflows") or {}
    wf = workflows.get(wf_id)
    if wf is None:
        return default
    helper = ACLHelper()
    grants = effective_grants(obj)
    tokens = []
    for wl in wf.worklists.values():
        if obj.workflow_state not in wl.states:
            continue
        for principal, roles in grants.items():
            if helper.permits(obj, _as_user(principal, roles), wl.permission):
                tokens.append(f"{wl.id}:{principal}")
    return tokens or default
