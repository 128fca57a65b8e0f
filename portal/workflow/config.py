"""The workflow engine in Pyramid: definitions loaded and validated at start-up, views, events.

``includeme`` reads every ``workflows/*.toml`` against the portal's real roles, permissions,
documents (the ``schemas`` registry) and named conditions; a bad definition stops start-up.
After each transition the object is reindexed (state, workflow, allowed principals).
"""

from pathlib import Path
from types import MappingProxyType

import workflows as workflows_package
from portal.security.permissions import ALL as PERMISSIONS
from portal.security.roles import ROLES, document_role_problems, validate_roles
from schemas import RegistryError, document_titles, validate_registry

from .engine import WORKFLOWS_KEY
from .events import AfterTransition
from .loading import load_workflows

DEFINITIONS = Path(workflows_package.__file__).parent


def not_own_submission(obj, request):
    """The user reviewing is not the one who last submitted (four-eyes rule)."""
    submitter = None
    for entry in getattr(obj, "workflow_history", ()):
        if entry.transition == "submit":
            submitter = entry.actor
    return submitter is None or submitter != request.authenticated_userid


not_own_submission.title = "不能审核自己提交的材料"

CONDITIONS_KEY = "portal.workflow_conditions"


def documents_present(obj):
    """``{code: signed}`` of the documents stored on ``obj`` (children with a ``code``): each
    code present in its latest version, ``True`` when that version is signed off."""
    values = getattr(obj, "values", None)
    if values is None:
        return {}
    present = {}
    for child in values():
        if (
            getattr(child, "type_name", None) == "document"
            and getattr(child, "code", None)
            and getattr(child, "superseded_by", None) is None
        ):
            signed = bool(getattr(child, "frozen", False))
            present[child.code] = present.get(child.code, False) or signed
    return present


def load_definitions(directory=DEFINITIONS, conditions=None, roles=None):
    """Load and validate every definition against the role table (``roles``, default the
    portal's :data:`~portal.security.roles.ROLES`), after checking that table and the
    document registry's ``filled_by`` against it; raises ``ValueError`` for an unsound role
    table, ``RegistryError`` or ``WorkflowDefinitionError`` listing all problems."""
    from portal.security.relations import RELATIONS

    table = ROLES if roles is None else roles
    validate_roles(table)
    rows = validate_registry(roles=set(table))
    problems = document_role_problems(rows, table)
    if problems:
        raise RegistryError(problems)
    return load_workflows(
        directory,
        roles=set(table),
        permissions=set(PERMISSIONS),
        documents=document_titles(),
        conditions=dict(conditions or {}),
        relations=set(RELATIONS),
    )


def definition_directories(settings):
    """``(directory, extra)``: where the portal's definitions are (``portal.workflows_dir``,
    default ``workflows/``) and an optional second directory (``portal.extra_workflows_dir``:
    the tests add the reference example, tests/workflow/sample, this way; the portal has none)."""
    return settings.get("portal.workflows_dir") or DEFINITIONS, settings.get("portal.extra_workflows_dir")


def add_workflow_condition(config, name, condition):
    """Directive: make ``condition(obj, request) -> bool`` available to definitions as ``name``.

    Give the callable a Chinese ``title``: a failing guard shows it to the user.
    """
    config.registry[CONDITIONS_KEY][name] = condition


def reindex_after_transition(event):
    """The state and the ACL changed: reindex the object (its relation tokens carry the state)
    and what inherits its ACL."""
    from portal.catalog import reindex_object
    from portal.catalog.subscribers import reindex_subtree

    obj = event.object
    reindex_object(obj, ("state", "deadline_due", "relations"))
    reindex_subtree(obj, ("allowed", "worklist_tokens"))


def includeme(config):
    from portal.i18n import _

    """Definitions load in a late config action, after every concern registered its conditions."""
    config.registry[CONDITIONS_KEY] = {"not_own_submission": not_own_submission}
    config.add_directive("add_workflow_condition", add_workflow_condition)
    directory, extra = definition_directories(config.get_settings())

    def load():
        from .views import check_transition_views

        conditions = config.registry[CONDITIONS_KEY]
        found = load_definitions(directory, conditions)
        if extra:
            found = MappingProxyType({**found, **load_definitions(extra, conditions)})
        check_transition_views(config.registry, found)
        config.registry[WORKFLOWS_KEY] = found

    config.action("portal-load-workflows", load, order=50)
    config.add_subscriber(reindex_after_transition, AfterTransition)
    config.include(".views")
    from portal.security import permissions as P

    config.add_nav_item("workflows", _("流程定义"), P.MANAGE_SITE, order=170)
