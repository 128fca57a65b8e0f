"""Who may fill, check, sign off and read documents, and which documents a container takes.

**On a case** the case's workflow decides (``[parties]`` and ``[[documents]]`` in
``workflows/case.toml``, see ``portal.workflow.documents``): a document may be drafted (added,
edited while a draft, corrected once signed), checked (审核) and signed off (签发) only by
the parties its rule names for that step, and only in the states it lists. A party is the
people holding one of its roles on a unit in its relation to the case
(``portal.documents.relations``). Signing off a document that carries the petitioner's identity
also needs ``view_identity`` (the identity is copied in from the case at that moment); a
document with a check step is signed off only once checked.

**On a unit** the registry's ``filled_by`` role decides, as a permission on the unit
(the role's ``fills`` in the role table, ``portal.security.roles``; start-up checks that every
``filled_by`` has one): a liaison's documents need ``file_report``, a petition officer's
``register_case``, a head's ``manage_units``, a department handler's ``review_case``, an
assessor's ``assess``, a leader's ``instruct_case``. Sign-off needs ``instruct_case`` (leaders,
heads of petition offices, the site administrator).

**Read**: ``view`` on the document (inherited from its container).

A container says which registry contexts it takes with a ``document_contexts`` attribute
(a case says ``('case',)``); a unit takes ``unit`` documents, the site root also
``portal`` ones.
"""

from portal.security import permissions as P
from portal.security.roles import ROLES
from schemas import document_types, get_document_type
from schemas.identity import identity_paths

from .relations import acting_unit, held

SIGN_OFF_PERMISSION = P.INSTRUCT_CASE
VIEW_PERMISSION = P.VIEW


def fill_permission(doc_type):
    """The permission needed to fill documents of ``doc_type`` on a unit (a row or a code)."""
    if isinstance(doc_type, str):
        doc_type = get_document_type(doc_type)
    return ROLES[doc_type.filled_by].fill_permission(doc_type.context)


def container_contexts(container):
    """The registry contexts ``container`` takes (see the module docstring)."""
    explicit = getattr(container, "document_contexts", None)
    if explicit is not None:
        return tuple(explicit)
    from portal.resources import Unit

    if isinstance(container, Unit):
        return ("unit", "portal") if container.__parent__ is None else ("unit",)
    return ()


def accepts(container, code):
    """True if documents of ``code`` may be stored on ``container``."""
    try:
        return get_document_type(code).context in container_contexts(container)
    except KeyError:
        return False


# -- the case's rules ------------------------------------------------------------
def workflow_of(request, container):
    """The workflow of ``container`` if it declares document rules, else None."""
    wf_id = getattr(container, "workflow_id", None)
    if wf_id is None:
        return None
    from portal.workflow.engine import WORKFLOWS_KEY

    wf = request.registry.get(WORKFLOWS_KEY, {}).get(wf_id)
    return wf if wf is not None and wf.document_rules else None


def acts_as(request, case, party):
    """True if the user holds one of ``party``'s roles on a unit in its relation to ``case``."""
    mine = held(request, case)
    return any((party.relation, role) in mine for role in party.roles)


def step_allows(request, container, code, step):
    """May the user take ``step`` (draft, check, sign) on ``code`` on the case now?"""
    wf = workflow_of(request, container)
    rule = wf.document_rules.get(code) if wf is not None else None
    declared = rule.step(step) if rule is not None else None
    if declared is None or not declared.allows(container.workflow_state):
        return False
    return any(acts_as(request, container, wf.parties[p]) for p in declared.by)


def signing_unit(request, doc):
    """The unit a signer of ``doc`` acts for (its 文号 is that unit's), or None."""
    case = doc.__parent__
    wf = workflow_of(request, case)
    if wf is None:
        return None
    step = wf.document_rules[doc.code].sign
    for party_id in step.by:
        party = wf.parties[party_id]
        if acts_as(request, case, party):
            return acting_unit(request, case, party.relation, party.roles)
    return None


def carries_identity(doc_type):
    return bool(identity_paths(doc_type.schema()))


# -- what the views ask ------------------------------------------------------------
def may_fill(request, container, code):
    if not accepts(container, code):
        return False
    if workflow_of(request, container) is not None:
        return step_allows(request, container, code, "draft")
    return bool(request.has_permission(fill_permission(code), container))


def may_check(request, doc):
    container = doc.__parent__
    return (
        not doc.frozen
        and doc.checked_by is None
        and workflow_of(request, container) is not None
        and step_allows(request, container, doc.code, "check")
    )


def needs_check(request, doc):
    wf = workflow_of(request, doc.__parent__)
    rule = wf.document_rules.get(doc.code) if wf is not None else None
    return rule is not None and rule.check is not None


def has_sign_right(request, doc):
    """Is the user a signer of ``doc`` here and now (case: its rule's sign step; unit:
    ``instruct_case``)?"""
    container = doc.__parent__
    if workflow_of(request, container) is None:
        return bool(request.has_permission(SIGN_OFF_PERMISSION, doc))
    return step_allows(request, container, doc.code, "sign")


def sign_refusal(request, doc):
    """Why a signer may not sign ``doc`` off yet (a Chinese sentence), or None."""
    if needs_check(request, doc) and doc.checked_by is None:
        return f"“{doc.title}”须先经审核，才能签发"
    if carries_identity(doc.doc_type) and not request.has_permission(P.VIEW_IDENTITY, doc):
        return f"“{doc.title}”载有信访人身份信息，须由有权查看身份信息的人员签发"
    return None


def may_sign_off(request, doc):
    """True if the user may sign ``doc`` off now (whether it is signed already is the view's
    concern: signing twice is a conflict, not a lack of right)."""
    return has_sign_right(request, doc) and sign_refusal(request, doc) is None


def fillable_types(request, container):
    """Registry rows the user may add on ``container``, in the registry's order."""
    contexts = container_contexts(container)
    return [t for t in document_types() if t.context in contexts and may_fill(request, container, t.code)]
