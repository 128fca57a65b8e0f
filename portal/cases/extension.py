"""Extending the handling deadline: the one statutory extension (延期, at most 30 days), and
the date a higher body set, moved with that body's consent.

The responsible unit fills the 延期办理审批表 and the 延期告知书 (to the petitioner) as
documents on the case; a leader with ``instruct_case`` on the case approves here, which
extends the handling deadline through the deadline engine (which refuses a second extension,
a longer one, or one on a deadline a higher body set) and records it in the case history.

A case handed down with the higher body's own time limit (第四章第六节: 交办件在规定时限内办结，
延期须经交办机关同意) is extended only with that body's consent: a leader records who consented,
how it is on file (文号 or a telephone note), when, the new date and why (``@@consent-extension``);
the engine keeps the consent on the deadline and logs the change.
"""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal import clock
from portal.catalog import reindex_object
from portal.deadlines import DeadlineError
from portal.documents.api import latest_versions
from portal.forms import button, make_form, validate
from portal.security import permissions as P
from portal.workflow.history import HistoryEntry
from schemas import fields as f

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
    case.workflow_history.append(
        HistoryEntry(
            actor=approver,
            when=when,
            transition="extend",
            transition_title="批准延期",
            comment=f"延期{days}日：{reason}",
            from_state=case.workflow_state,
            to_state=case.workflow_state,
        )
    )
    reindex_object(case, ("deadline_due",))
    return deadline.due.due_date


@view_config(
    context=Case, name="extend", renderer="portal.layout:templates/confirm.pt", permission=P.INSTRUCT_CASE
)
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

            request.registry.notify(ObjectModified(context, ("deadline_due",)))
        return HTTPFound(request.resource_url(context))
    question = f"批准延期{days}日？理由：{reason}" if days else "承办单位尚未提交延期办理审批表"
    return {
        "title": "批准延期",
        "question": question,
        "note": "办理期限只能延长一次，且不得超过30日；延期理由须书面告知信访人。",
        "fields": {},
        "confirm": "批准延期",
    }


class ConsentSchema(f.Form):
    due_on = f.date("延期后的期限", days_ahead=None)
    consented_by = f.unit_name("同意延期的上级机关")
    record = f.text("同意记录", 200, description="文号，或电话记录（通话人、时间）")
    consented_on = f.date("同意日期")
    reason = f.long_text("延期理由", 500, rows=3)


def may_extend_with_consent(request, case):
    deadline = case.deadlines.get("handling")
    return (
        deadline is not None
        and deadline.is_open
        and deadline.override is not None
        and case.workflow_state in EXTENDABLE_STATES
        and bool(request.has_permission(P.INSTRUCT_CASE, case))
    )


@view_config(
    context=Case,
    name="consent-extension",
    renderer="portal.layout:templates/form.pt",
    permission=P.INSTRUCT_CASE,
)
def consent_extension_view(context, request):
    """The higher body agreed to a later date for the case it handed down: record it."""
    deadline = context.deadlines.get("handling")
    if not may_extend_with_consent(request, context):
        request.session.flash("只有上级机关指定期限、尚在办理中的事项，才能按上级同意延期", "warning")
        return HTTPFound(request.resource_url(context))
    form = make_form(
        request, ConsentSchema(), (button("save", "按上级同意延期", True), button("cancel", "取消"))
    )
    title = f"上级机关同意延期 {context.number}"
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return {"title": title, "form": rendered}
        from portal.time_limits import get_calendar

        actor = request.authenticated_userid
        try:
            deadline.extend_with_consent(
                appstruct["due_on"],
                get_calendar(request.root),
                by=appstruct["consented_by"],
                record=appstruct["record"],
                consented_on=appstruct["consented_on"],
                reason=appstruct["reason"],
                actor=actor,
            )
        except DeadlineError as exc:
            request.tm.doom()
            request.session.flash(str(exc), "danger")
            return HTTPFound(request.resource_url(context, "@@consent-extension"))
        context.workflow_history.append(
            HistoryEntry(
                actor=actor,
                when=clock.now(),
                transition="extend_with_consent",
                transition_title="上级同意延期",
                comment=(
                    f"经{appstruct['consented_by']}同意（{appstruct['record']}）延期至 "
                    f"{deadline.due.display}：{appstruct['reason']}"
                ),
                from_state=context.workflow_state,
                to_state=context.workflow_state,
            )
        )
        reindex_object(context, ("deadline_due",))
        from portal.resources.events import ObjectModified

        request.registry.notify(ObjectModified(context, ("deadline_due",)))
        request.session.flash(
            f"已按{appstruct['consented_by']}同意延期，办理期限延至 {deadline.due.display}", "success"
        )
        return HTTPFound(request.resource_url(context))
    return {
        "title": title,
        "form": form.render(
            {
                "consented_by": getattr(context, "handed_down_by", "") or deadline.override.by,
                "consented_on": clock.today(),
            }
        ),
    }
