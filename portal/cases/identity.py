"""Reading a petitioner's identity: masked for everyone, unmasked only with ``view_identity``,
and every unmasked view written to the audit log."""
from pyramid.traversal import resource_path

from portal.security.permissions import VIEW_IDENTITY

from .audit import get_audit_log
from .masking import masked


def masked_people(case):
    """Every person of the case (petitioner first), masked."""
    return [masked(p) for p in case.identity.people()]


def may_reveal(request, case):
    return bool(request.has_permission(VIEW_IDENTITY, case))


def reveal(request, case):
    """The unmasked people of ``case``; the caller must have checked ``may_reveal``.

    Records who looked, when, at which case and from where — before returning anything.
    """
    if not may_reveal(request, case):
        raise PermissionError("view_identity")
    get_audit_log(request.root).record(request.authenticated_userid, resource_path(case),
                                       case.number, ("name", "id_number", "phone", "address"),
                                       request.client_addr or "")
    return [dict(p) for p in case.identity.people()]
