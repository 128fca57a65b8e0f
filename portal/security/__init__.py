"""Security: permissions, roles as data, local roles inherited down the tree, the policy."""

from pyramid.interfaces import ISecurityPolicy

from .permissions import ALL as ALL_PERMISSIONS  # noqa: F401
from .roles import ROLES, validate_roles


def _user_principals(request):
    return request.registry.getUtility(ISecurityPolicy).user_principals(request)


def includeme(config):
    """Install the security policy and ``request.user_principals``; validate the role table."""
    config.include(".evolution")
    from portal.identity.session import load_identity

    from .policy import PortalSecurityPolicy

    validate_roles(ROLES)
    policy = PortalSecurityPolicy(load_identity)
    config.set_security_policy(policy)
    config.add_request_method(_user_principals, "user_principals", reify=True)
    config.include(".headers")
    config.include(".throttle")
    config.include(".limits")
