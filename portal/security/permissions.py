"""Every permission the portal knows. Views, role tables and workflows may name only these."""

VIEW = "view"  # see a node (unit, case) and its listings
VIEW_HOME = "view_home"  # the personal home page; every signed-in user
MANAGE_UNITS = "manage_units"  # add, rename, move, deactivate units; import/export the tree
MANAGE_SHARING = "manage_sharing"  # open the sharing page of a node
DELEGATE_STAFF = "delegate_staff"  # grant/revoke staff roles (officer, leaders, handlers, liaisons)
DELEGATE_ADMIN = "delegate_admin"  # grant/revoke administrative roles (site admin, office head)
MANAGE_SITE = "manage_site"  # local accounts, settings, workflows, audit log

# Case and reporting permissions (used by workflows; declared here so definitions validate).
REGISTER_CASE = "register_case"
ACCEPT_CASE = "accept_case"
INSTRUCT_CASE = "instruct_case"
ASSIGN_CASE = "assign_case"
HANDLE_CASE = "handle_case"
REVIEW_CASE = "review_case"
CONCLUDE_CASE = "conclude_case"
SUPERVISE_CASE = "supervise_case"  # remind (催办), supervise (督办), take back (收回)
VIEW_IDENTITY = "view_identity"
PUBLISH_CASE = "publish_case"
FILE_REPORT = "file_report"
REVIEW_REPORT = "review_report"
ASSESS = "assess"
# Prevention, emergencies and accountability (第六章、第七章、第九章).
ASSESS_DECISION = "assess_decision"  # register a major decision and its stability risk assessment
MANAGE_EMERGENCY = "manage_emergency"  # keep the emergency plan; report and follow up an incident
ACTIVATE_PLAN = "activate_plan"  # decide to activate the emergency plan (the group leader)
ISSUE_RECTIFICATION = "issue_rectification"  # rectification notices/proposals to lower units
RECTIFY = "rectify"  # report a unit's rectification
PLAN_BACKLOG = "plan_backlog"  # name the owner and plan of a long-unresolved case (积案)
KEEP_DUTIES = "keep_duties"  # keep a unit's duty records: leading group, meetings, training, reception days
SUBMIT_REPORTS = (
    "submit_reports"  # file a unit's duty log, risk ledger, major events, zero and monthly reports
)
WORK_ON_CASE = (
    "work_on_case"  # upload a case's materials, feed back on an instruction (the state rule inside)
)
RAISE_CASE = "raise_case"  # hand a case up to the office above (提级), and acknowledge one handed up
FILL_DOCUMENTS = "fill_documents"  # the documents' write pages; which document and step: the policy inside
VIEW_PUBLIC = "view_public"  # the public area; only its own root grants it (to Everyone)

ALL = frozenset(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str))

#: What each permission lets a person do, as the administrators' pages name it.
TITLES = {
    VIEW: "查看",
    VIEW_HOME: "使用个人工作台",
    MANAGE_UNITS: "管理机构",
    MANAGE_SHARING: "设置权限",
    DELEGATE_STAFF: "授予工作人员角色",
    DELEGATE_ADMIN: "授予管理角色",
    MANAGE_SITE: "系统管理",
    REGISTER_CASE: "登记信访事项",
    ACCEPT_CASE: "受理",
    INSTRUCT_CASE: "阅批",
    ASSIGN_CASE: "交办、转办",
    HANDLE_CASE: "办理",
    REVIEW_CASE: "审核处理意见",
    CONCLUDE_CASE: "办结",
    VIEW_IDENTITY: "查看信访人身份信息",
    PUBLISH_CASE: "公开办理进度",
    FILE_REPORT: "填报报表",
    REVIEW_REPORT: "审核报表",
    ASSESS: "年度考评",
    ASSESS_DECISION: "重大决策风险评估",
    MANAGE_EMERGENCY: "应急处置",
    ACTIVATE_PLAN: "启动应急预案",
    ISSUE_RECTIFICATION: "下发整改通知",
    RECTIFY: "报告整改情况",
    PLAN_BACKLOG: "确定积案包案人和化解方案",
    KEEP_DUTIES: "维护领导小组、会议、培训和领导接访记录",
    SUBMIT_REPORTS: "报送值班、排查、重大事项报告和报表",
    WORK_ON_CASE: "上传信访事项材料、反馈批示落实情况",
    RAISE_CASE: "提级办理、签收提级事项",
    FILL_DOCUMENTS: "填写、审核、签发文书",
    VIEW_PUBLIC: "访问公开专栏",
    "supervise_case": "催办、督办",
}


def title_of(permission):
    """The Chinese name of ``permission`` (its code only if it has none: a test forbids that)."""
    return TITLES.get(permission, permission)
