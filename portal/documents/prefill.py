"""Documents filled from the case: who, what, when, which units, which numbers and deadlines.

A schema marks the fields the case fills (``schemas.fields.from_case``) with the name of a
fact; :data:`FACTS` says how each fact is read from a case. ``check_sources`` refuses to start
when a schema names a fact this module does not know.

The drafter writes only what is new: a form leaves out every field whose fact the case knows
(``portal.documents.forms``). What a draft shows and what a signed version freezes is
:func:`document_values`: the values written, overlaid with the case's facts as they are now --
identity included, which is never stored in a draft: it is rendered from the case through a
``Disclosure`` while the document is a draft, and copied into it when it is signed off
(``portal.documents.api.sign_off``), by someone allowed to see it.
"""

from pyramid.traversal import find_interface

from schemas import document_types
from schemas.identity import case_sources

from .relations import unit_title


def _identity(field):
    def read(case):
        people = case.identity.people() if getattr(case, "identity", None) is not None else ()
        return (people[0].get(field) or None) if people else None

    read.identity = True
    return read


def _transition_day(transition):
    """The day (Beijing time) the case last went through ``transition``, or None."""

    def read(case):
        from portal.clock import as_date

        for entry in reversed(list(getattr(case, "workflow_history", ()))):
            if entry.transition == transition:
                return as_date(entry.when)
        return None

    return read


def _deadline_due(name):
    def read(case):
        deadline = getattr(case, "deadlines", {}).get(name)
        return deadline.due.due_date if deadline is not None else None

    return read


def _unit(relation):
    return lambda case: unit_title(case, relation) or None


def _body(which):
    """The title of the body that takes a 复查 (``review_body``) or 复核 request, as the
    chain's review rules name it (``portal.cases.review``)."""

    def read(case):
        from portal.cases import review

        body = getattr(review, which)(case)
        return body.title if body is not None else None

    return read


def _signed_number(code):
    def read(case):
        from .api import latest_versions
        from .archive import current_signed

        signed = current_signed(latest_versions(case, code)) if hasattr(case, "values") else []
        return signed[0].number if signed else None

    return read


#: fact name -> reader(case) -> value or None (unknown yet). Readers marked ``identity``
#: read the petitioner's identity: never stored in a draft, rendered through a Disclosure.
FACTS = {
    "petitioner.name": _identity("name"),
    "petitioner.id_number": _identity("id_number"),
    "petitioner.phone": _identity("phone"),
    "petitioner.address": _identity("address"),
    "subject": lambda case: getattr(case, "subject", None) or None,
    "channel": lambda case: getattr(case, "channel", None) or None,
    "received_on": lambda case: getattr(case, "received_on", None),
    "accepted_on": _transition_day("accept"),
    "assigned_on": _transition_day("assign"),
    "concluded_on": _transition_day("conclude"),
    "handling_due": _deadline_due("handling"),
    "registering_unit": _unit("registering"),
    "responsible_unit": _unit("responsible"),
    "assigning_unit": _unit("assigning"),
    "review_body": _body("review_body"),
    "rereview_body": _body("rereview_body"),
    "handling_opinion_number": _signed_number("handling_opinion"),
    "review_opinion_number": _signed_number("review_opinion"),
}


def check_sources(types=None):
    """Raise ``LookupError`` naming every ``from_case`` fact no reader knows."""
    unknown = sorted(
        {
            f"{t.code}.{name}: {fact}"
            for t in (types or document_types())
            for name, fact in case_sources(t.schema()).items()
            if fact not in FACTS
        }
    )
    if unknown:
        raise LookupError("documents name unknown case facts: " + ", ".join(unknown))


def case_of(node):
    """The case a document or container belongs to, or None."""
    from portal.cases.resource import Case

    return find_interface(node, Case)


def is_identity_fact(fact):
    return getattr(FACTS.get(fact), "identity", False)


def facts_for(case, schema, identity=True):
    """``{field name: value}`` of ``schema``'s fields the case knows now (identity facts only
    with ``identity``); fields whose fact is unknown yet are left out."""
    if case is None:
        return {}
    out = {}
    for name, fact in case_sources(schema).items():
        if not identity and is_identity_fact(fact):
            continue
        value = FACTS[fact](case)
        if value not in (None, ""):
            out[name] = value
    return out


def known_fields(case, schema):
    """The names of ``schema``'s fields the case fills now (left out of the form)."""
    return set(facts_for(case, schema))


def document_values(doc):
    """What ``doc`` shows: a signed version's frozen values; a draft's written values with the
    case's current facts over them (see module docstring)."""
    values = dict(doc.appstruct)
    if doc.frozen:
        return values
    values.update(facts_for(case_of(doc), doc.doc_type.schema()))
    return values


def stored_values(case, schema, written):
    """What a draft stores: ``written`` with the non-identity facts the case knows."""
    values = dict(written)
    values.update(facts_for(case, schema, identity=False))
    return values
