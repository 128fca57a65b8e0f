"""Leader case ownership (领导包案, 第四章第三节).

``suggestions`` names the regulation's criteria a case meets; a leader takes ownership, which
starts the 5-day report deadline for the units involved (:func:`involved_people`: the people
who handle it in the responsible and assisting units, and the registering unit's petition
staff) -- they are notified, and the deadline's warnings go to them as well as to the leader;
adding the 包案情况报告 document to the case completes it. The owner's page lists each owned
case with its reports and the state of the 5-day deadline. The 五包四亲自 checklist is the
``ownership_register`` document.
"""

from hypatia.query import Eq
from pyramid.httpexceptions import HTTPFound
from pyramid.traversal import resource_path
from pyramid.view import view_config

from portal import clock
from portal.catalog import reindex_object, search
from portal.i18n import _
from portal.resources import Site
from portal.security import permissions as P
from portal.workflow.history import HistoryEntry

from .access import involved_people
from .lifecycle import start_deadline
from .resource import Case

GROUP_THRESHOLD = 5


def suggestions(case):
    """The criteria of 第四章第三节 this case appears to meet (Chinese, for the case page)."""
    out = []
    if case.level_skipping != "none":
        out.append(f"越级上访（{case.level_skipping_title}）")
    if case.is_group and case.headcount >= GROUP_THRESHOLD:
        out.append(f"集体访（{case.headcount}人）")
    if case.channel == "handed_down":
        out.append("上级交办、领导批示的信访事项")
    if case.urgency == "urgent":
        out.append("可能造成严重后果的紧急事项")
    if case.reported_unit:
        out.append("涉及本单位自身责任的举报事项")
    return out


def reports_of(case):
    """The 包案情况报告 filed on ``case`` (latest versions), oldest first."""
    from portal.documents.api import latest_versions

    return sorted(latest_versions(case, "ownership_report"), key=lambda d: (d.created, d.__name__))


def take_ownership(case, userid, calendar, when):
    case.owner = userid
    case.owner_since = when
    start_deadline(case, "ownership_report", clock.as_date(when), calendar, userid)
    case.workflow_history.append(
        HistoryEntry(
            actor=userid,
            when=when,
            transition="take_ownership",
            transition_title="领导包案",
            comment="各相关单位须在5日内向包案领导报告原因、调查情况和处理建议",
            from_state=case.workflow_state,
            to_state=case.workflow_state,
        )
    )
    reindex_object(case, ("owner", "deadline_due"))


def on_document_added(event):
    """A 包案情况报告 added to an owned case completes the 5-day report deadline."""
    doc, case = event.object, event.parent
    if getattr(doc, "code", None) != "ownership_report" or not isinstance(case, Case):
        return
    deadline = case.deadlines.get("ownership_report")
    if deadline is not None and deadline.is_open:
        deadline.complete(clock.today(), actor=getattr(doc, "author", "system"))
        reindex_object(case, ("deadline_due",))


@view_config(context=Case, name="take-ownership", request_method="POST", permission=P.INSTRUCT_CASE)
def take_ownership_view(context, request):
    if context.owner:
        request.session.flash("该事项已由领导包案", "warning")
    else:
        from portal.time_limits import get_calendar

        take_ownership(context, request.authenticated_userid, get_calendar(request.root), clock.now())
        from portal.notifications import notify

        from .notices import SUPERVISION

        people = [u for u in involved_people(context) if u != request.authenticated_userid]
        notify(
            request.root,
            people,
            SUPERVISION.code,
            _("信访事项 ${number} 领导包案", mapping={"number": context.number}),
            "相关单位须在接到包案通知5日内向包案领导报告原因、调查情况和处理建议",
            url=resource_path(context),
            registry=request.registry,
        )
        request.session.flash("已包案，相关单位须在5日内报告", "success")
    return HTTPFound(request.resource_url(context))


@view_config(context=Site, name="owned-cases", renderer="templates/owned.pt", permission=P.VIEW_HOME)
def owned_cases(context, request):
    """All the cases the signed-in leader owns, on one page."""
    from .access import case_query

    viewable = case_query(request)
    if viewable is None:
        return {"cases": []}
    query = Eq(context.catalog["owner"], request.authenticated_userid) & viewable
    results = search(context, query, "deadline_due")
    cases = results.all() if results.total else []
    from portal.time_limits import badge

    return {
        "cases": cases,
        "reports": {c.number: reports_of(c) for c in cases},
        "badge": lambda c: badge(request, c.deadlines["ownership_report"])
        if "ownership_report" in c.deadlines
        else None,
    }


def includeme(config):
    from portal.resources.events import ObjectAdded

    config.add_subscriber(on_document_added, ObjectAdded)
    config.scan(__name__)
