"""Workflow pages: fire a transition, an object's history, and the administrators' diagrams."""

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from portal import clock
from portal.resources import Site
from portal.security.permissions import MANAGE_SITE, VIEW
from portal.security.redirects import safe_redirect

from .config import documents_present
from .diagram import render_svg
from .engine import WORKFLOWS_KEY, available_transitions, fire, get_workflow
from .errors import MissingDocuments, TransitionError

#: Registry key of ``explain(context, request, MissingDocuments) -> flash message or None``,
#: which a concern that knows who supplies documents registers (``portal.documents``).
EXPLAIN_MISSING_KEY = "portal.workflow.explain_missing_documents"
#: Registry key of ``comment_text(context, request) -> (text -> text)``: how a concern whose
#: objects' history comments may name people shows them (``portal.cases`` masks identity).
COMMENT_TEXT_KEY = "portal.workflow.comment_text"


def in_workflow(context, request):
    return getattr(context, "workflow_id", None) is not None


@view_config(name="transition", request_method="POST", permission=VIEW, context=object)
def transition_view(context, request):
    """Fire the posted transition; the engine checks guard, comment and documents again."""
    if not in_workflow(context, request):
        raise HTTPNotFound()
    transition_id = request.POST.get("transition", "")
    comment = request.POST.get("comment", "")
    try:
        event = fire(
            context,
            transition_id,
            request,
            actor=request.authenticated_userid,
            comment=comment,
            when=clock.now(),
            documents_present=documents_present,
            notify=request.registry.notify,
        )
    except MissingDocuments as exc:
        explain = request.registry.get(EXPLAIN_MISSING_KEY)
        request.session.flash((explain(context, request, exc) if explain else None) or exc.message, "danger")
    except TransitionError as exc:
        request.session.flash(exc.message, "danger")
    else:
        wf = event.workflow
        request.session.flash(
            f"已{event.transition.title}，当前状态：{wf.states[event.to_state].title}", "success"
        )
        if not request.has_permission(VIEW, context):
            # e.g. a unit that returned a case: it no longer sees it, so not back to a 403
            return HTTPFound(request.application_url + "/")
    return HTTPFound(
        safe_redirect(request, request.referer, fallback=request.resource_url(context, "@@history"))
    )


@view_config(name="history", renderer="templates/history.pt", permission=VIEW, context=object)
def history_view(context, request):
    """The object's append-only history as a timeline (read-only: no view edits it)."""
    if not in_workflow(context, request):
        raise HTTPNotFound()
    wf = get_workflow(context, request)
    entries = list(getattr(context, "workflow_history", ()))
    entries.reverse()
    comment_text = request.registry.get(COMMENT_TEXT_KEY)
    shown = comment_text(context, request) if comment_text is not None else (lambda text: text)
    return {
        "workflow": wf,
        "entries": entries,
        "comment": shown,
        "state_title": lambda s: wf.states[s].title if s in wf.states else (s or ""),
        "transitions": available_transitions(context, request),
    }


@view_config(context=Site, name="workflows", renderer="templates/workflows.pt", permission=MANAGE_SITE)
def workflows_admin(context, request):
    workflows = request.registry[WORKFLOWS_KEY]
    from portal.security.permissions import title_of

    return {"workflows": [workflows[k] for k in sorted(workflows)], "permission_title": title_of}


@view_config(context=Site, name="workflow-diagram", permission=MANAGE_SITE)
def workflow_diagram(context, request):
    workflows = request.registry[WORKFLOWS_KEY]
    wf = workflows.get(request.params.get("id", ""))
    if wf is None:
        raise HTTPNotFound()
    return Response(render_svg(wf), content_type="image/svg+xml", charset="utf-8")


def includeme(config):
    config.scan(__name__)
