"""Case pages: register, the case page (masked identity, reveal with audit), assign, supervise
and remind. Every view names its permission; the workflow engine re-checks each transition."""
from datetime import timedelta, timezone

from hypatia.query import Eq
from pyramid.httpexceptions import HTTPFound
from pyramid.traversal import find_resource, resource_path
from pyramid.view import view_config

from portal.catalog import allowed_query, search
from portal.documents.api import add_document, latest_versions
from portal.documents.policy import fillable_types
from portal.forms import button, make_form, validate
from portal.resources import Unit
from portal.security import permissions as P
from portal.workflow import available_transitions, fire
from portal.workflow.config import documents_present
from portal.workflow.engine import WORKFLOWS_KEY
from portal.workflow.errors import TransitionError
from portal.workflow.history import HistoryEntry

from . import assignment, identity, ownership
from .duplicates import same_matter
from .forms import assignment_schema, registration_schema
from .lifecycle import now, register_case, today
from .resource import Case

CST = timezone(timedelta(hours=8))


def _unit_choices(request, root_unit):
    """Active units in ``root_unit``'s subtree that the user may view, in tree order, labelled
    with their ancestors (中原区教育局 / 中原区第一中学)."""
    site = request.root
    query = (Eq(site.catalog["path"], resource_path(root_unit) or "/")
             & Eq(site.catalog["type_name"], "unit") & Eq(site.catalog["state"], "active")
             & allowed_query(site, request.user_principals))
    units = sorted(((resource_path(u) or "/", u) for u in search(site, query).all()),
                   key=lambda pair: pair[0])
    choices = []
    for path, unit in units:
        names, node = [], unit
        while node is not None and node.__parent__ is not None:
            names.append(node.title)
            node = node.__parent__
        choices.append((path, " / ".join(reversed(names)) or unit.title))
    return choices


@view_config(context=Unit, name="register-case", renderer="templates/register.pt",
             permission=P.REGISTER_CASE)
def register_view(context, request):
    """Register a case; before saving, show cases that look like the same matter."""
    channel = request.params.get("channel", "visit")
    units = [(p, t) for p, t in _unit_choices(request, request.root) if p != "/"]
    form = make_form(request, registration_schema(), (button("save", "提交", True),
                                                      button("cancel", "取消")),
                     bind={"units": units, "today": today()})
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    duplicates = []
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return {"form": rendered, "duplicates": [], "channel": channel}
        people = [appstruct["petitioner"]] + list(appstruct.get("representatives") or [])
        duplicates = same_matter(request.root, request.user_principals, people,
                                 appstruct["subject"])
        if duplicates and request.POST.get("confirm_new") != "1":
            return {"form": form.render(appstruct), "duplicates": duplicates, "channel": channel}
        extras = appstruct.pop("case")
        workflow = request.registry[WORKFLOWS_KEY]["case"]
        from portal.storage import on_commit
        from portal.time_limits import get_calendar
        from .numbering import request_reserver
        case = register_case(context, appstruct, request.authenticated_userid, workflow,
                             get_calendar(request.root), request.registry,
                             reserve=request_reserver(request))
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
    appstruct = {"channel": channel, "received_on": today()}
    return {"form": form.render(appstruct), "duplicates": [], "channel": channel}


def case_page_data(context, request, revealed=None):
    wf = request.registry[WORKFLOWS_KEY]["case"]
    from portal.time_limits import badge
    deadlines = [(name, d, badge(request, d)) for name, d in context.deadlines.items()]
    unit = assignment.responsible_unit(context)
    return {
        "state_title": wf.states[context.workflow_state].title,
        "state_family": wf.states[context.workflow_state].family,
        "people": revealed or identity.masked_people(context),
        "revealed": revealed is not None,
        "may_reveal": identity.may_reveal(request, context),
        "transitions": [t for t in available_transitions(context, request) if t.id != "assign"],
        "may_assign": bool(request.has_permission(P.ASSIGN_CASE, context)),
        "documents": latest_versions(context),
        "fillable": fillable_types(request, context),
        "present": documents_present(context),
        "deadlines": deadlines,
        "responsible": unit,
        "history": list(reversed(list(context.workflow_history)))[:10],
        "suggestions": ownership.suggestions(context),
        "may_own": bool(request.has_permission(P.INSTRUCT_CASE, context)) and not context.owner,
        "may_publish": bool(request.has_permission(P.PUBLISH_CASE, context)),
        "may_extend": bool(request.has_permission(P.INSTRUCT_CASE, context))
        and context.workflow_state in ("assigned", "handling"),
    }


