"""重大决策社会稳定风险评估: a unit's register of decisions (its own and, once reported, its
lower units'), registering a decision, its page, and the assessment report form."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.documents.printing import person_title
from portal.documents.rendering import rows
from portal.forms import button, validate
from portal.layout.export import xlsx_response
from portal.reports.views.common import clock_form, once_form, require, resources, save_once
from portal.resources import Unit
from portal.security import permissions as P
from portal.workflow import available_transitions
from portal.workflow.engine import WORKFLOWS_KEY
from schemas import fields as f
from schemas import get_document_type
from schemas.vocabularies import DECISION_KINDS

from ..decisions import (
    CODE,
    Decision,
    DecisionError,
    implementation_refusal,
    initial_assessment,
    may_decide,
    register_decision,
    register_lines,
    save_assessment,
)

HEADER = ["决策单位", "评估事项", "事项类别", "风险等级", "评估结论", "报告日期", "状态"]
LEVELS = {"high": "高", "medium": "中", "low": "低"}
CONCLUSIONS = {
    "proceed": "可以实施",
    "proceed_with_measures": "落实化解措施后实施",
    "postpone": "暂缓实施",
    "reject": "不予实施",
}


def _state_title(request, decision):
    return request.registry[WORKFLOWS_KEY]["decision"].states[decision.workflow_state].title


class DecisionSchema(f.Form):
    matter = f.text("决策事项", 200)
    matter_kind = f.choice("事项类别", DECISION_KINDS)
    summary = f.long_text("事项概要（实施范围、涉及人群）", 2000, rows=4)
    planned_on = f.date("拟实施日期", required=False, days_ahead=3660)


@view_config(
    context=Unit, name="decisions", permission=P.VIEW, renderer="portal.prevention:templates/decisions.pt"
)
def register_view(context, request):
    return {
        "lines": register_lines(request, context),
        "levels": LEVELS,
        "conclusions": CONCLUSIONS,
        "state_title": lambda d: _state_title(request, d),
        "can_add": may_decide(request, context),
    }


@view_config(context=Unit, name="decisions-export", permission=P.VIEW)
def register_export(context, request):
    data = [
        [
            x.decision.__parent__.title,
            x.decision.title,
            x.decision.kind_title,
            LEVELS.get(x.values.get("risk_level"), ""),
            CONCLUSIONS.get(x.values.get("conclusion"), ""),
            x.values.get("reported_on"),
            _state_title(request, x.decision),
        ]
        for x in register_lines(request, context)
    ]
    return xlsx_response(
        f"{context.title}-重大决策社会稳定风险评估登记.xlsx", [("风险评估登记", HEADER, data)]
    )


@view_config(
    context=Unit,
    name="add-decision",
    permission=P.ASSESS_DECISION,
    renderer="portal.reports:templates/form.pt",
)
def add_decision_view(context, request):
    """Register a major decision of this unit (谁决策、谁评估: its own people only)."""
    require(may_decide(request, context))
    form = once_form(
        request,
        DecisionSchema(),
        (button("save", "登记并开始评估", True),),
        request.resource_url(context, "@@add-decision"),
    )
    page = dict(
        resources(request, form),
        title=f"{context.title}：登记重大决策事项",
        intro="事关群众切身利益、牵涉面广、影响深远的重大决策、重要政策、重大改革举措、"
        "重点工程项目，实施前须进行社会稳定风险评估。",
    )
    if "save" in request.POST:
        return save_once(
            request,
            form,
            page,
            lambda appstruct, token: register_decision(context, appstruct, token, request),
            "已登记重大决策事项，请填写社会稳定风险评估报告",
            "该事项已登记，未重复保存",
            request.resource_url,
            refused=DecisionError,
        )
    page["form"] = form.render()
    return page


@view_config(context=Decision, permission=P.VIEW, renderer="portal.prevention:templates/decision.pt")
def decision_view(context, request):
    doc = context.assessment()
    own = may_decide(request, context.__parent__)
    entries = list(context.workflow_history)
    entries.reverse()
    return {
        "decision": context,
        "doc": doc,
        "state_title": _state_title(request, context),
        "rows": rows(get_document_type(CODE).schema(), doc.appstruct) if doc else [],
        "can_assess": own and context.workflow_state == "registered",
        "refusal": implementation_refusal(context) if own else None,
        "transitions": available_transitions(context, request),
        "obj": context,
        "entries": entries,
        "person": lambda u: person_title(context, u),
    }


@view_config(
    context=Decision,
    name="assessment",
    permission=P.ASSESS_DECISION,
    renderer="portal.reports:templates/form.pt",
)
def assessment_view(context, request):
    """The stability risk assessment report, filled from the decision; a draft until reported."""
    require(may_decide(request, context.__parent__) and context.workflow_state == "registered")
    schema = get_document_type(CODE).schema()
    form = clock_form(request, schema, (button("save", "保存评估报告", True),))
    form.action = request.resource_url(context, "@@assessment")
    page = dict(
        resources(request, form),
        title=f"社会稳定风险评估报告：{context.title}",
        intro="步骤：成立评估组、开展民意调查、分析论证、形成评估报告、运用评估结果。"
        "风险等级为高、中的，须填写防范化解措施并分项目拟制应急处置工作预案。",
    )
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            page["form"] = rendered
            return page
        save_assessment(context, appstruct, request)
        request.session.flash("已保存评估报告；确认无误后请报送", "success")
        return HTTPFound(request.resource_url(context))
    doc = context.assessment()
    page["form"] = form.render(doc.appstruct if doc is not None else initial_assessment(context, request))
    return page
