"""责任追究 pages: a unit's register of rectification notices and proposals (kept apart by
level, with the xlsx export), issuing one to a lower unit, its page, the unit's rectification
report, and the accountability proposal."""

from hypatia.query import Eq
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.catalog import allowed_query, search
from portal.clock import now
from portal.documents.printing import person_title
from portal.documents.rendering import rows
from portal.forms import button, validate
from portal.i18n import _
from portal.layout.export import xlsx_response
from portal.reports.units import path_of
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
from portal.time_limits.badges import badge
from portal.workflow import available_transitions
from portal.workflow.engine import WORKFLOWS_KEY
from schemas import get_document_type

from .proposals import (
    CODE as PROPOSAL_CODE,
)
from .proposals import (
    ProposalError,
    file_proposal,
    initial_proposal,
    is_overdue,
    may_propose,
    proposals,
)
from .rectification import (
    LIMIT,
    NOTICE,
    PROPOSAL,
    REPORT,
    Rectification,
    RectificationError,
    initial_notice,
    initial_report,
    issue,
    kind_for,
    may_issue,
    may_rectify,
    save_report,
)

HEADER = [
    "文书",
    _("文号"),
    _("主送单位"),
    _("发文单位"),
    _("下发日期"),
    _("整改期限"),
    _("期限状态"),
    _("状态"),
    _("责任追究建议"),
]
SECTIONS = ((NOTICE, _("整改通知书（对下级单位）")), (PROPOSAL, _("整改建议书（对下级教育行政机关）")))


def _state_title(request, obj):
    return request.registry[WORKFLOWS_KEY]["rectification"].states[obj.workflow_state].title


def _badge(request, rectification):
    moment = now()
    deadline = rectification.deadlines.get(LIMIT)
    return badge(request, deadline, moment.date(), moment) if deadline is not None else None


def register(request, unit):
    """{code: [rectification]} of ``unit``'s subtree, newest first."""
    site = request.root
    cat = site.catalog
    query = (
        Eq(cat["path"], path_of(unit))
        & Eq(cat["type_name"], "rectification")
        & allowed_query(site, request.user_principals)
    )
    results = search(site, query, "created", reverse=True)
    found = results.all() if results.total else []
    return {code: [r for r in found if r.code == code] for code, _title in SECTIONS}


@view_config(context=Site, name="accountability", permission=P.VIEW_HOME)
def accountability_entry(context, request):
    return entry_redirect(request, "@@rectifications", _("责任追究"))


@view_config(
    context=Unit,
    name="rectifications",
    permission=P.VIEW,
    renderer="portal.accountability:templates/register.pt",
)
def register_view(context, request):
    targets = [u for u in context.subunits() if u.active and may_issue(request, u)]
    return {
        "sections": [(title, register(request, context)[code]) for code, title in SECTIONS],
        "targets": targets,
        "kind_title": lambda u: get_document_type(kind_for(u)).title,
        "badge": lambda r: _badge(request, r),
        "state_title": lambda r: _state_title(request, r),
        "number": lambda r: (r.document().number or r.document().appstruct.get("document_ref"))
        if r.document()
        else "",
        "proposals": proposals,
    }


@view_config(context=Unit, name="rectifications-export", permission=P.VIEW)
def register_export(context, request):
    data = []
    found = register(request, context)
    for code, _title in SECTIONS:
        for r in found[code]:
            doc, shown = r.document(), _badge(request, r)
            data.append(
                [
                    r.title,
                    (doc.number or doc.appstruct.get("document_ref")) if doc else "",
                    r.__parent__.title,
                    r.issuer.title,
                    r.issued_on,
                    r.due_on,
                    shown["title"] if shown else "",
                    _state_title(request, r),
                    len(proposals(r)),
                ]
            )
    return xlsx_response(f"{context.title}-整改与责任追究.xlsx", [(_("整改通知与建议"), HEADER, data)])


