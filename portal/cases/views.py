"""Case pages: register, the case page (masked identity, reveal with audit), assign, supervise
and remind. Every view names its permission; the workflow engine re-checks each transition."""

from pyramid.httpexceptions import HTTPFound
from pyramid.traversal import find_resource
from pyramid.view import view_config

from portal import clock
from portal.documents.api import add_document, latest_versions
from portal.documents.policy import fillable_types
from portal.forms import button, make_form, validate
from portal.i18n import _
from portal.resources import Unit
from portal.security import permissions as P
from portal.workflow import available_transitions, fire
from portal.workflow.config import documents_present
from portal.workflow.engine import WORKFLOWS_KEY
from portal.workflow.errors import TransitionError
from portal.workflow.history import HistoryEntry

from . import assignment, chain, delivery, extension, identity, ownership, review
from .duplicates import same_matter
from .forms import SLIP_FIELDS_FROM_CASE, assignment_schema, registration_schema
from .lifecycle import register_case
from .resource import Case


@view_config(context=Unit, name="register-case", renderer="templates/register.pt", permission=P.REGISTER_CASE)
def register_view(context, request):
    """Register a case; before saving, show cases that look like the same matter."""
    channel = request.params.get("channel", "visit")
    units = assignment.target_choices(request, request.root)
    form = make_form(
        request,
        registration_schema(),
        (button("save", _("提交"), True), button("cancel", _("取消"))),
        bind={"units": units},
    )
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    duplicates = []
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return {"form": rendered, "duplicates": [], "channel": channel}
        people = [appstruct["petitioner"]] + list(appstruct.get("representatives") or [])
        duplicates = same_matter(request, people, appstruct["subject"])
        if duplicates and request.POST.get("confirm_new") != "1":
            return {"form": form.render(appstruct), "duplicates": duplicates, "channel": channel}
        extras = appstruct.pop("case")
        workflow = request.registry[WORKFLOWS_KEY]["case"]
        from portal.storage import on_commit
        from portal.time_limits import get_calendar

        from .numbering import request_reserver

        case = register_case(
            context,
            appstruct,
            request.authenticated_userid,
            workflow,
            get_calendar(request.root),
            request.registry,
            reserve=request_reserver(request),
        )
        case.higher_deadline = extras.get("higher_deadline")
        case.unsuitable_for_publication = bool(extras.get("unsuitable_for_publication"))
        case.is_report = bool(extras.get("is_report"))  # 举报: never published
        if extras.get("is_report") and extras.get("reported_unit"):
            case.reported_unit = extras["reported_unit"]
        from portal.resources.events import ObjectModified

        request.registry.notify(ObjectModified(case))
        number = case.number  # told only once it is stored (not on a failed commit's error page)
        on_commit(request, lambda: request.session.flash(f"已登记信访事项 {number}", "success"))
        return HTTPFound(request.resource_url(case))
    appstruct = {"channel": channel, "received_on": clock.today()}
    return {"form": form.render(appstruct), "duplicates": [], "channel": channel}


def _assign_label(request, context):
    """交办 from the registering unit, 转办 by the unit holding it, 改派 from further up."""
    seq = chain.sequence(context)
    base = assignment.handing_unit(request, context)
    if len(seq) < 2:
        return _("交办")
    return _("转办") if base == seq[-1] else _("改派")


