"""The public area's permission and root resource.

``VIEW_PUBLIC`` is the only permission public views name. It is granted to ``Everyone`` by
the ACL of :class:`PublicArea`, the root the ``public`` route's factory returns; nothing in the
organisation tree grants it, and :class:`PublicArea` has no children, so a view registered on
the public route can never be handed a case, a unit or any stored object by traversal.
"""

from pyramid.authorization import DENY_ALL, Allow, Everyone

from portal.security.permissions import VIEW_PUBLIC  # noqa: F401  (re-exported)


class PublicArea:
    """The root of ``/public/``: no parent, no children, one ACL entry for everyone.

    Views hang on it by name (``/public/progress``, ``/public/query`` ...); whatever follows
    the view name is the subpath (``/public/progress/<key>``).
    """

    __name__ = ""
    __parent__ = None
    __acl__ = ((Allow, Everyone, VIEW_PUBLIC), DENY_ALL)
    title = "郑州市教育局信访信息公开"

    def __init__(self, request=None):
        self.request = request


def public_root_factory(request):
    return PublicArea(request)
