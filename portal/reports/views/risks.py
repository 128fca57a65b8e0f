"""The risk-screening ledger of a unit's subtree (with its roll-up and xlsx export), adding
an entry, and updating one (status, resolution, help for families in hardship)."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.documents import Document
from portal.forms import button, make_form, validate
from portal.layout.export import xlsx_response
from portal.resources import Unit
from portal.security import permissions as P
from schemas import get_document_type

from ..risks import CODE, STATUS_TITLES, add_risk, ledger_lines, rollup, update_risk
from ..units import may_file
from .common import add_token_field, new_token, require, resources, save_once

HEADER = [
    "单位",
    "排查日期",
    "矛盾隐患",
    "风险等级",
    "责任单位",
    "责任人",
    "化解期限",
    "化解状态",
    "是否超期",
    "经济困难家庭",
    "帮扶救助情况",
]
ROLLUP_HEADER = ["单位", "条目", "未化解", "化解中", "已化解", "超期未化解", "困难家庭"]


def _params(request):
    status = request.params.get("status", "")
    return {
        "status": status if status in STATUS_TITLES else "",
        "hardship": request.params.get("hardship") == "1",
    }


@view_config(
    context=Unit, name="risk-ledger", permission=P.VIEW, renderer="portal.reports:templates/risk_ledger.pt"
)
def ledger_view(context, request):
    params = _params(request)
    lines = ledger_lines(request, context, params["status"], params["hardship"])
    groups, total = rollup(lines)
    return {
        "lines": lines,
        "groups": groups,
        "total": total,
        "params": params,
        "statuses": STATUS_TITLES,
        "can_add": may_file(request, context),
    }


@view_config(context=Unit, name="risk-ledger-export", permission=P.VIEW)
def ledger_export(context, request):
    params = _params(request)
    lines = ledger_lines(request, context, params["status"], params["hardship"])
    groups, total = rollup(lines)
    rows = [
        [
            x.unit_title,
            x.values.get("found_on"),
            x.values.get("subject"),
            x.level_title,
            x.values.get("responsible_unit"),
            x.values.get("responsible_person"),
            x.values.get("deadline"),
            x.status_title,
            x.overdue,
            bool(x.values.get("family_in_hardship")),
            x.values.get("assistance") or "",
        ]
        for x in lines
    ]
    keys = ("entries", "open", "in_progress", "resolved", "overdue", "hardship")
    summary = [[title] + [c.get(k, 0) for k in keys] for title, c in groups]
    summary.append(["合计"] + [total[k] for k in keys])
    return xlsx_response(
        f"{context.title}-矛盾隐患排查台账.xlsx",
        [("排查台账", HEADER, rows), ("汇总", ROLLUP_HEADER, summary)],
    )


def _form(request, action, token, title):
    schema = add_token_field(get_document_type(CODE).schema(), token)
    form = make_form(request, schema, (button("save", title, True),))
    form.action = action
    return form


@view_config(
    context=Unit, name="add-risk", permission=P.SUBMIT_REPORTS, renderer="portal.reports:templates/form.pt"
)
def add_risk_view(context, request):
    """Add an entry to the unit's ledger (the unit's filers)."""
    require(may_file(request, context))
    token = request.POST.get("form_token") or new_token()
    form = _form(request, request.resource_url(context, "@@add-risk"), token, "保存")
    page = dict(
        resources(request, form),
        title=f"{context.title}：登记矛盾隐患",
        intro="经济生活困难家庭请勾选并填写帮扶救助情况。",
    )
    if "save" in request.POST:
        return save_once(
            request,
            form,
            page,
            lambda appstruct, token: add_risk(context, appstruct, token, request),
            "已登记矛盾隐患",
            "该条目已登记，未重复保存",
            request.resource_url(context, "@@risk-ledger"),
        )
    page["form"] = form.render({"responsible_unit": context.title})
    return page


@view_config(
    context=Document,
    name="edit-risk",
    permission=P.SUBMIT_REPORTS,
    renderer="portal.reports:templates/form.pt",
)
def edit_risk_view(context, request):
    """Update a ledger entry (status, resolution date, assistance): its unit's filers."""
    unit = context.__parent__
    require(context.code == CODE and not context.frozen and may_file(request, unit))
    form = _form(request, request.resource_url(context, "@@edit-risk"), "", "保存")
    page = dict(resources(request, form), title=f"{unit.title}：更新矛盾隐患排查台账")
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            page["form"] = rendered
            return page
        appstruct.pop("form_token", None)
        update_risk(context, appstruct, request)
        request.session.flash("已更新排查台账", "success")
        return HTTPFound(request.resource_url(unit, "@@risk-ledger"))
    page["form"] = form.render(context.appstruct)
    return page