def case_page_data(context, request, reveal=False):
    """What the case page shows; identity masked (in the people table and wherever the
    problem and demands repeat it) unless ``reveal`` and the user may see it (audited)."""
    from portal.layout.panels import rendered_panels

    wf = request.registry[WORKFLOWS_KEY]["case"]
    from portal.documents.requirements import requirements
    from portal.time_limits import badge

    disclosure = identity.disclose(request, context, _("信访事项页面"), reveal=reveal)
    deadlines = [(name, d, badge(request, d)) for name, d in context.deadlines.items()]
    unit = assignment.responsible_unit(context)
    may_assign = bool(request.has_permission(P.ASSIGN_CASE, context))
    return {
        "state_title": wf.states[context.workflow_state].title,
        "state_family": wf.states[context.workflow_state].family,
        "people": [disclosure.person(p) for p in disclosure.people],
        "problem": disclosure.text(context.problem),
        "demands": disclosure.text(context.demands),
        "revealed": disclosure.shown,
        "requirements": requirements(request, context),
        "may_reveal": identity.may_reveal(request, context),
        "transitions": [t for t in available_transitions(context, request) if t.id != "assign"],
        "may_assign": may_assign,
        "assign_label": _assign_label(request, context) if may_assign else "",
        "may_supervise": bool(request.has_permission(P.SUPERVISE_CASE, context)),
        "chain": chain.describe(context),
        "review_note": review_note(context),
        "documents": latest_versions(context),
        "fillable": fillable_types(request, context),
        "present": documents_present(context),
        "deadlines": deadlines,
        "responsible": unit,
        "history": list(reversed(list(context.workflow_history)))[:10],
        "comment": disclosure.text,
        "suggestions": ownership.suggestions(context),
        "may_own": bool(request.has_permission(P.INSTRUCT_CASE, context)) and not context.owner,
        "may_publish": bool(request.has_permission(P.PUBLISH_CASE, context)),
        "may_extend": bool(request.has_permission(P.INSTRUCT_CASE, context))
        and context.workflow_state in ("assigned", "handling")
        and getattr(context.deadlines.get("handling"), "override", None) is None,
        "may_consent_extend": extension.may_extend_with_consent(request, context),
        "delivery": getattr(context, "reply_delivery", None),
        "delivery_unknown": context.workflow_state in delivery.DELIVERABLE_STATES
        and review.recorded_delivery(context, "review") is None,
        "may_record_delivery": delivery.may_record_delivery(request, context),
        "panels": rendered_panels(context, request),
    }


def review_note(case):
    """Where a 复查 / 复核 request goes, for the case page once the reply is out."""
    from . import review

    state = case.workflow_state
    if state in ("replied", "rated", "under_review"):
        body, what = review.review_body(case), _("复查")
    elif state in ("reviewed", "under_rereview"):
        body, what = review.rereview_body(case), _("复核")
    else:
        return ""
    if body is None:
        return f"{what}申请由上一级行政机关在本平台外受理"
    return f"{what}申请由{body.title}受理"


@view_config(context=Case, renderer="templates/case.pt", permission=P.VIEW)
def case_view(context, request):
    return case_page_data(context, request)


@view_config(
    context=Case,
    name="reveal-identity",
    renderer="templates/case.pt",
    permission=P.VIEW_IDENTITY,
    request_method="POST",
)
def reveal_view(context, request):
    """Show the unmasked identity once; the view is written to the audit log first and the
    response is not stored (``identity.disclose``)."""
    return case_page_data(context, request, reveal=True)


