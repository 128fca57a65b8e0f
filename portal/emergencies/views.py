"""应急处置 pages: the open incidents of a subtree (with the xlsx export), reporting an
incident, its page, its written report and aftermath record; a unit's emergency plan."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.clock import minutes, now
from portal.documents.printing import person_title
from portal.documents.rendering import rows
from portal.forms import button, validate
from portal.layout.export import xlsx_response
from portal.reports.views.common import (
    clock_form,
    entry_redirect,
    once_form,
    require,
    resources,
    save_once,
)
from portal.resources import Site, Unit
from portal.security import permissions as P
from portal.workflow import available_transitions
from portal.workflow.engine import WORKFLOWS_KEY
from schemas import fields as f
from schemas import get_document_type
from schemas.vocabularies import INCIDENT_LEVELS

from .board import board_lines
from .incidents import (
    Incident,
    IncidentError,
    group_leaders,
    initial_aftermath,
    initial_written_report,
    may_handle,
    report_incident,
    save_document,
)
from .plans import (
    CODE as PLAN_CODE,
)
from .plans import (
    current_plan,
    initial_plan,
    may_keep_plan,
    plan_unit,
    plan_versions,
    save_plan,
)

HEADER = ["事发单位", "事件", "等级", "发生时间", "已持续", "状态", "启动预案时间", "书面报告期限"]


class IncidentSchema(f.Form):
    occurred_at = f.datetime_("发生时间")
    place = f.text("发生地点", 200)
    headcount = f.integer("涉及人数", 1, 100000)
    level = f.choice("事件等级", INCIDENT_LEVELS)
    subject = f.text("事由", 200)
    description = f.long_text("基本情况", 3000)
    demands = f.long_text("主要诉求", 1000)
    measures_taken = f.long_text("已采取的措施", 2000)
    reporter = f.person_name("报告人")
    reporter_phone = f.phone("联系电话", required=True)


def _state_title(request, obj):
    return request.registry[WORKFLOWS_KEY]["incident"].states[obj.workflow_state].title


@view_config(context=Site, name="emergencies", permission=P.VIEW_HOME)
def emergencies_entry(context, request):
    return entry_redirect(request, "@@incidents", "应急处置")


@view_config(
    context=Unit, name="incidents", permission=P.VIEW, renderer="portal.emergencies:templates/incidents.pt"
)
def incidents_view(context, request):
    """Every open incident of the subtree with its clock; the city sees the whole system."""
    moment = now()
    return {
        "lines": board_lines(request, context, moment),
        "closed": board_lines(request, context, moment, ("closed", "dismissed"))[:20],
        "state_title": lambda i: _state_title(request, i),
        "now": moment,
        "can_report": may_handle(request, context),
        "plan": current_plan(context),
    }


@view_config(context=Unit, name="incidents-export", permission=P.VIEW)
def incidents_export(context, request):
    moment = now()
    data = [
        [
            x.incident.__parent__.title,
            x.incident.title,
            x.incident.level_title,
            x.incident.occurred_at,
            x.elapsed,
            _state_title(request, x.incident),
            x.incident.activated_at,
            x.report_badge["due_text"] if x.report_badge else "",
        ]
        for x in board_lines(request, context, moment)
    ]
    return xlsx_response(f"{context.title}-突发信访事件.xlsx", [("处置中的突发信访事件", HEADER, data)])


@view_config(
    context=Unit,
    name="report-incident",
    permission=P.MANAGE_EMERGENCY,
    renderer="portal.reports:templates/form.pt",
)
def report_incident_view(context, request):
    """Report an incident at this unit (its own emergency staff, or its bureau's office)."""
    require(may_handle(request, context))
    form = once_form(
        request,
        IncidentSchema(),
        (button("save", "立即报告", True),),
        request.resource_url(context, "@@report-incident"),
    )
    page = dict(
        resources(request, form),
        title=f"{context.title}：报告突发信访事件",
        intro="报告后领导小组组长即时收到通知，由其决定是否启动应急预案；"
        "启动后系统立即向上级报送重大信访事项报告。",
    )
    if "save" in request.POST:
        return save_once(
            request,
            form,
            page,
            lambda appstruct, token: report_incident(context, appstruct, token, request),
            "已报告突发信访事件，等待领导小组组长决定是否启动应急预案",
            "该事件已报告，未重复报告",
            request.resource_url,
            refused=IncidentError,
        )
    page["form"] = form.render(
        {"reporter": getattr(request.identity, "title", ""), "occurred_at": minutes(now())}
    )
    return page


@view_config(context=Incident, permission=P.VIEW, renderer="portal.emergencies:templates/incident.pt")
def incident_view(context, request):
    from portal.time_limits.badges import badge

    from .incidents import LIMIT

    moment = now()
    deadline = context.deadlines.get(LIMIT)
    docs = [(code, context.document(code)) for code in ("emergency_report", "emergency_aftermath")]
    entries = list(context.workflow_history)
    entries.reverse()
    state = context.workflow_state
    handler = may_handle(request, context.__parent__, context)
    return {
        "incident": context,
        "state_title": _state_title(request, context),
        "applying": context.applying_unit(),
        "leaders": group_leaders(context.__parent__),
        "badge": badge(request, deadline, moment.date(), moment) if deadline else None,
        "docs": [
            (get_document_type(c).title, d, rows(get_document_type(c).schema(), d.appstruct) if d else [])
            for c, d in docs
        ],
        "can_write": handler and state == "activated",
        "can_aftermath": handler and state == "written",
        "transitions": available_transitions(context, request),
        "obj": context,
        "entries": entries,
        "person": lambda u: person_title(context, u),
    }


def _document_form(context, request, code, view, title, initial):
    require(may_handle(request, context.__parent__, context))
    form = clock_form(request, get_document_type(code).schema(), (button("save", "保存", True),))
    form.action = request.resource_url(context, view)
    page = dict(resources(request, form), title=f"{context.__parent__.title}：{title}")
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            page["form"] = rendered
            return page
        save_document(context, code, appstruct, request)
        request.session.flash(f"已保存{get_document_type(code).title}", "success")
        return HTTPFound(request.resource_url(context))
    doc = context.document(code)
    page["form"] = form.render(doc.appstruct if doc is not None else initial(context, request))
    return page


@view_config(
    context=Incident,
    name="written-report",
    permission=P.MANAGE_EMERGENCY,
    renderer="portal.reports:templates/form.pt",
)
def written_report_view(context, request):
    """The written report (应急处置情况报告), filled from the incident."""
    require(context.workflow_state == "activated")
    return _document_form(
        context,
        request,
        "emergency_report",
        "@@written-report",
        "突发信访事件应急处置情况报告",
        initial_written_report,
    )


@view_config(
    context=Incident,
    name="aftermath",
    permission=P.MANAGE_EMERGENCY,
    renderer="portal.reports:templates/form.pt",
)
def aftermath_view(context, request):
    """The aftermath record (善后处置记录) that closes the incident."""
    require(context.workflow_state == "written")
    return _document_form(
        context, request, "emergency_aftermath", "@@aftermath", "突发信访事件善后处置记录", initial_aftermath
    )


@view_config(
    context=Unit, name="emergency-plan", permission=P.VIEW, renderer="portal.emergencies:templates/plan.pt"
)
def plan_view(context, request):
    plan = current_plan(context)
    applying = plan_unit(context)
    return {
        "plan": plan,
        "versions": plan_versions(context),
        "rows": rows(plan.doc_type.schema(), plan.appstruct) if plan else [],
        "applying": applying if plan is None and applying is not context else None,
        "can_keep": may_keep_plan(request, context),
    }


@view_config(
    context=Unit,
    name="edit-emergency-plan",
    permission=P.MANAGE_EMERGENCY,
    renderer="portal.reports:templates/form.pt",
)
def edit_plan_view(context, request):
    """Write the plan, change its draft, or revise the signed plan as a new version."""
    require(may_keep_plan(request, context))
    form = clock_form(request, get_document_type(PLAN_CODE).schema(), (button("save", "保存", True),))
    form.action = request.resource_url(context, "@@edit-emergency-plan")
    plan = current_plan(context)
    page = dict(
        resources(request, form),
        title=f"{context.title}：信访应急预案",
        intro="预案签发后生效；修订时生成新版本，原版本保留可查。",
    )
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            page["form"] = rendered
            return page
        _doc, message = save_plan(context, appstruct, request.authenticated_userid, registry=request.registry)
        request.session.flash(message, "success")
        return HTTPFound(request.resource_url(context, "@@emergency-plan"))
    page["form"] = form.render(plan.appstruct if plan is not None else initial_plan(context))
    return page
