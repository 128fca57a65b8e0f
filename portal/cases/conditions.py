"""Named conditions the case workflow's guards use (registered with add_workflow_condition)."""

from portal import clock
from portal.deadlines import compute_due, get_limit


def has_responsible_unit(case, request):
    """交办 needs a chosen responsible unit (the assignment form sets it before firing)."""
    return bool(getattr(case, "responsible_unit", None))


has_responsible_unit.title = "请先选择承办单位"


def last_assigned_on(case):
    for entry in reversed(list(getattr(case, "workflow_history", ()))):
        if entry.transition == "assign":
            return clock.as_date(entry.when)
    return None


def within_return_window(case, request):
    """A unit may return a case it received within 5 working days (《信访工作条例》第23条)."""
    assigned = last_assigned_on(case)
    if assigned is None:
        return False
    from portal.time_limits import get_calendar

    due = compute_due(get_limit("forward_objection"), assigned, get_calendar(request.root))
    return clock.today() <= due.due_date


within_return_window.title = "已超过收到交办后5个工作日的退回期限"


GROUP_OF_NOTE = 5


def joint_review_grounds(case):
    """④ Why ``case`` needs a joint review (会审) before its handling opinion: the cases 第五章
    第一节 names -- several units involved, or difficult and complex -- as Chinese reasons
    (empty: no joint review is required). The assigning unit's own judgement is one of them."""
    from .chain import ASSISTING, units_in

    grounds = []
    if getattr(case, "joint_review_required", False):
        grounds.append("交办单位认定须会审")
    if units_in(case, ASSISTING):
        grounds.append("涉及多个单位（有协办单位）")
    if getattr(case, "owner", None):
        grounds.append("领导包案的疑难复杂事项")
    handling = getattr(case, "deadlines", {}).get("handling")
    if handling is not None and getattr(handling, "extension", None) is not None:
        grounds.append("情况复杂、经批准延期办理")
    if getattr(case, "level_skipping", "none") in ("beijing", "province"):
        grounds.append("赴京、来省越级上访")
    if getattr(case, "is_group", False) and (case.headcount or 0) >= GROUP_OF_NOTE:
        grounds.append(f"{GROUP_OF_NOTE}人以上集体访")
    return grounds


def joint_review_held(case, request):
    """④ A case that needs a joint review (:func:`joint_review_grounds`) needs the 会审纪要
    before the responsible unit submits its handling opinion."""
    if not joint_review_grounds(case):
        return True
    from portal.workflow.config import documents_present

    return "joint_review_minutes" in documents_present(case)


joint_review_held.title = "该事项须经相关负责人会审：请交办单位组织会审并填写会审纪要后再提交处理意见"


def _all_conditions():
    from . import assignment, review

    return {
        "has_responsible_unit": has_responsible_unit,
        "within_return_window": within_return_window,
        "joint_review_held": joint_review_held,
        **assignment.CONDITIONS,
        **review.CONDITIONS,
    }


CONDITIONS = _all_conditions()
