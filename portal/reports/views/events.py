"""Major event reports: the short form any unit files at any time, the event page with its
follow-ups, and the list of events in a unit's subtree (with its xlsx export)."""

from hypatia.query import Eq
from pyramid.view import view_config

from portal import clock
from portal.catalog import allowed_query, search
from portal.clock import format_date
from portal.documents.rendering import rows
from portal.forms import button
from portal.layout.export import xlsx_response
from portal.resources import Unit
from portal.security import permissions as P
from schemas import get_document_type

from ..major_events import CODE, EventError, MajorEvent, add_follow_up, file_major_event
from ..units import may_file, path_of
from .common import once_form, require, resources, save_once


def _form(request, action):
    return once_form(
        request, get_document_type(CODE).schema(), (button("file", "立即报告", True),), action, dated=False
    )


def _reported_now():
    """The default 报告时间: now in China time, to the minute (the browser's time field accepts
    only whole minutes once its default has no seconds)."""
    return clock.minutes(clock.now())


def _initial(request, unit):
    return {
        "unit": unit.title,
        "reporter": getattr(request.identity, "title", ""),
        "reported_at": _reported_now(),
    }


@view_config(
    context=Unit, name="major-event", permission=P.SUBMIT_REPORTS, renderer="portal.reports:templates/form.pt"
)
def major_event_view(context, request):
    """File a major event report (the unit's filers); the chain above is notified at once."""
    require(may_file(request, context))
    form = _form(request, request.resource_url(context, "@@major-event"))
    page = dict(
        resources(request, form),
        title=f"{context.title}：重大信访事项报告",
        intro="发生重大信访事项须在1小时内报告；报告后上级信访部门和领导即时收到通知。",
    )
    if "file" in request.POST:
        return save_once(
            request,
            form,
            page,
            lambda appstruct, token: file_major_event(context, appstruct, token, request),
            lambda event: "已报告重大信访事项"
            + ("（距事件发生已超过1小时，已记录为逾期报告）" if event.late else ""),
            "该报告已提交，未重复报告",
            request.resource_url,
            refused=EventError,
        )
    page["form"] = form.render(_initial(request, context))
    return page


@view_config(context=MajorEvent, permission=P.VIEW, renderer="portal.reports:templates/major_event.pt")
def event_view(context, request):
    reports = context.reports()
    return {
        "event": context,
        "unit": context.__parent__,
        "reports": [(i, d, rows(d.doc_type.schema(), d.appstruct)) for i, d in enumerate(reports)],
        "can_follow_up": may_file(request, context.__parent__),
        "format_date": format_date,
    }


@view_config(
    context=MajorEvent,
    name="follow-up",
    permission=P.SUBMIT_REPORTS,
    renderer="portal.reports:templates/form.pt",
)
def follow_up_view(context, request):
    """A follow-up report (续报), attached to the first."""
    unit = context.__parent__
    require(may_file(request, unit))
    form = _form(request, request.resource_url(context, "@@follow-up"))
    page = dict(
        resources(request, form),
        title=f"{unit.title}：重大信访事项续报",
        intro="续报附在首报之后，上级即时收到通知。",
    )
    if "file" in request.POST:
        return save_once(
            request,
            form,
            page,
            lambda appstruct, token: add_follow_up(context, appstruct, token, request),
            "已续报",
            "该续报已提交，未重复报告",
            request.resource_url(context),
            refused=EventError,
        )
    first = context.reports()[0].appstruct
    page["form"] = form.render(dict(first, reported_at=_reported_now()))
    return page


def _events(request, unit):
    site = request.root
    cat = site.catalog
    query = (
        Eq(cat["path"], path_of(unit))
        & Eq(cat["type_name"], "major_event")
        & allowed_query(site, request.user_principals)
    )
    results = search(site, query, "created", reverse=True)
    return results.all() if results.total else []


@view_config(
    context=Unit, name="major-events", permission=P.VIEW, renderer="portal.reports:templates/major_events.pt"
)
def events_list_view(context, request):
    return {
        "events": _events(request, context),
        "can_file": may_file(request, context),
        "format_date": format_date,
    }


@view_config(context=Unit, name="major-events-export", permission=P.VIEW)
def events_export(context, request):
    data = [
        [e.__parent__.title, e.event_time, e.filed_at, e.late, e.subject, len(e.reports()) - 1]
        for e in _events(request, context)
    ]
    return xlsx_response(
        f"{context.title}-重大信访事项报告.xlsx",
        [("重大信访事项", ["报告单位", "发生时间", "报告时间", "超过1小时", "事由", "续报次数"], data)],
    )
