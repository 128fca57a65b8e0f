"""The roles of DOMAIN.md as data: their Chinese titles, permissions, and who may grant them.

The site root's ACL is generated from this table (``root_acl``), so node ACLs name roles and
never users; which user holds which role where is kept in local roles on the nodes.
"""

from dataclasses import dataclass
from functools import lru_cache

from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow, Authenticated, Everyone

from portal.i18n import _

from . import permissions as P
from .principals import role_principal

CASE_WORK = (
    P.REGISTER_CASE,
    P.ACCEPT_CASE,
    P.ASSIGN_CASE,
    P.HANDLE_CASE,
    P.CONCLUDE_CASE,
    P.SUPERVISE_CASE,
    P.REVIEW_REPORT,
    P.PUBLISH_CASE,
    P.VIEW_IDENTITY,
)
# 第六章至第九章: the petition office assesses decisions' risks, keeps the emergency plan,
# assesses and holds lower units to account, and rectifies what it is told to.
PETITION_OFFICE_WORK = (
    P.ASSESS_DECISION,
    P.MANAGE_EMERGENCY,
    P.ASSESS,
    P.ISSUE_RECTIFICATION,
    P.RECTIFY,
    P.PLAN_BACKLOG,
)


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    permissions: tuple
    grant_permission: str
    description: str = ""

    @property
    def principal(self):
        return role_principal(self.id)


ROLES = {
    r.id: r
    for r in (
        Role("site_admin", _("系统管理员"), ("*",), P.DELEGATE_ADMIN, _("维护机构树、账号、权限和系统设置")),
        Role(
            "petition_head",
            _("信访处（科）负责人"),
            (P.VIEW, P.MANAGE_UNITS, P.MANAGE_SHARING, P.DELEGATE_STAFF, P.INSTRUCT_CASE)
            + CASE_WORK
            + PETITION_OFFICE_WORK,
            P.DELEGATE_ADMIN,
            _("负责本级信访工作，管理下级机构和人员授权"),
        ),
        Role(
            "petition_officer",
            _("信访工作人员"),
            (P.VIEW,) + CASE_WORK + PETITION_OFFICE_WORK,
            P.DELEGATE_STAFF,
            _("登记、交办、催办、督办信访事项，汇总报表"),
        ),
        Role(
            "principal_leader",
            _("主要领导"),
            (P.VIEW, P.INSTRUCT_CASE, P.VIEW_IDENTITY, P.ASSESS_DECISION, P.ACTIVATE_PLAN),
            P.DELEGATE_STAFF,
            _("第一责任人，阅批信访件，包案"),
        ),
        Role(
            "leader_in_charge",
            _("分管领导"),
            (P.VIEW, P.INSTRUCT_CASE, P.VIEW_IDENTITY, P.ASSESS_DECISION),
            P.DELEGATE_STAFF,
            _("分管信访工作，直接责任人"),
        ),
        Role(
            "leader",
            _("其他领导"),
            (P.VIEW, P.INSTRUCT_CASE),
            P.DELEGATE_STAFF,
            _("一岗双责，负责分管领域的信访工作"),
        ),
        Role(
            "department_handler",
            _("业务处（科）室工作人员"),
            (P.VIEW, P.HANDLE_CASE, P.REVIEW_CASE, P.ASSESS_DECISION),
            P.DELEGATE_STAFF,
            _("办理本领域信访事项，审核处理意见"),
        ),
        Role(
            "unit_liaison",
            _("单位信访工作人员"),
            (P.VIEW, P.HANDLE_CASE, P.FILE_REPORT, P.ASSESS_DECISION, P.MANAGE_EMERGENCY, P.RECTIFY),
            P.DELEGATE_STAFF,
            _("办理交办事项，填报月报表、零报告和重大事项报告"),
        ),
        Role("assessor", _("考评人员"), (P.VIEW, P.ASSESS), P.DELEGATE_STAFF, _("年度考评")),
    )
}


def role_permissions(role_id):
    perms = ROLES[role_id].permissions
    return P.ALL if perms == ("*",) else frozenset(perms)


def roles_with_permission(permission):
    return tuple(r for r in ROLES if permission in role_permissions(r))


@lru_cache(maxsize=1)
def root_acl():
    """The ACL of the site root: one Allow per role, then what everyone signed in may do.

    Built once (the role table is frozen); every permission check reads it. A tuple, so no
    caller can change it in place.
    """
    acl = []
    for role in ROLES.values():
        perms = ALL_PERMISSIONS if role.permissions == ("*",) else role.permissions
        acl.append((Allow, role.principal, perms))
    acl.append((Allow, Authenticated, (P.VIEW_HOME,)))
    acl.append(DENY_ALL)
    return tuple(acl)


def validate_roles(roles=ROLES):
    """Raise ``ValueError`` for a role naming a permission that ``permissions`` does not declare."""
    problems = []
    for role in roles.values():
        for perm in role.permissions + (role.grant_permission,):
            if perm != "*" and perm not in P.ALL:
                problems.append(f"{role.id}: {perm}")
    if problems:
        raise ValueError("roles name unknown permissions: " + ", ".join(problems))


__all__ = ["ROLES", "Role", "root_acl", "role_principal", "Everyone"]
