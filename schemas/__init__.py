"""Colander schemas of the petition portal's documents.

This package imports only colander, deform and the standard library.  The
portal uses it through the registry:

    from schemas import get_document_type, document_types, validate_registry

    validate_registry()                 # once, at start-up

    doc = get_document_type('registration')
    schema = doc.schema().bind(request=request, today=today, local_zone=to_local)
    # a fresh schema per call; the caller says what day it is (``today``: a date or a
    # callable) and which zone a typed date-and-time is in (``local_zone``): this package
    # never reads the clock and names no time zone
    form = deform.Form(schema, buttons=('提交',))

Modules: :mod:`.validators` (Chinese-message validators), :mod:`.fields`
(field factories), :mod:`.vocabularies` (choice lists), the document
modules (:mod:`.case_intake`, :mod:`.case_handling`, :mod:`.case_closing`,
:mod:`.leadership`, :mod:`.reporting`, :mod:`.emergency`, :mod:`.unit_work`,
:mod:`.accountability`), and :mod:`.registry`.
"""

from .registry import (
    CONTEXTS,
    DocumentType,
    RegistryError,
    UnknownDocumentType,
    document_titles,
    document_types,
    get_document_type,
    validate_registry,
)

__all__ = [
    "CONTEXTS",
    "DocumentType",
    "RegistryError",
    "UnknownDocumentType",
    "document_titles",
    "document_types",
    "get_document_type",
    "validate_registry",
]
