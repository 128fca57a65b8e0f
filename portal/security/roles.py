"""The roles of DOMAIN.md as data: their Chinese titles, permissions, and who may grant them.

The site root's ACL is generated from this table (``root_acl``), so node ACLs name roles and
never users; which user holds which role where is kept in local roles on the nodes.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    P.WORK_ON_CASE,
    P.RAISE_CASE,
)
# 第六章至第九章: the petition office assesses decisions' risks, keeps the emergency plan,
# assesses and holds lower units to account, and rectifies what it is told to.
PETITION_OFFICE_WORK = (
    P.KEEP_DUTIES,
    P.SUBMIT_REPORTS,
    P.ASSESS_DECISION,
    P.MANAGE_EMERGENCY,
    P.ASSESS,
    P.ISSUE_RECTIFICATION,
    P.RECTIFY,
    P.PLAN_BACKLOG,
)


#: The groups a role may belong to (its ``kinds``); concerns ask the table for the roles of a
#: kind (:func:`role_ids`) instead of listing role ids of their own.
KINDS = {
    "admin": _("系统管理员"),
    "leader": "单位领导（主要领导、分管领导、其他领导）",
    "responsible_leader": "负有第一责任和直接责任的领导",
    "principal": "第一责任人（启动应急预案）",
    "office": "信访机构工作人员（负责人和工作人员）",
    "head": "信访机构负责人",
    "staff": "信访工作人员（信访机构和单位的）",
    "unit_staff": _("单位信访工作人员"),
    "handler": _("业务处（科）室工作人员"),
    "assessor": _("考评人员"),
}

#: Who may grant a role: staff roles need ``delegate_staff``, administrative ones ``delegate_admin``.
GRANT_PERMISSIONS = (P.DELEGATE_STAFF, P.DELEGATE_ADMIN)

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Role:
    """One row of the role table.

    ``permissions`` is what the role may do wherever it is granted (``("*",)``: everything);
    ``grant_permission`` what a person needs to grant or revoke it; ``kinds`` the groups of
    :data:`KINDS` it belongs to; ``fills`` the permission on a unit a holder needs to fill the
    registry's documents whose ``filled_by`` is this role, per document context (``None``: every
    other context), empty if no document names the role. A role that fills documents holds
    ``fill_documents`` (added here): the documents' write pages ask it, and
    ``portal.documents.policy`` decides which document and which step inside.
    """

    id: str
    title: str
    permissions: tuple
    grant_permission: str
    description: str = ""
    kinds: frozenset = frozenset()
    fills: Mapping = field(default_factory=dict)

    def __post_init__(self):
        if self.fills and self.permissions != ("*",) and P.FILL_DOCUMENTS not in self.permissions:
            object.__setattr__(self, "permissions", tuple(self.permissions) + (P.FILL_DOCUMENTS,))

    @property
    def principal(self):
        return role_principal(self.id)

    def fill_permission(self, context):
        """The permission on a unit needed to fill this role's documents of ``context``."""
        return self.fills.get(context, self.fills.get(None))


def _row(id, title, permissions, grant, description, kinds=(), fills=None):
    return Role(id, title, tuple(permissions), grant, description, frozenset(kinds), dict(fills or {}))