@view_config(
    context=Unit,
    name="issue-rectification",
    permission=P.ISSUE_RECTIFICATION,
    renderer="portal.reports:templates/form.pt",
)
def issue_view(context, request):
    """The petition office of the level above issues the notice (a bureau: the proposal)."""
    require(may_issue(request, context))
    from portal.reports.units import receiving_unit

    code = kind_for(context)
    doc_type = get_document_type(code)
    form = once_form(
        request,
        doc_type.schema(),
        (button("save", _("下发"), True),),
        request.resource_url(context, "@@issue-rectification"),
    )
    page = dict(
        resources(request, form),
        title=f"向{context.title}下发{doc_type.title}",
        intro=_("下发后被整改单位即时收到通知；整改期限届满未报送整改情况的，系统告知上级单位和本信访部门。"),
    )
    if "save" in request.POST:
        return save_once(
            request,
            form,
            page,
            lambda appstruct, token: issue(context, appstruct, token, request),
            f"已下发{doc_type.title}",
            _("该文书已下发，未重复下发"),
            request.resource_url,
            refused=RectificationError,
        )
    page["form"] = form.render(initial_notice(context, receiving_unit(context)))
    return page


@view_config(
    context=Rectification, permission=P.VIEW, renderer="portal.accountability:templates/rectification.pt"
)
def rectification_view(context, request):
    docs = [context.document(), context.document(REPORT)] + proposals(context)
    entries = list(context.workflow_history)
    entries.reverse()
    return {
        "r": context,
        "state_title": _state_title(request, context),
        "badge": _badge(request, context),
        "docs": [(d, rows(d.doc_type.schema(), d.appstruct)) for d in docs if d is not None],
        "can_report": may_rectify(request, context) and context.workflow_state == "issued",
        "can_propose": may_propose(request, context),
        "overdue": is_overdue(context),
        "transitions": available_transitions(context, request),
        "obj": context,
        "entries": entries,
        "person": lambda u: person_title(context, u),
    }


@view_config(
    context=Rectification,
    name="rectification-report",
    permission=P.RECTIFY,
    renderer="portal.reports:templates/form.pt",
)
def report_view(context, request):
    """The unit's rectification report; then 报送整改情况 sends it to the issuer."""
    require(may_rectify(request, context) and context.workflow_state == "issued")
    form = clock_form(request, get_document_type(REPORT).schema(), (button("save", _("保存"), True),))
    form.action = request.resource_url(context, "@@rectification-report")
    page = dict(resources(request, form), title=f"{context.__parent__.title}：整改情况报告")
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            page["form"] = rendered
            return page
        save_report(context, appstruct, request)
        request.session.flash(_("已保存整改情况报告；确认后请报送"), "success")
        return HTTPFound(request.resource_url(context))
    doc = context.document(REPORT)
    page["form"] = form.render(doc.appstruct if doc is not None else initial_report(context))
    return page


@view_config(
    context=Rectification,
    name="accountability-proposal",
    permission=P.ISSUE_RECTIFICATION,
    renderer="portal.reports:templates/form.pt",
)
def proposal_view(context, request):
    """The head of the issuing office proposes accountability to the body above the unit."""
    require(may_propose(request, context))
    form = clock_form(
        request, get_document_type(PROPOSAL_CODE).schema(), (button("save", _("提出建议"), True),)
    )
    form.action = request.resource_url(context, "@@accountability-proposal")
    page = dict(
        resources(request, form),
        title=f"对{context.__parent__.title}的信访责任追究建议书",
        intro="逾期未整改或造成严重后果的，向责任单位的上级机关提出责任追究建议："
        "写明追究情形、责任人员类别（直接责任者、主要领导责任者、重要领导责任者）和建议追究方式。",
    )
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            page["form"] = rendered
            return page
        try:
            file_proposal(context, appstruct, request)
        except ProposalError as exc:
            request.session.flash(str(exc), "danger")
            page["form"] = form.render(appstruct)
            return page
        request.session.flash(_("已提出信访责任追究建议"), "success")
        return HTTPFound(request.resource_url(context))
    page["form"] = form.render(initial_proposal(context))
    return page
