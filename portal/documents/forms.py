"""The form of a document: only what the drafter writes, the rest from the case.

:func:`document_form` builds the registry form of a document for a container, leaving out

- every field the case fills now (``portal.documents.prefill``): the drafter sees those values
  above the form ("由信访事项自动填写"), never retypes them;
- every field holding identity when the user may not see identity on the container (a school
  is never asked for the petitioner's name, and never shown it in a form).

:func:`values_to_store` is what a save keeps: the fields written, the values of fields left out
of this user's form as they were, and the case's non-identity facts (identity comes in at
sign-off). A form that shows identity values (an edit by someone allowed to see them) renders
them through ``disclose``, so the view is audited and not cached.
"""

from dataclasses import dataclass

import colander

from portal.cases.identity import disclose, may_reveal
from portal.forms import button, make_form
from schemas.identity import identity_kind

from .prefill import case_of, facts_for, stored_values
from .rendering import rows


def _holds_identity(node):
    if identity_kind(node):
        return True
    return any(_holds_identity(child) for child in node.children)


@dataclass
class DocumentForm:
    """A deform form and what goes with it: ``given`` (rows the case fills in, shown above
    the form) and ``left_out`` (field names not in this user's form)."""

    form: object
    given: list
    left_out: frozenset
    shows_identity: bool


def document_form(request, container, doc_type, save_title, context=None):
    """The form of ``doc_type`` for ``container`` (``context``: the document edited, if any)."""
    schema = doc_type.schema()
    case = case_of(container)
    facts = facts_for(case, schema)
    allowed = may_reveal(request, context or container)
    left_out = set(facts)
    if not allowed:
        left_out |= {child.name for child in schema.children if _holds_identity(child)}
    given_schema = colander.SchemaNode(colander.Mapping())
    for name in [c.name for c in schema.children if c.name in left_out]:
        if name in facts:
            given_schema.add(schema[name].clone())
        del schema[name]
    shows_identity = allowed and any(
        _holds_identity(c) for c in list(schema.children) + list(given_schema.children)
    )
    form = make_form(request, schema, (button("save", save_title, True), button("cancel", "取消")))
    disclosure = disclose(request, context or container, "文书表单", reveal=shows_identity)
    given = rows(given_schema, facts, disclosure) if given_schema.children else []
    return DocumentForm(form, given, frozenset(left_out), shows_identity)


def values_to_store(container, doc_type, written, previous=None, left_out=()):
    """What a save stores (see module docstring)."""
    values = {k: v for k, v in (previous or {}).items() if k in left_out}
    values.update(written)
    return stored_values(case_of(container), doc_type.schema(), values)
