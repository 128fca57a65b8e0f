"""Who may fill, sign off and read documents, and which documents a container takes.

The rule, derived from the registry's ``filled_by`` role:

- **Fill** (add, edit a draft, correct a signed-off one) a document on a container: the user
  needs, on that container, the permission that characterises the ``filled_by`` role
  (:data:`FILL_PERMISSIONS`): a unit liaison's documents need ``file_report`` on a unit
  (``handle_case`` on a case); a petition officer's need ``register_case``; a petition head's
  ``manage_units``; a department handler's ``review_case``; an assessor's ``assess``; a
  leader's ``instruct_case``. Roles that hold the same permission (the petition head holds
  ``register_case``, the site administrator holds everything) may fill them too.
- **Sign off** (签发, which freezes the document and gives it its 文号): ``instruct_case`` on
  the container -- leaders and the heads of petition offices (and the site administrator),
  never the person who only files (a liaison, an officer).
- **Read**: ``view`` on the document (inherited from its container).

A container says which registry contexts it takes with a ``document_contexts`` attribute
(a case will say ``('case',)``); a unit takes ``unit`` documents, the site root also
``portal`` ones.
"""
from portal.security import permissions as P

from schemas import document_types, get_document_type

FILL_PERMISSIONS = {
    "unit_liaison": {"case": P.HANDLE_CASE, None: P.FILE_REPORT},
    "petition_officer": {None: P.REGISTER_CASE},
    "petition_head": {None: P.MANAGE_UNITS},
    "department_handler": {None: P.REVIEW_CASE},
    "assessor": {None: P.ASSESS},
    "principal_leader": {None: P.INSTRUCT_CASE},
    "leader_in_charge": {None: P.INSTRUCT_CASE},
    "leader": {None: P.INSTRUCT_CASE},
    "site_admin": {None: P.MANAGE_SITE},
}

SIGN_OFF_PERMISSION = P.INSTRUCT_CASE
VIEW_PERMISSION = P.VIEW


def fill_permission(doc_type):
    """The permission needed to fill documents of ``doc_type`` (a registry row or a code)."""
    if isinstance(doc_type, str):
        doc_type = get_document_type(doc_type)
    table = FILL_PERMISSIONS[doc_type.filled_by]
    return table.get(doc_type.context, table[None])


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


def may_fill(request, container, code):
    return accepts(container, code) and bool(
        request.has_permission(fill_permission(code), container))


def may_sign_off(request, doc):
    return bool(request.has_permission(SIGN_OFF_PERMISSION, doc))


def fillable_types(request, container):
    """Registry rows the user may add on ``container``, in the registry's order."""
    contexts = container_contexts(container)
    return [t for t in document_types()
            if t.context in contexts and request.has_permission(fill_permission(t), container)]
