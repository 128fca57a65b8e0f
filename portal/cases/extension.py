"""The one extension of the handling deadline (延期, at most 30 days).

The responsible unit fills the 延期办理审批表 and the 延期告知书 (to the petitioner) as
documents on the case; a leader with ``instruct_case`` on the case approves here, which
extends the handling deadline through the deadline engine (which refuses a second extension,
a longer one, or one on a deadline a higher body set) and records it in the case history.
"""
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal import clock
from portal.catalog import reindex_object
from portal.deadlines import DeadlineError
from portal.documents.api import latest_versions
from portal.security import permissions as P
from portal.workflow.history import HistoryEntry

from .resource import Case

REQUIRED = ("extension_approval", "extension_notice")
EXTENDABLE_STATES = ("assigned", "handling")


class ExtensionRefused(Exception):
    """``str()`` is the Chinese reason."""


def requested_days(case):
    """The days asked for in the latest 延期办理审批表 on the case, or None."""
    for doc in latest_versions(case):
        if doc.code == "extension_approval":
            return doc.appstruct.get("extension_days"), doc.appstruct.get("reasons", "")
    return None, ""


def approve_extension(case, approver, calendar, when=None):
    """Extend the handling deadline as requested; returns the new due date."""
    when = when or clock.now()
    if case.workflow_state not in EXTENDABLE_STATES:
        raise ExtensionRefused("只有交办后、办结前的事项可以延期")
    present = {d.code for d in latest_versions(case)}
    missing = [c for c in REQUIRED if c not in present]
    if missing:
        from schemas import get_document_type
        raise ExtensionRefused("延期前须填写：" + "、".join(get_document_type(c).title for c in missing))
    deadline = case.deadlines.get("handling")
    if deadline is None or not deadline.is_open:
        raise ExtensionRefused("本事项没有进行中的办理期限")
    days, reason = requested_days(case)
    try:
        deadline.extend(days, calendar, reason=reason, approved_by=approver, actor=approver, at=when)
    except DeadlineError as exc:
        raise ExtensionRefused(str(exc)) from exc
    case.workflow_history.append(HistoryEntry(
        actor=approver, when=when, transition="extend", transition_title="批准延期",
        comment=f"延期{days}日：{reason}", from_state=case.workflow_state,
        to_state=case.workflow_state))
    reindex_object(case, ("deadline_due",))
    return deadline.due.due_date


@view_config(context=Case, name="extend", renderer="portal.layout:templates/confirm.pt",
             permission=P.INSTRUCT_CASE)
def extend_view(context, request):
    """GET: the confirmation step (what will be extended); POST: approve."""
    days, reason = requested_days(context)
    if request.method == "POST":
        from portal.time_limits import get_calendar
        try:
            due = approve_extension(context, request.authenticated_userid, get_calendar(request.root))
        except ExtensionRefused as exc:
            request.session.flash(str(exc), "danger")
        else:
            request.session.flash(f"已批准延期{days}日，办理期限延至 {due:%Y-%m-%d}", "success")
            from portal.resources.events import ObjectModified
            request.registry.notify(ObjectModified(context, ("deadline_due", "modified")))
        return HTTPFound(request.resource_url(context))
    question = (f"批准延期{days}日？理由：{reason}" if days else "承办单位尚未提交延期办理审批表")
    return {"title": "批准延期", "question": question,
            "note": "办理期限只能延长一次，且不得超过30日；延期理由须书面告知信访人。",
            "fields": {}, "confirm": "批准延期"}
