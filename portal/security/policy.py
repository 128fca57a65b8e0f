"""The Pyramid 2 security policy: session identity plus local roles expanded into principals.

``permits`` answers with Pyramid's ``ACLHelper`` over the context's lineage; the principals it
checks are the user's own (``Everyone``, ``Authenticated``, ``user:<userid>``, their groups) plus one
``role:<id>`` principal per local role the user holds on the context; and, on an object that
derives access from related units (a case) or inside one, the ``relation:<relation>:<role>``
principals of ``portal.security.relations`` computed from the user's current grants. Default
deny: the root ACL ends in ``DENY_ALL``.
"""

from pyramid.authorization import ACLHelper, Authenticated, Everyone

from .localroles import effective_roles
from .principals import role_principal, user_principal
from .relations import relation_principals, relational_object


class PortalSecurityPolicy:
    """Identity comes from ``identity_loader(request)`` (see ``portal.identity``)."""

    def __init__(self, identity_loader):
        self._load = identity_loader
        self._acl = ACLHelper()

    def identity(self, request):
        cache = request.__dict__
        if "_portal_identity" not in cache:
            cache["_portal_identity"] = self._load(request)
        return cache["_portal_identity"]

    def authenticated_userid(self, request):
        ident = self.identity(request)
        return ident.userid if ident is not None else None

    def user_principals(self, request):
        """The principals of the user regardless of context (for catalog queries)."""
        ident = self.identity(request)
        if ident is None:
            return [Everyone]
        return [Everyone, Authenticated, user_principal(ident.userid), *ident.groups]

    def effective_principals(self, request, context):
        principals = self.user_principals(request)
        if len(principals) > 1 and context is not None:
            cache = request.__dict__.setdefault("_portal_role_cache", {})
            principals = principals + [
                role_principal(r) for r in sorted(effective_roles(context, principals, cache))
            ]
            related = relational_object(context)
            if related is not None:
                extra = relation_principals(request, related, self.authenticated_userid(request))
                principals = principals + [p for p in extra if p not in principals]
        return principals

    def permits(self, request, context, permission):
        return self._acl.permits(context, self.effective_principals(request, context), permission)

    def remember(self, request, userid, **kw):
        from portal.identity.session import remember

        return remember(request, userid, **kw)

    def forget(self, request, **kw):
        from portal.identity.session import forget

        return forget(request)
