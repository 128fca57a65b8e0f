"""Each unit's emergency plan (信访应急预案, 第七章): a document with versions, and its team.

The plan is the unit's ``emergency_plan`` Document: saved as a draft, signed off (签发, which
gives it its 文号 and freezes it) by a leader or the head of the petition office, revised as a
new version (``portal.documents.api.correct``); every version stays readable. Contract:

* :func:`current_plan` -- the unit's latest version (a signed one is in force; a draft is being
  written), or None;
* :func:`plan_unit` -- the unit whose plan applies to an incident at ``unit``: the unit itself
  if it keeps a plan, else the nearest bureau above that keeps one, else the nearest bureau
  (the regulation gives every unit a plan; until it has one, its bureau's applies);
* :func:`written_report_days` -- the days the applying plan gives for the written report
  (the ``emergency_written_report`` limit's amount when no plan sets it);
* :func:`save_plan` -- store the form's values: a new plan, the draft's new values, or a new
  version of the signed plan (the old one stays as it was).
"""

from portal.deadlines import LIMITS
from portal.documents.api import add_document, correct, latest_versions, update_document, versions
from portal.reports.units import is_bureau, roles_on
from portal.resources import Unit
from portal.security.roles import role_ids

CODE = "emergency_plan"
KEEPER_ROLES = frozenset(role_ids("staff"))


def current_plan(unit):
    found = latest_versions(unit, CODE)
    return found[0] if found else None


def plan_versions(unit):
    plan = current_plan(unit)
    return list(reversed(versions(plan))) if plan is not None else []


def plan_unit(unit):
    """The unit whose plan applies to an incident at ``unit`` (see the module contract)."""
    node, bureau = unit, None
    while node is not None:
        if isinstance(node, Unit):
            if current_plan(node) is not None:
                return node
            if bureau is None and is_bureau(node):
                bureau = node
        node = node.__parent__
    return bureau or unit


def written_report_days(unit):
    """Days after activation for the written report, as the applying plan sets them."""
    plan = current_plan(plan_unit(unit))
    days = plan.appstruct.get("written_report_days") if plan is not None else None
    return days or LIMITS["emergency_written_report"].amount


def may_keep_plan(request, unit):
    """The unit's own liaison or petition staff keep its plan (grants on the unit itself)."""
    return isinstance(unit, Unit) and bool(KEEPER_ROLES & roles_on(unit, request.user_principals))


def initial_plan(unit):
    from schemas.emergency import PRINCIPLES

    return {
        "plan_title": f"{unit.title}信访突发事件应急预案",
        "unit": unit.title,
        "principles": PRINCIPLES,
        "written_report_days": LIMITS["emergency_written_report"].amount,
    }


def save_plan(unit, appstruct, actor, registry=None):
    """Store ``appstruct`` as the unit's plan; returns (document, what happened in Chinese)."""
    plan = current_plan(unit)
    if plan is None:
        return add_document(unit, CODE, appstruct, actor, registry=registry), "已制定应急预案（草稿）"
    if plan.frozen:
        plan = correct(plan, actor, registry=registry)
        update_document(plan, appstruct, actor, registry=registry)
        return plan, f"已生成应急预案第 {plan.version} 版（草稿），原版本保留可查"
    update_document(plan, appstruct, actor, registry=registry)
    return plan, "已保存应急预案（草稿）"
