"""Filing a monthly report (@@monthly-report on a unit), the report page, and review."""

import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal import clock
from portal.clock import format_date
from portal.documents.printing import person_title
from portal.documents.rendering import rows
from portal.forms import button, make_form, validate
from portal.i18n import _
from portal.resources import Unit
from portal.security import permissions as P
from portal.workflow import TransitionError, available_transitions
from portal.workflow.engine import WORKFLOWS_KEY
from schemas import get_document_type

from ..defaults import default_appstruct
from ..monthly import CODE, EDITABLE, MonthlyReport, get_report, save_report, transition, workflow_id
from ..months import localized_month_label
from ..units import is_filing_unit, may_file, may_review, receiving_unit
from .common import actor, doom, month_choices, month_param, resources

#: Badge colour per workflow state family (one colour per family, UI.md).
FAMILY_CSS = {
    "draft": "bg-secondary",
    "active": "bg-warning text-dark",
    "waiting": "bg-info text-dark",
    "done": "bg-success",
    "closed": "bg-dark",
}


def _schema(unit):
    schema = get_document_type(CODE).schema()
    schema["month"].widget = deform.widget.HiddenWidget()
    return schema


def _form(request, unit):
    submit_title = _("提交本级审核") if unit.kind == "county_bureau" else _("报送")
    return make_form(
        request,
        _schema(unit),
        (button("submit", submit_title, True), button("save", _("保存草稿")), button("cancel", _("取消"))),
    )


@view_config(
    context=Unit,
    name="monthly-report",
    renderer="portal.reports:templates/monthly_form.pt",
    permission=P.VIEW,
    request_method=("GET", "HEAD"),
)
@view_config(
    context=Unit,
    name="monthly-report",
    renderer="portal.reports:templates/monthly_form.pt",
    permission=P.SUBMIT_REPORTS,
    request_method="POST",
)
def monthly_report_form(context, request):
    """The unit's monthly report for ``?month=`` (this month by default): the form for the
    unit's filers while it is a draft or returned, else a pointer to the report."""
    month = month_param(request)
    if not is_filing_unit(context):
        request.session.flash(_("本单位不单独报送月报表"), "warning")
        return HTTPFound(request.resource_url(context))
    report = get_report(context, month)
    filer = may_file(request, context)
    editable = report is None or report.workflow_state in EDITABLE
    page = {
        "month": month,
        "month_label": localized_month_label(request, month),
        "months": month_choices(),
        "report": report,
        "form": None,
        "js": [],
        "css": [],
        "filer": filer,
        "title": request.localizer.translate(
            _(
                "${unit}${month}信访工作月报表",
                mapping={"unit": context.title, "month": localized_month_label(request, month)},
            )
        ),
    }
    if not (filer and editable):
        if report is not None and "submit" not in request.POST and "save" not in request.POST:
            return HTTPFound(request.resource_url(report))
        if request.method == "POST":
            request.session.flash(
                f"{page['title']}已报送，本次未作改动"
                if report is not None
                else _("您不是本单位的信访工作人员，不能填报"),
                "warning",
            )
            return HTTPFound(
                request.resource_url(report) if report is not None else request.resource_url(context)
            )
        return page
    form = _form(request, context)
    form.action = request.resource_url(context, "@@monthly-report", query={"month": month})
    page.update(resources(request, form))
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    if "submit" in request.POST or "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            page["form"] = rendered
            return page
        try:
            result = save_report(context, month, appstruct, request, submit="submit" in request.POST)
        except TransitionError as exc:
            doom(request)
            request.session.flash(exc.message, "danger")
            return HTTPFound(form.action)
        request.session.flash(result.message, "success" if result.action != "unchanged" else "warning")
        return HTTPFound(request.resource_url(result.report))
    if report is not None and report.document() is not None:
        values = report.appstruct
    else:
        values = default_appstruct(request.root, context, month, getattr(request.identity, "title", ""))
    page["form"] = form.render(values)
    return page


def report_page_data(context, request):
    wf = request.registry[WORKFLOWS_KEY][context.workflow_id]
    state = wf.states[context.workflow_state]
    doc = context.document()
    from portal.time_limits import badge

    deadline = context.monthly_deadline
    history = [
        {
            "who": person_title(context, e.actor),
            "when": format_date(e.when),
            "what": e.transition_title,
            "comment": e.comment,
        }
        for e in reversed(list(context.workflow_history))
    ]
    unit = context.unit
    return {
        "report": context,
        "unit": unit,
        "state": state,
        "family_css": FAMILY_CSS.get(state.family, "bg-secondary"),
        "rows": rows(doc.doc_type.schema(), doc.appstruct) if doc is not None else [],
        "doc": doc,
        "history": history,
        "badge": (
            badge(request, deadline, done=_("报送"), late=_("逾期报送")) if deadline is not None else None
        ),
        "transitions": [t for t in available_transitions(context, request) if t.id != "submit"],
        "can_edit": may_file(request, unit) and context.workflow_state in EDITABLE,
        "reviewer": may_review(request, unit),
        "dashboard_url": _dashboard_url(request, unit, context.month),
        "format_date": format_date,
    }


@view_config(context=MonthlyReport, renderer="portal.reports:templates/monthly_report.pt", permission=P.VIEW)
def report_view(context, request):
    return report_page_data(context, request)


@view_config(context=MonthlyReport, name="transition", request_method="POST", permission=P.REVIEW_REPORT)
def transition_view(context, request):
    """Return (with the reason), accept, approve or send back; the engine checks the guard."""
    tid = request.POST.get("transition", "")
    try:
        event = transition(
            context, tid, request, actor(request), comment=request.POST.get("comment", ""), when=clock.now()
        )
    except TransitionError as exc:
        doom(request)
        request.session.flash(exc.message, "danger")
    else:
        request.session.flash(f"已{event.transition.title}：{context.title}", "success")
    return HTTPFound(request.resource_url(context))


def _dashboard_url(request, unit, month):
    """The dashboard this report is listed on that the user may open, if any."""
    for node in (receiving_unit(unit), unit):
        if (
            node is not None
            and request.has_permission(P.REVIEW_REPORT, node)
            and (node.__parent__ is None or node.kind == "county_bureau")
        ):
            return request.resource_url(node, "@@reports-dashboard", query={"month": month})
    return None


def workflow_of(request, unit):
    return request.registry[WORKFLOWS_KEY][workflow_id(unit)]
