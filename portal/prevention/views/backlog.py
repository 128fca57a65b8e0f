"""积案清单: a unit's long-unresolved cases with their owner and plan, its xlsx export, and the
page where the petition office names the owner and the plan of one case."""

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.cases.resource import Case
from portal.clock import now, today
from portal.forms import button, validate
from portal.layout.export import xlsx_response
from portal.reports.views.common import clock_form, require, resources
from portal.resources import Unit
from portal.security import permissions as P

from ..backlog import backlog_lines, case_unit, may_plan, owner_choices, set_plan
from ..store import get_store

HEADER = ["信访事项编号", "事由", "所属单位", "当前状态", "列入原因", "包案领导", "化解方案", "计划化解日期"]


def _person(site, userid):
    user = site.users.get(userid) if userid else None
    return getattr(user, "title", userid or "")


def _state_title(request, case):
    from portal.workflow.engine import WORKFLOWS_KEY

    wf = request.registry[WORKFLOWS_KEY].get(case.workflow_id)
    state = wf.states.get(case.workflow_state) if wf is not None else None
    return state.title if state is not None else case.workflow_state


@view_config(
    context=Unit, name="backlog", permission=P.VIEW, renderer="portal.prevention:templates/backlog.pt"
)
def backlog_view(context, request):
    lines = backlog_lines(request, context, today())
    return {
        "lines": lines,
        "person": lambda u: _person(request.root, u),
        "state_title": lambda c: _state_title(request, c),
        "can_plan": lambda c: may_plan(request, c),
    }


@view_config(context=Unit, name="backlog-export", permission=P.VIEW)
def backlog_export(context, request):
    rows = []
    for x in backlog_lines(request, context, today()):
        entry = x.entry
        rows.append(
            [
                x.case.number,
                x.case.subject,
                x.unit.title,
                _state_title(request, x.case),
                "；".join(x.reasons),
                _person(request.root, entry.owner) if entry else "",
                entry.plan if entry else "",
                entry.target_on if entry else None,
            ]
        )
    return xlsx_response(f"{context.title}-信访积案清单.xlsx", [("积案清单", HEADER, rows)])


def _schema(choices):
    class Plan(colander.MappingSchema):
        owner = colander.SchemaNode(
            colander.String(),
            title="包案领导",
            missing_msg="请选择包案领导",
            validator=colander.OneOf([u for u, _t in choices]),
            widget=deform.widget.SelectWidget(values=[("", "请选择")] + list(choices)),
        )
        plan = colander.SchemaNode(
            colander.String(),
            title="化解方案（推动程序终结的措施）",
            missing_msg="请填写化解方案",
            validator=colander.Length(1, 3000),
            widget=deform.widget.TextAreaWidget(rows=5),
        )
        target_on = colander.SchemaNode(
            colander.Date(),
            title="计划化解日期",
            missing_msg="请填写计划化解日期",
            widget=deform.widget.DateInputWidget(),
        )

    return Plan()


@view_config(
    context=Case, name="backlog-plan", permission=P.PLAN_BACKLOG, renderer="portal.reports:templates/form.pt"
)
def plan_view(context, request):
    """The petition office of the case's unit (or of the unit above) names owner and plan."""
    require(may_plan(request, context))
    choices = owner_choices(context)
    form = clock_form(request, _schema(choices), (button("save", "保存", True),))
    form.action = request.resource_url(context, "@@backlog-plan")
    unit = case_unit(context)
    page = dict(
        resources(request, form),
        title=f"信访事项 {context.number}：确定包案领导和化解方案",
        intro=(
            "积案须依法依规推动程序终结；包案领导从本单位和上一级单位的领导中选择。"
            if choices
            else "本单位和上一级单位尚未授权领导，请先在权限设置中授权。"
        ),
    )
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            page["form"] = rendered
            return page
        set_plan(
            request.root,
            context,
            appstruct["owner"],
            appstruct["plan"],
            appstruct["target_on"],
            request.authenticated_userid,
            now(),
        )
        request.session.flash("已确定包案领导和化解方案", "success")
        return HTTPFound(request.resource_url(unit, "@@backlog"))
    entry = get_store(request.root).backlog.get(context.__docid__)
    values = (
        {"owner": entry.owner, "plan": entry.plan, "target_on": entry.target_on}
        if entry is not None and entry.is_open
        else {}
    )
    page["form"] = form.render(values)
    return page
