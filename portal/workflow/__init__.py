"""The portal's workflow engine (DCWorkflow's model, as plain Python).

Definitions are data (TOML files in ``workflows/``, see its README.md);
:func:`load_workflow` / :func:`load_workflows` validate them at start-up.
The engine functions work on any object and any request that offers
``has_permission(permission, context)``; the Pyramid wiring (views,
``includeme``) lives elsewhere.

Public API::

    load_workflow(path_or_dict, *, roles, permissions, documents, conditions=None, source=None) -> Workflow
    load_workflows(directory, **known) -> Mapping[str, Workflow]
    validate(data, *, roles, permissions, documents, conditions, source='<dict>') -> list[Problem]
    initialize(obj, workflow, actor, when) -> None
    available_transitions(obj, request, *, workflow=None) -> list[Transition]
    fire(obj, transition_id, request, *, actor, comment='', when, documents_present=(),
         notify=None, workflow=None) -> AfterTransition
    acl_for_state(workflow, state_id) -> tuple[ACE, ...]
    missing_documents(obj, transition, documents_present) -> tuple[str, ...]
    get_workflow(obj, request=None, *, workflow=None) -> Workflow | None
    worklist_query(workflow, worklist_id) -> WorklistQuery
    render_svg(workflow) -> str
"""

from .definition import FAMILIES, Guard, State, Transition, Workflow, Worklist
from .diagram import render_svg
from .engine import (
    INITIAL_TITLE,
    ROLE_PREFIX,
    WORKFLOWS_KEY,
    WorklistQuery,
    acl_for_state,
    available_transitions,
    fire,
    get_workflow,
    initialize,
    missing_documents,
    role_principal,
    worklist_query,
)
from .errors import (
    AlreadyInitialized,
    CommentRequired,
    InvalidTransition,
    MissingDocuments,
    Problem,
    TransitionError,
    TransitionNotAllowed,
    WorkflowDefinitionError,
    WorkflowError,
)
from .events import AfterTransition
from .history import HistoryEntry, HistoryIsAppendOnly, WorkflowHistory
from .loading import load_workflow, load_workflows
from .validation import validate

__all__ = [
    "FAMILIES",
    "INITIAL_TITLE",
    "ROLE_PREFIX",
    "WORKFLOWS_KEY",
    "AfterTransition",
    "AlreadyInitialized",
    "CommentRequired",
    "Guard",
    "HistoryEntry",
    "HistoryIsAppendOnly",
    "InvalidTransition",
    "MissingDocuments",
    "Problem",
    "State",
    "Transition",
    "TransitionError",
    "TransitionNotAllowed",
    "Workflow",
    "WorkflowDefinitionError",
    "WorkflowError",
    "WorkflowHistory",
    "Worklist",
    "WorklistQuery",
    "acl_for_state",
    "available_transitions",
    "fire",
    "get_workflow",
    "initialize",
    "load_workflow",
    "load_workflows",
    "missing_documents",
    "render_svg",
    "role_principal",
    "validate",
    "worklist_query",
]