@view_config(context=Case, renderer="templates/case.pt", permission=P.VIEW)
def case_view(context, request):
    return case_page_data(context, request)


@view_config(context=Case, name="reveal-identity", renderer="templates/case.pt",
             permission=P.VIEW_IDENTITY, request_method="POST")
def reveal_view(context, request):
    """Show the unmasked identity once; the view is written to the audit log first."""
    people = identity.reveal(request, context)
    request.response.headers["Cache-Control"] = "no-store"
    return case_page_data(context, request, revealed=people)


def assignment_base(context, request):
    """The unit whose subtree this user may assign within: the responsible unit if the user
    works there (assigning further down), else the registering unit."""
    site = request.root
    responsible = assignment.responsible_unit(context)
    if responsible is not None and request.has_permission(P.ASSIGN_CASE, responsible):
        return responsible
    return find_resource(site, context.registering_unit)


@view_config(context=Case, name="assign", renderer="portal.layout:templates/form.pt",
             permission=P.ASSIGN_CASE)
def assign_view(context, request):
    base = assignment_base(context, request)
    base_path = resource_path(base) or "/"
    targets = [(p, t) for p, t in _unit_choices(request, base) if p != base_path]
    form = make_form(request, assignment_schema(), (button("save", "交办", True),
                                                    button("cancel", "取消")),
                     bind={"targets": targets, "today": today()})
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return {"title": f"交办 {context.number}", "form": rendered}
        target = find_resource(request.root, appstruct.pop("target"))
        try:
            assignment.check_target(context, base_path, target)
        except assignment.AssignmentRefused as exc:
            request.session.flash(str(exc), "danger")
            return {"title": f"交办 {context.number}", "form": form.render()}
        assignment.assign(context, target, request.registry)
        add_document(context, "assignment_slip", appstruct, request.authenticated_userid,
                     registry=request.registry)
        try:
            fire(context, "assign", request, actor=request.authenticated_userid,
                 comment=f"交办给{target.title}", when=now(),
                 documents_present=documents_present, notify=request.registry.notify)
        except TransitionError as exc:
            import transaction
            transaction.doom()
            request.session.flash(exc.message, "danger")
            return HTTPFound(request.resource_url(context))
        request.session.flash(f"已交办给“{target.title}”", "success")
        return HTTPFound(request.resource_url(context))
    defaults = {"subject": context.subject, "issued_on": today(),
                "issuing_unit": base.title}
    handling = context.deadlines.get("handling")
    if handling is not None:
        defaults["due_on"] = handling.due.due_date
    return {"title": f"交办 {context.number}", "form": form.render(defaults)}


def _slip_view(context, request, code, action, title):
    from schemas import get_document_type
    form = make_form(request, get_document_type(code).schema(),
                     (button("save", "提交", True), button("cancel", "取消")),
                     bind={"today": today()})
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return {"title": title, "form": rendered}
        add_document(context, code, appstruct, request.authenticated_userid,
                     registry=request.registry)
        context.workflow_history.append(HistoryEntry(
            actor=request.authenticated_userid, when=now(), transition=action,
            transition_title=title, comment=f"时限：{appstruct['due_on']:%Y-%m-%d}。{appstruct.get('requirements', '')}",
            from_state=context.workflow_state, to_state=context.workflow_state))
        request.session.flash(f"已{title}，时限 {appstruct['due_on']:%Y-%m-%d}", "success")
        return HTTPFound(request.resource_url(context))
    unit = assignment.responsible_unit(context)
    defaults = {"subject": context.subject, "issued_on": today(),
                "unit": unit.title if unit is not None else ""}
    return {"title": title, "form": form.render(defaults)}


@view_config(context=Case, name="supervise", renderer="portal.layout:templates/form.pt",
             permission=P.ASSIGN_CASE)
def supervise_view(context, request):
    return _slip_view(context, request, "supervision_slip", "supervise", "督办")


@view_config(context=Case, name="remind", renderer="portal.layout:templates/form.pt",
             permission=P.ASSIGN_CASE)
def remind_view(context, request):
    return _slip_view(context, request, "reminder_slip", "remind", "催办")


def includeme(config):
    config.scan(__name__)
