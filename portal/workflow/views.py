"""Workflow pages: fire a transition, an object's history, and the administrators' diagrams.

Firing a transition is registered once per permission a transition guard names (read from the
definitions at start-up, checked against them once they are loaded): the registration for
``P`` carries ``permission=P`` and the view predicate ``transition_permission=P``, which matches
when the posted transition of the context's workflow leads out of its current state and is
guarded by ``P``. So a user without the transition's permission gets the portal's 403 page from
Pyramid; the engine checks the guard (permission and conditions), comment and documents again
and a refusal is a message on the page. A posted id that is no transition of the context's
workflow, or none from its current state (a page left open while someone else moved the
object on), matches no registration; the exception view :func:`unknown_transition` answers it
with the engine's message, as before.
"""

from pyramid.csrf import check_csrf_token
from pyramid.exceptions import BadCSRFToken, PredicateMismatch
from pyramid.httpexceptions import HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from portal import clock
from portal.resources import Site
from portal.security.permissions import MANAGE_SITE, VIEW
from portal.security.redirects import safe_redirect

from .config import documents_present
from .diagram import render_svg
from .engine import WORKFLOWS_KEY, available_transitions, fire, get_workflow
from .errors import MissingDocuments, TransitionError, WorkflowError
from .loading import guard_permissions

#: Registry key of ``explain(context, request, MissingDocuments) -> flash message or None``,
#: which a concern that knows who supplies documents registers (``portal.documents``).
EXPLAIN_MISSING_KEY = "portal.workflow.explain_missing_documents"
#: Registry key of ``comment_text(context, request) -> (text -> text)``: how a concern whose
#: objects' history comments may name people shows them (``portal.cases`` masks identity).
COMMENT_TEXT_KEY = "portal.workflow.comment_text"


def in_workflow(context, request):
    return getattr(context, "workflow_id", None) is not None


def posted_transition(context, request):
    """The :class:`~portal.workflow.definition.Transition` posted (field ``transition``) if it
    is one of the context's workflow leading out of its current state, else ``None``."""
    if not in_workflow(context, request):
        return None
    try:
        workflow = get_workflow(context, request)
    except WorkflowError:
        return None
    transition = workflow.transitions.get(request.POST.get("transition", ""))
    if transition is None or context.workflow_state not in transition.source:
        return None
    return transition


class TransitionPermissionPredicate:
    """View predicate ``transition_permission=P``: the posted transition (see
    :func:`posted_transition`) is guarded by permission ``P``."""

    def __init__(self, permission, config):
        self.permission = permission

    def text(self):
        return f"transition_permission = {self.permission}"

    phash = text

    def __call__(self, context, request):
        transition = posted_transition(context, request)
        return transition is not None and transition.guard.permission == self.permission


class PostedToTransitionPredicate:
    """View predicate ``posted_to_transition=True`` of :func:`unknown_transition`: the request
    was for the ``transition`` view of an object in a workflow (an exception view's context
    is the exception, so this looks at ``request.context``)."""

    def __init__(self, value, config):
        self.value = bool(value)

    def text(self):
        return f"posted_to_transition = {self.value}"

    phash = text

    def __call__(self, context, request):
        found = request.view_name == "transition" and in_workflow(request.context, request)
        return found == self.value


def _error_page(request, error):
    """The portal's error page for ``error`` (403, CSRF), rendered from an exception view."""
    try:
        raise error
    except type(error):
        return request.invoke_exception_view()


def unknown_transition(exc, request):
    """A POST to ``@@transition`` on an object in a workflow whose posted id names no
    transition of it from its current state: no registration matched, so say so as the engine
    does (nothing changed); it still needs ``view`` on the object and the CSRF token."""
    context = request.context
    if not request.has_permission(VIEW, context):
        return _error_page(request, HTTPForbidden())
    if not check_csrf_token(request, raises=False):
        return _error_page(request, BadCSRFToken())
    return transition_view(context, request)


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


def transition_view_permissions(settings):
    """The permissions the transition guards of the definitions name: one registration each."""
    from .config import definition_directories

    found = set()
    for directory in definition_directories(settings):
        if directory:
            found |= guard_permissions(directory)
    return frozenset(found)


#: Registry key of the permissions :func:`transition_view` is registered for.
TRANSITION_PERMISSIONS_KEY = "portal.workflow.transition_permissions"


def check_transition_views(registry, workflows):
    """Start-up check: every transition guard of the loaded ``workflows`` names a permission
    :func:`transition_view` is registered for (raises ``ValueError`` listing the others)."""
    registered = registry.get(TRANSITION_PERMISSIONS_KEY, frozenset())
    missing = sorted(
        {t.guard.permission for wf in workflows.values() for t in wf.transitions.values()} - registered
    )
    if missing:
        raise ValueError(f"流程操作的权限未注册操作页面：{'、'.join(missing)}")


def includeme(config):
    config.add_view_predicate("transition_permission", TransitionPermissionPredicate)
    config.add_view_predicate("posted_to_transition", PostedToTransitionPredicate)
    permissions = transition_view_permissions(config.get_settings())
    config.registry[TRANSITION_PERMISSIONS_KEY] = permissions
    for permission in sorted(permissions):
        config.add_view(
            transition_view,
            name="transition",
            context=object,
            request_method="POST",
            permission=permission,
            transition_permission=permission,
        )
    config.add_exception_view(
        unknown_transition, context=PredicateMismatch, request_method="POST", posted_to_transition=True
    )
    config.scan(__name__)