@view_config(
    context=Case, name="assign", renderer="portal.layout:templates/form.pt", permission=P.ASSIGN_CASE
)
def assign_view(context, request):
    """交办 / 转办 / 改派: one unit picker over the subtree of the unit the user hands on from."""
    base_path = assignment.handing_unit(request, context)
    if base_path is None:
        request.session.flash(_("您所在的单位不在该事项的办理链上，不能交办"), "warning")
        return HTTPFound(request.resource_url(context))
    base = find_resource(request.root, base_path)
    label = _assign_label(request, context)
    title = f"{label} {context.number}"
    form = make_form(
        request,
        assignment_schema(),
        (button("save", label, True), button("cancel", _("取消"))),
        bind={
            "targets": assignment.target_choices(request, base),
            "reviewing": assignment.reviewing_choices(base),
            "today": clock.today(),
        },
    )
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return {"title": title, "form": rendered}
        target = find_resource(request.root, appstruct.pop("target"))
        try:
            assignment.check_target(context, base_path, target)
        except assignment.AssignmentRefused as exc:
            request.session.flash(str(exc), "danger")
            return {"title": title, "form": form.render(appstruct)}
        reviewing = appstruct.pop("reviewing")
        context.joint_review_required = bool(appstruct.pop("joint_review"))
        assignment.assign(
            context,
            target,
            request.registry,
            actor=request.authenticated_userid,
            when=clock.now(),
            from_path=base_path,
            reviewing=reviewing,
            request=request,
        )
        appstruct.update(subject=context.subject, unit=target.title, issuing_unit=base.title)
        add_document(
            context, "assignment_slip", appstruct, request.authenticated_userid, registry=request.registry
        )
        try:
            fire(
                context,
                "assign",
                request,
                actor=request.authenticated_userid,
                comment=f"{label}给{target.title}",
                when=clock.now(),
                documents_present=documents_present,
                notify=request.registry.notify,
            )
        except TransitionError as exc:
            import transaction

            transaction.doom()
            request.session.flash(exc.message, "danger")
            return HTTPFound(request.resource_url(context))
        request.session.flash(f"已{label}给“{target.title}”", "success")
        return HTTPFound(request.resource_url(context))
    defaults = {"issued_on": clock.today()}
    handling = context.deadlines.get("handling")
    if handling is not None:
        defaults["due_on"] = handling.due.due_date
    return {"title": title, "form": form.render(defaults)}


def _slip_view(context, request, code, action, title):
    from schemas import get_document_type

    schema = get_document_type(code).schema()
    for name in SLIP_FIELDS_FROM_CASE:
        if name in schema:
            del schema[name]
    form = make_form(
        request,
        schema,
        (button("save", _("提交"), True), button("cancel", _("取消"))),
        bind={"today": clock.today()},
    )
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return {"title": title, "form": rendered}
        unit = assignment.responsible_unit(context)
        mine = chain.user_units(request, context)
        appstruct.update(
            subject=context.subject,
            unit=unit.title if unit is not None else "",
            issuing_unit=_title_of(request, mine[0] if mine else None),
        )
        add_document(context, code, appstruct, request.authenticated_userid, registry=request.registry)
        comment = f"时限：{appstruct['due_on']:%Y-%m-%d}。{appstruct.get('requirements', '')}"
        context.workflow_history.append(
            HistoryEntry(
                actor=request.authenticated_userid,
                when=clock.now(),
                transition=action,
                transition_title=title,
                comment=comment,
                from_state=context.workflow_state,
                to_state=context.workflow_state,
            )
        )
        from .notices import tell_holders

        tell_holders(context, request.authenticated_userid, title, comment, request.registry)
        request.session.flash(f"已{title}，时限 {appstruct['due_on']:%Y-%m-%d}", "success")
        return HTTPFound(request.resource_url(context))
    defaults = {"issued_on": clock.today()}
    handling = context.deadlines.get("handling") or context.deadlines.get("urgent_case")
    if handling is not None:
        defaults["original_due_on"] = handling.due.due_date
    from .conditions import last_assigned_on

    assigned = last_assigned_on(context)
    if assigned is not None:
        defaults["assigned_on"] = assigned
    return {"title": title, "form": form.render(defaults)}


def _title_of(request, path):
    if path is None:
        return ""
    try:
        return find_resource(request.root, path).title
    except KeyError:
        return ""


@view_config(
    context=Case, name="supervise", renderer="portal.layout:templates/form.pt", permission=P.SUPERVISE_CASE
)
def supervise_view(context, request):
    return _slip_view(context, request, "supervision_slip", "supervise", _("督办"))


@view_config(
    context=Case, name="remind", renderer="portal.layout:templates/form.pt", permission=P.SUPERVISE_CASE
)
def remind_view(context, request):
    return _slip_view(context, request, "reminder_slip", "remind", _("催办"))


def includeme(config):
    config.scan(__name__)
