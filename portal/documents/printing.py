"""The printable form of a document: what the body templates receive, and the page around it.

The registry names a layout per document (``DocumentType.template``); its body is the
Chameleon template ``templates/body_<layout>.pt`` of this package. ``generic`` walks the
schema as a table; ``petitioner_letter`` is a letter to the petitioner (letterhead, salutation,
no internal review fields). A new layout is one more ``body_<name>.pt``; :func:`check_layouts`
refuses to start when the registry names a layout that has no template.

Both the ``@@print`` page, the PDF and the archive volume are built from :func:`body_html`, so
they always agree. Each takes a ``portal.cases.identity.Disclosure`` (``None``: masked) from
the view that asked ``disclose``; a draft shows what the case fills in as it is now
(``portal.documents.prefill.document_values``).
"""

import importlib.resources

from pyramid.renderers import render
from pyramid.traversal import find_root

from portal.clock import format_date_cn
from schemas import document_types

from .numbering import issuer_of
from .prefill import case_of, document_values
from .rendering import INTERNAL_FIELDS, rows, value_text

PACKAGE = "portal.documents"
#: Fields a letter shows in its salutation or closing instead of in the body.
LETTER_FRAME_FIELDS = frozenset({"petitioner_name", "addressee", "issuing_unit"})
#: Fields a letter is addressed to, first match wins (a higher body, else the petitioner).
LETTER_ADDRESSEE_FIELDS = ("addressee", "petitioner_name")
#: Fields that date a letter, first match wins.
LETTER_DATE_FIELDS = ("issued_on", "replied_on", "rated_on")


def layout_template(layout):
    return f"{PACKAGE}:templates/body_{layout}.pt"


def check_layouts():
    """Raise ``LookupError`` naming every registry layout without a body template."""
    root = importlib.resources.files(PACKAGE) / "templates"
    missing = sorted({t.template for t in document_types() if not (root / f"body_{t.template}.pt").is_file()})
    if missing:
        raise LookupError("document layouts without a template: " + ", ".join(missing))


def print_css():
    return (importlib.resources.files(PACKAGE) / "print.css").read_text(encoding="utf-8")


def person_title(node, userid):
    """A user's name for print (their userid if the account is gone)."""
    if not userid:
        return ""
    users = getattr(find_root(node), "users", None)
    user = users.get(userid) if users is not None else None
    return getattr(user, "title", None) or userid


def present(doc, disclosure=None, first=True):
    """The values a body template needs to print ``doc`` (see ``templates/body_*.pt``)."""
    schema = doc.doc_type.schema()
    values = document_values(doc)
    issuer = issuer_of(doc).title
    closing_unit = value_text(schema, values, "issuing_unit", disclosure) or issuer
    closing_date = next(
        (value_text(schema, values, f) for f in LETTER_DATE_FIELDS if value_text(schema, values, f)), ""
    )
    addressee = next(
        (
            value_text(schema, values, f, disclosure)
            for f in LETTER_ADDRESSEE_FIELDS
            if value_text(schema, values, f)
        ),
        "",
    )
    case = case_of(doc)
    return {
        "anchor": f"doc-{doc.__name__}",
        "first": first,
        "issuer": issuer,
        "title": doc.title,
        "number": doc.number or "",
        "version": doc.version,
        "superseded": doc.superseded_by is not None,
        "case_number": getattr(case, "number", ""),
        "rows": rows(schema, values, disclosure),
        "letter_rows": rows(schema, values, disclosure, skip=INTERNAL_FIELDS | LETTER_FRAME_FIELDS),
        "addressee": addressee,
        "closing_unit": closing_unit,
        "closing_date": closing_date or (format_date_cn(doc.signed_at) if doc.signed_at else ""),
        "author": person_title(doc, doc.author),
        "created_on": format_date_cn(doc.created),
        "signer": person_title(doc, doc.signed_by),
        "signed_on": format_date_cn(doc.signed_at) if doc.signed_at else "",
    }


def body_html(doc, request=None, disclosure=None, first=True):
    """The document's body (one ``<section class="document">``) in its registry layout."""
    return render(
        layout_template(doc.doc_type.template), {"d": present(doc, disclosure, first)}, request=request
    )


def page_html(doc, request=None, disclosure=None, toolbar=None):
    """A complete printable A4 HTML page of ``doc`` (``toolbar``: links shown on screen only)."""
    return render(
        f"{PACKAGE}:templates/print.pt",
        {
            "d": present(doc, disclosure),
            "css": print_css(),
            "toolbar": toolbar,
            "body": body_html(doc, request, disclosure),
        },
        request=request,
    )
