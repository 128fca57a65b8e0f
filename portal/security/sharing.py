"""The rules of the sharing page: who may grant what, and which changes are refused.

- A grantor may grant or revoke a role only where they hold that role's ``grant_permission``.
- No change may leave a node without any principal able to manage its sharing.
- Blocking inheritance (or revoking one's own grant) must not lock the grantor out.
Every refusal raises ``SharingRefused`` with a Chinese message for the user.
"""

from pyramid.authorization import ACLHelper, Authenticated, Everyone

from . import localroles
from .permissions import MANAGE_SHARING
from .principals import role_principal
from .roles import ROLES


class SharingRefused(Exception):
    """A sharing change broke a rule; ``str()`` is the Chinese reason."""


def grantable_roles(request, context):
    """Roles the current user may grant or revoke on ``context``, in table order."""
    return [r for r in ROLES.values() if request.has_permission(r.grant_permission, context)]


def _principal_can_manage(node, principal, roles):
    principals = [Everyone, Authenticated, principal] + [role_principal(r) for r in roles]
    return bool(ACLHelper().permits(node, principals, MANAGE_SHARING))


def managers(node):
    """Principals that hold, through local roles, the right to manage sharing on ``node``."""
    return sorted(
        p for p, roles in localroles.effective_grants(node).items() if _principal_can_manage(node, p, roles)
    )


def _check_still_managed(node, grantor_principals, check_grantor):
    if not managers(node):
        raise SharingRefused("此项修改会使本机构无人能够管理权限，已拒绝")
    if check_grantor:
        grants = localroles.effective_grants(node)
        mine = set()
        for p in grantor_principals:
            mine |= grants.get(p, frozenset())
        if not any(_principal_can_manage(node, p, mine) for p in grantor_principals):
            raise SharingRefused("此项修改会使您失去本机构的权限管理权，已拒绝")


def _require_grantable(request, context, role_id):
    role = ROLES.get(role_id)
    if role is None:
        raise SharingRefused("未知的角色")
    if not request.has_permission(role.grant_permission, context):
        raise SharingRefused(f"您无权授予或撤销“{role.title}”角色")
    return role


def grant(request, context, principal, role_id):
    """Grant after checking the grantor's right; returns False if nothing changed."""
    _require_grantable(request, context, role_id)
    return localroles.grant(context, principal, role_id, request.registry)


def _undoable(request, context, change, undo, check_grantor):
    """Apply ``change``; if the node would be left unmanaged (or the grantor locked out), undo."""
    if not change():
        return False
    principals = request.user_principals
    try:
        _check_still_managed(context, principals, check_grantor)
    except SharingRefused:
        undo()
        raise
    return True


def revoke(request, context, principal, role_id):
    """Revoke after checking the grantor's right and the management invariants."""
    _require_grantable(request, context, role_id)
    registry = request.registry
    return _undoable(
        request,
        context,
        lambda: localroles.revoke(context, principal, role_id, registry),
        lambda: localroles.grant(context, principal, role_id, registry),
        check_grantor=principal in request.user_principals,
    )


def set_block_inheritance(request, context, block):
    """Block or restore inheritance; blocking must leave the grantor able to manage the node."""
    if not request.has_permission(MANAGE_SHARING, context):
        raise SharingRefused("您无权修改本机构的权限继承")
    registry = request.registry
    return _undoable(
        request,
        context,
        lambda: localroles.set_block_inheritance(context, block, registry),
        lambda: localroles.set_block_inheritance(context, not block, registry),
        check_grantor=True,
    )