#: The role table: one row per role of DOMAIN.md, in the order pages list them.
ROLES = {
    r.id: r
    for r in (
        _row(
            "site_admin",
            _("系统管理员"),
            ("*",),
            P.DELEGATE_ADMIN,
            _("维护机构树、账号、权限和系统设置"),
            kinds=("admin",),
            fills={None: P.MANAGE_SITE},
        ),
        _row(
            "petition_head",
            _("信访处（科）负责人"),
            (P.VIEW, P.MANAGE_UNITS, P.MANAGE_SHARING, P.DELEGATE_STAFF, P.INSTRUCT_CASE)
            + CASE_WORK
            + PETITION_OFFICE_WORK,
            P.DELEGATE_ADMIN,
            _("负责本级信访工作，管理下级机构和人员授权"),
            kinds=("office", "head", "staff"),
            fills={None: P.MANAGE_UNITS},
        ),
        _row(
            "petition_officer",
            _("信访工作人员"),
            (P.VIEW,) + CASE_WORK + PETITION_OFFICE_WORK,
            P.DELEGATE_STAFF,
            _("登记、交办、催办、督办信访事项，汇总报表"),
            kinds=("office", "staff"),
            fills={None: P.REGISTER_CASE},
        ),
        _row(
            "principal_leader",
            _("主要领导"),
            (
                P.VIEW,
                P.INSTRUCT_CASE,
                P.VIEW_IDENTITY,
                P.ASSESS_DECISION,
                P.ACTIVATE_PLAN,
                P.KEEP_DUTIES,
                P.RAISE_CASE,
            ),
            P.DELEGATE_STAFF,
            _("第一责任人，阅批信访件，包案"),
            kinds=("leader", "responsible_leader", "principal"),
            fills={None: P.INSTRUCT_CASE},
        ),
        _row(
            "leader_in_charge",
            _("分管领导"),
            (P.VIEW, P.INSTRUCT_CASE, P.VIEW_IDENTITY, P.ASSESS_DECISION, P.KEEP_DUTIES, P.RAISE_CASE),
            P.DELEGATE_STAFF,
            _("分管信访工作，直接责任人"),
            kinds=("leader", "responsible_leader"),
            fills={None: P.INSTRUCT_CASE},
        ),
        _row(
            "leader",
            _("其他领导"),
            (P.VIEW, P.INSTRUCT_CASE, P.KEEP_DUTIES, P.RAISE_CASE),
            P.DELEGATE_STAFF,
            _("一岗双责，负责分管领域的信访工作"),
            kinds=("leader",),
            fills={None: P.INSTRUCT_CASE},
        ),
        _row(
            "department_handler",
            _("业务处（科）室工作人员"),
            (P.VIEW, P.HANDLE_CASE, P.REVIEW_CASE, P.ASSESS_DECISION, P.WORK_ON_CASE),
            P.DELEGATE_STAFF,
            _("办理本领域信访事项，审核处理意见"),
            kinds=("handler",),
            fills={None: P.REVIEW_CASE},
        ),
        _row(
            "unit_liaison",
            _("单位信访工作人员"),
            (
                P.VIEW,
                P.HANDLE_CASE,
                P.WORK_ON_CASE,
                P.FILE_REPORT,
                P.ASSESS_DECISION,
                P.MANAGE_EMERGENCY,
                P.RECTIFY,
                P.KEEP_DUTIES,
                P.SUBMIT_REPORTS,
            ),
            P.DELEGATE_STAFF,
            _("办理交办事项，填报月报表、零报告和重大事项报告"),
            kinds=("staff", "unit_staff"),
            fills={"case": P.HANDLE_CASE, None: P.FILE_REPORT},
        ),
        _row(
            "assessor",
            _("考评人员"),
            (P.VIEW, P.ASSESS),
            P.DELEGATE_STAFF,
            _("年度考评"),
            kinds=("assessor",),
            fills={None: P.ASSESS},
        ),
    )
}


def role_ids(*kinds, roles=None):
    """The ids of the roles belonging to any of ``kinds``, in table order (a query on the
    table; ``ValueError`` for a kind :data:`KINDS` does not declare, so a misspelt group in a
    concern stops the application from importing)."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError("unknown role kinds: " + ", ".join(unknown))
    table = ROLES if roles is None else roles
    return tuple(r.id for r in table.values() if r.kinds & set(kinds))


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


def role_problems(roles):
    """What is wrong with the rows of ``roles`` (a list of English sentences, empty if sound)."""
    problems = []
    for key, role in roles.items():
        where = f"role {key!r}"
        if key != role.id or not _ID.match(role.id):
            problems.append(f"{where}: id must be snake_case and equal its key")
        if not _CJK.search(role.title or ""):
            problems.append(f"{where}: title is empty or not Chinese")
        for perm in role.permissions:
            if perm != "*" and perm not in P.ALL:
                problems.append(f"{role.id}: {perm}")
        if role.grant_permission not in GRANT_PERMISSIONS:
            problems.append(f"{role.id}: {role.grant_permission} (grant permission)")
        for kind in sorted(role.kinds - set(KINDS)):
            problems.append(f"{where}: unknown kind {kind!r}")
        for context, perm in role.fills.items():
            if perm not in P.ALL:
                problems.append(f"{role.id}: {perm} (fills {context or 'any'})")
        if role.fills and None not in role.fills:
            problems.append(f"{where}: fills has no default (None) context")
    return problems


def validate_roles(roles=ROLES):
    """Raise ``ValueError`` listing every problem of the role table: a permission, grant
    permission or kind that is not declared, a malformed id, a missing Chinese title."""
    problems = role_problems(roles)
    if problems:
        raise ValueError(
            "the role table is not sound (roles name unknown permissions): " + ", ".join(problems)
        )


def document_role_problems(document_types, roles=None):
    """Registry rows whose ``filled_by`` is not a role of the table, or a role without a
    ``fills`` row (the documents pages would have no permission to ask for)."""
    table = ROLES if roles is None else roles
    problems = []
    for row in document_types:
        role = table.get(row.filled_by)
        if role is None:
            problems.append(f"document {row.code}: filled_by names unknown role {row.filled_by!r}")
        elif role.fill_permission(row.context) is None:
            problems.append(
                f"document {row.code}: role {row.filled_by!r} has no fills entry in the role table"
            )
    return problems


__all__ = ["KINDS", "ROLES", "Role", "role_ids", "root_acl", "role_principal", "Everyone"]
