"""Documents the duties keep in step with their own records (filled from the portal's data).

:func:`sync_document` writes ``appstruct`` to the generated document of a record: a new draft
the first time, the draft itself while it is one, and after sign-off a correction (a new draft
version; the signed one stays in the archive). Returns the current document.
"""

from portal.documents.api import add_document, correct, update_document
from portal.documents.resource import Document


def current_version(container, name):
    """The latest version of the document stored as ``name`` on ``container`` (or None)."""
    doc = container.get(name) if name else None
    if not isinstance(doc, Document):
        return None
    while doc.superseded_by is not None:
        doc = doc.superseded_by
    return doc


def sync_document(container, code, appstruct, name, actor, registry=None, when=None, comment=""):
    doc = current_version(container, name)
    if doc is None:
        return add_document(container, code, appstruct, actor, registry=registry, when=when)
    if doc.appstruct == dict(appstruct):
        return doc
    if doc.frozen:
        doc = correct(doc, actor, registry=registry, when=when)
    update_document(doc, appstruct, actor, registry=registry, when=when, comment=comment)
    return doc


def unit_documents(site, unit, code):
    """The latest versions of ``unit``'s documents of ``code``, from the catalog (a unit's
    other children -- its cases -- are never loaded)."""
    from hypatia.query import Eq
    from pyramid.traversal import resource_path

    cat = site.catalog
    query = Eq(cat["parent_path"], resource_path(unit) or "/") & Eq(cat["type_name"], "document")
    found = []
    for docid in query.execute().ids:
        doc = site.docmap.get(docid)
        if isinstance(doc, Document) and doc.code == code and doc.superseded_by is None:
            found.append(doc)
    return found
