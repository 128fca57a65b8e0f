"""The workflow engine: puts objects in a workflow and moves them along it.

An object takes part in a workflow through four attributes the engine sets:

* ``workflow_id`` – the id of its :class:`Workflow`;
* ``workflow_state`` – the id of its current state;
* ``workflow_history`` – a :class:`WorkflowHistory` (append-only);
* ``__acl__`` – a tuple of ACEs rewritten from the state's permission map
  on every transition (see :func:`acl_for_state`).  For an object in a
  workflow the engine owns ``__acl__``: other code must not edit it.

The engine never looks up anything global.  The workflow of an object is
either passed explicitly (``workflow=``) or found in
``request.registry[WORKFLOWS_KEY]``, a mapping workflow id → Workflow that
the application puts there at start-up (Pyramid's registry is a dict).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from pyramid.authorization import Allow, Deny, Everyone

from portal.security.principals import ROLE, relation_principal, role_principal

from .definition import Transition, Workflow, parse_entry
from .errors import (
    AlreadyInitialized,
    CommentRequired,
    InvalidTransition,
    MissingDocuments,
    TransitionNotAllowed,
    WorkflowError,
)
from .events import AfterTransition
from .history import HistoryEntry, WorkflowHistory, check_aware

#: Key of the workflow mapping in the Pyramid registry.
WORKFLOWS_KEY = "portal.workflows"
#: Prefix of role principals: the role ``leader`` is the principal ``role:leader``.
ROLE_PREFIX = ROLE
#: ``transition_title`` of the history entry :func:`initialize` records.
INITIAL_TITLE = "创建"

DocumentsPresent = Collection[str] | Callable[[Any], Collection[str]]


def entry_principal(entry: str) -> str:
    """The principal a state map entry stands for: ``role:<id>`` or
    ``relation:<relation>:<role>``."""
    relation, role = parse_entry(entry)
    return role_principal(role) if relation is None else relation_principal(relation, role)


@lru_cache(maxsize=512)
def acl_for_state(workflow: Workflow, state_id: str) -> tuple[tuple, ...]:
    """The ``__acl__`` an object gets in state ``state_id``.

    First ``(Allow, principal, perm)`` for every managed permission and
    every entry the state grants it to (in definition order; ``role:<id>``
    for a role, ``relation:<relation>:<role>`` for a relation entry), then
    ``(Deny, Everyone, perm)`` for every managed permission the state does
    not ``acquire``.  Permissions the workflow does not manage get no ACE,
    so the parents' ACLs decide them. Cached per (definition, state): a
    definition is immutable.
    """
    try:
        state = workflow.states[state_id]
    except KeyError:
        raise WorkflowError(f"流程“{workflow.title}”中没有状态“{state_id}”") from None
    allows = [
        (Allow, entry_principal(entry), perm)
        for perm in workflow.permissions
        for entry in state.permissions[perm]
    ]
    denies = [(Deny, Everyone, perm) for perm in workflow.permissions if perm not in state.acquire]
    return tuple(allows + denies)


def initialize(obj: Any, workflow: Workflow, actor: str, when: datetime) -> None:
    """Put ``obj`` in the initial state of ``workflow``.

    Sets ``workflow_id``, ``workflow_state``, a new ``workflow_history``
    holding one entry (``transition=None``, ``from_state=None``) and the
    initial state's ``__acl__``.  Raises :class:`AlreadyInitialized` if the
    object already has a workflow.
    """
    check_aware(when)
    if getattr(obj, "workflow_id", None) is not None:
        raise AlreadyInitialized(f"该对象已纳入流程“{obj.workflow_id}”")
    initial = workflow.initial_state
    history = WorkflowHistory()
    history.append(
        HistoryEntry(
            actor=actor,
            when=when,
            transition=None,
            transition_title=INITIAL_TITLE,
            comment="",
            from_state=None,
            to_state=initial,
        )
    )
    obj.workflow_id = workflow.id
    obj.workflow_state = initial
    obj.workflow_history = history
    obj.__acl__ = acl_for_state(workflow, initial)


def get_workflow(obj: Any, request: Any = None, *, workflow: Workflow | None = None) -> Workflow | None:
    """The workflow ``obj`` is in, or ``None`` if it is in none.

    With ``workflow`` given, check that it is the object's one (else
    :class:`InvalidTransition`); otherwise look it up by the object's
    ``workflow_id`` in ``request.registry[WORKFLOWS_KEY]``.
    """
    wf_id = getattr(obj, "workflow_id", None)
    if wf_id is None:
        return None
    if workflow is not None:
        if workflow.id != wf_id:
            raise InvalidTransition(f"该对象属于流程“{wf_id}”，不属于“{workflow.title}”")
        return workflow
    registry = getattr(request, "registry", None)
    workflows = registry.get(WORKFLOWS_KEY) if registry is not None else None
    if workflows is None:
        raise WorkflowError(f"未配置工作流（registry[{WORKFLOWS_KEY!r}] 缺失）")
    try:
        return workflows[wf_id]
    except KeyError:
        raise WorkflowError(f"未找到流程“{wf_id}”") from None


def _guard_refusal(obj: Any, workflow: Workflow, transition: Transition, request: Any) -> str | None:
    """The Chinese reason the guard refuses, or ``None`` if it passes."""
    if not request.has_permission(transition.guard.permission, obj):
        return f"您无权执行“{transition.title}”"
    for name in transition.guard.conditions:
        condition = workflow.conditions[name]
        if not condition(obj, request):
            reason = getattr(condition, "title", None) or name
            return f"不满足执行“{transition.title}”的条件：{reason}"
    return None


def available_transitions(obj: Any, request: Any, *, workflow: Workflow | None = None) -> list[Transition]:
    """The transitions the requesting user may fire on ``obj`` now.

    Those whose sources include the current state, whose guard permission
    ``request.has_permission(perm, obj)`` grants and whose conditions all
    hold, in definition order.  Required documents and comments are not
    checked here (:func:`fire` reports them).  ``[]`` for an object in no
    workflow.
    """
    wf = get_workflow(obj, request, workflow=workflow)
    if wf is None:
        return []
    return [t for t in wf.transitions_from(obj.workflow_state) if _guard_refusal(obj, wf, t, request) is None]


def missing_documents(
    obj: Any, transition: Transition, documents_present: DocumentsPresent
) -> tuple[str, ...]:
    """The codes of ``transition.requires_documents`` not present on ``obj``,
    then those of ``requires_signed`` whose latest version is not signed off.

    ``documents_present`` is a collection of the codes present, or a
    callable ``(obj) -> collection of codes``; a mapping code -> bool
    (signed off or not) answers for ``requires_signed`` too (with a plain
    collection no document counts as signed).
    """
    if not transition.requires_documents and not transition.requires_signed:
        return ()
    present = documents_present(obj) if callable(documents_present) else documents_present
    signed = {c for c, s in present.items() if s} if isinstance(present, Mapping) else set()
    present = frozenset(present or ())
    missing = [code for code in transition.requires_documents if code not in present]
    missing += [code for code in transition.requires_signed if code not in signed and code not in missing]
    return tuple(missing)


def _codes(obj: Any, documents_present: DocumentsPresent) -> frozenset:
    present = documents_present(obj) if callable(documents_present) else documents_present
    return frozenset(present or ())


def fire(
    obj: Any,
    transition_id: str,
    request: Any,
    *,
    actor: str,
    comment: str = "",
    when: datetime,
    documents_present: DocumentsPresent = (),
    notify: Callable[[AfterTransition], Any] | None = None,
    workflow: Workflow | None = None,
) -> AfterTransition:
    """Fire ``transition_id`` on ``obj`` and return the emitted event.

    Checks, in order, and raises (each with a Chinese ``message``):
    :class:`InvalidTransition` if the object is in no workflow, the
    transition is unknown or the current state is not one of its sources;
    :class:`TransitionNotAllowed` if the guard permission is not granted or
    a condition fails; :class:`CommentRequired` if a comment is required and
    blank; :class:`MissingDocuments` if required documents are absent.
    Nothing is changed when it raises.

    On success: sets ``workflow_state``, rewrites ``__acl__``
    (:func:`acl_for_state`), appends a :class:`HistoryEntry` (comment
    stripped), then calls ``notify(AfterTransition(...))`` if given.
    """
    check_aware(when)
    if not isinstance(comment, str):
        raise TypeError("comment 应为字符串")
    wf = get_workflow(obj, request, workflow=workflow)
    if wf is None:
        raise InvalidTransition("该对象未纳入任何流程")
    transition = wf.transitions.get(transition_id)
    if transition is None:
        raise InvalidTransition(f"流程“{wf.title}”中没有“{transition_id}”这一操作")
    from_state = obj.workflow_state
    if from_state not in transition.source:
        current = wf.states[from_state].title if from_state in wf.states else from_state
        raise InvalidTransition(f"当前状态为“{current}”，不能执行“{transition.title}”")
    refusal = _guard_refusal(obj, wf, transition, request)
    if refusal is not None:
        raise TransitionNotAllowed(refusal)
    comment = comment.strip()
    if transition.requires_comment and not comment:
        raise CommentRequired(f"执行“{transition.title}”须填写意见")
    missing = missing_documents(obj, transition, documents_present)
    if missing:
        absent = [c for c in missing if c not in _codes(obj, documents_present)]
        parts = []
        if absent:
            parts.append("须提交以下文件：" + "、".join(wf.documents.get(c, c) for c in absent))
        unsigned = [c for c in missing if c not in absent]
        if unsigned:
            parts.append("以下文件须经签发：" + "、".join(wf.documents.get(c, c) for c in unsigned))
        raise MissingDocuments(
            f"执行“{transition.title}”前" + "；".join(parts), missing, transition=transition
        )

    entry = HistoryEntry(
        actor=actor,
        when=when,
        transition=transition.id,
        transition_title=transition.title,
        comment=comment,
        from_state=from_state,
        to_state=transition.target,
    )
    obj.workflow_state = transition.target
    obj.__acl__ = acl_for_state(wf, transition.target)
    obj.workflow_history.append(entry)
    event = AfterTransition(
        object=obj,
        workflow=wf,
        transition=transition,
        from_state=from_state,
        to_state=transition.target,
        actor=actor,
        comment=comment,
        when=when,
        request=request,
    )
    if notify is not None:
        notify(event)
    return event


@dataclass(frozen=True)
class WorklistQuery:
    """What a worklist asks the catalog for: objects of ``workflow_id`` in
    any of ``states`` on which the user holds ``permission``."""

    workflow_id: str
    worklist_id: str
    title: str
    states: tuple[str, ...]
    permission: str


def worklist_query(workflow: Workflow, worklist_id: str) -> WorklistQuery:
    """The plain description of a worklist; :class:`WorkflowError` if unknown."""
    try:
        worklist = workflow.worklists[worklist_id]
    except KeyError:
        raise WorkflowError(f"流程“{workflow.title}”中没有待办清单“{worklist_id}”") from None
    return WorklistQuery(
        workflow_id=workflow.id,
        worklist_id=worklist.id,
        title=worklist.title,
        states=worklist.states,
        permission=worklist.permission,
    )
