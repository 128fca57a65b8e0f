"""Named conditions the case workflow's guards use (registered with add_workflow_condition)."""
from datetime import datetime, timedelta, timezone

from portal.deadlines import compute_due, get_limit

CST = timezone(timedelta(hours=8))


def has_responsible_unit(case, request):
    """交办 needs a chosen responsible unit (the assignment form sets it before firing)."""
    return bool(getattr(case, "responsible_unit", None))


has_responsible_unit.title = "请先选择承办单位"


def last_assigned_on(case):
    for entry in reversed(list(getattr(case, "workflow_history", ()))):
        if entry.transition == "assign":
            return entry.when.astimezone(CST).date()
    return None


def within_return_window(case, request):
    """A unit may return a case it received within 5 working days (《信访工作条例》第23条)."""
    assigned = last_assigned_on(case)
    if assigned is None:
        return False
    from portal.time_limits import get_calendar
    due = compute_due(get_limit("forward_objection"), assigned, get_calendar(request.root))
    return datetime.now(CST).date() <= due.due_date


within_return_window.title = "已超过收到交办后5个工作日的退回期限"


def joint_review_held(case, request):
    """④ A case the assigning unit marked for joint review (会审) needs the 会审纪要 before the
    responsible unit submits its handling opinion."""
    if not getattr(case, "joint_review_required", False):
        return True
    from portal.workflow.config import documents_present
    return "joint_review_minutes" in documents_present(case)


joint_review_held.title = "该事项须经相关负责人会审：请交办单位组织会审并填写会审纪要后再提交处理意见"


def _all_conditions():
    from . import assignment, review
    return {"has_responsible_unit": has_responsible_unit,
            "within_return_window": within_return_window,
            "joint_review_held": joint_review_held,
            **assignment.CONDITIONS, **review.CONDITIONS}


CONDITIONS = _all_conditions()
