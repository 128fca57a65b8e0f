"""Assigning a case down the tree (交办): who may be chosen, and the roles that follow the case.

On assignment to unit U, every principal granted roles directly on U receives those roles on
the case itself (and nowhere else); a reassignment first takes back what the previous
assignment gave. A whistle-blowing case (举报) can never go to the unit it reports on, nor to
any unit above or below it.
"""
from pyramid.traversal import find_resource, resource_path

from portal.security import localroles

ASSIGNABLE_ROLES = ("petition_officer", "petition_head", "department_handler", "unit_liaison")


class AssignmentRefused(Exception):
    """``str()`` is the Chinese reason."""


def _related(path_a, path_b):
    a, b = path_a.rstrip("/") + "/", path_b.rstrip("/") + "/"
    return a.startswith(b) or b.startswith(a)


def check_target(case, assigner_unit_path, target):
    """Raise ``AssignmentRefused`` unless ``target`` may receive ``case``."""
    target_path = resource_path(target) or "/"
    if getattr(target, "type_name", None) != "unit":
        raise AssignmentRefused("只能交办给机构")
    if not target.active:
        raise AssignmentRefused(f"“{target.title}”已停用，不能交办")
    base = assigner_unit_path.rstrip("/") + "/"
    if not (target_path + "/").startswith(base) or target_path == assigner_unit_path:
        raise AssignmentRefused("只能交办给本机构的下级机构或处（科）室")
    if case.reported_unit and _related(target_path, case.reported_unit):
        raise AssignmentRefused("举报类信访事项不能交办给被举报单位或其上下级")
    if case.responsible_unit == target_path:
        raise AssignmentRefused(f"该事项已交办给“{target.title}”")


def assign(case, target, registry=None):
    """Move the case's assignment grants to ``target``'s people; returns the grants made."""
    for principal, role in case.assignment_grants:
        localroles.revoke(case, principal, role, registry)
    grants = []
    for principal, roles in localroles.local_roles(target).items():
        if principal in case.reported_userids:
            continue
        for role in roles:
            if role in ASSIGNABLE_ROLES:
                if localroles.grant(case, principal, role, registry):
                    grants.append((principal, role))
    case.assignment_grants = tuple(grants)
    case.responsible_unit = resource_path(target) or "/"
    if getattr(case, "__docid__", None) is not None:  # the ledger's unit filter, on-time rates
        from portal.catalog import reindex_object
        reindex_object(case, ("responsible_unit",))
    return grants


def responsible_unit(case):
    if not case.responsible_unit:
        return None
    root = case
    while root.__parent__ is not None:
        root = root.__parent__
    try:
        return find_resource(root, case.responsible_unit)
    except KeyError:
        return None
