"""Filing a low-volume document (a risk-ledger entry, a duty log) exactly once per form.

Each form carries a random ``form_token``; a resubmission of the same form (after a network
error, a double click) finds the document it already created instead of adding a second one.
"""

from portal.documents.api import add_document, documents_in


def add_document_once(unit, code, appstruct, token, request):
    """Add a ``code`` document to ``unit`` unless this form's ``token`` already did;
    returns ``(doc, created)``."""
    if token:
        for doc in documents_in(unit, code):
            if getattr(doc, "form_token", None) == token:
                return doc, False
    doc = add_document(unit, code, appstruct, request.authenticated_userid, registry=request.registry)
    doc.form_token = token
    return doc, True
