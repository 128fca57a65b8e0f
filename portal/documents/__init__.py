"""Documents of the regulation stored on units and cases: forms, print, PDF, archive.

Modules: :mod:`.resource` (the stored ``Document``), :mod:`.numbering` (文号),
:mod:`.policy` (who may draft / check / sign off, which container takes which codes: on a case,
the workflow's parties and document rules), :mod:`.relations` (which units stand in which
relation to a case, and in which the user acts), :mod:`.prefill` (what the case fills in),
:mod:`.forms` (the form a drafter fills), :mod:`.requirements` (what the next steps need, who
supplies it), :mod:`.api` (add, edit, check, sign off, correct, list), :mod:`.rendering`
(schema + values -> printable rows), :mod:`.printing` (print HTML per registry layout),
:mod:`.pdf` (WeasyPrint), :mod:`.archive` (case and yearly volumes), :mod:`.views` and
:mod:`.document_views` (the web pages). Identity is rendered only through
``portal.cases.identity.disclose``.

What another concern (the case lifecycle) calls::

    from portal.documents import add_document, update_document, sign_off, correct
    from portal.documents import documents_in, latest_versions, case_volume, volume_pdf
    from portal.documents.views import add_container_views   # in its includeme

Documents live on units (the archive lending register too: one ``archive_lending`` document
per loan, listed by ``@@lending``), so :func:`install` stores nothing on the site but the
city bureau's number counters.
"""

from .api import (
    add_document,
    check,
    correct,
    documents_in,
    latest_versions,  # noqa: F401
    sign_off,
    update_document,
    versions,
)
from .archive import CASE_VOLUME_ORDER, case_volume, unit_year_volume, volume_pdf  # noqa: F401
from .resource import Document, DocumentError, Frozen  # noqa: F401


def install(site):
    """Create what this concern stores on the site (idempotent; called by evolve step 4).

    The site (the city bureau, itself a unit) gets its empty 文号 counter store; other units
    get theirs with their first sign-off. Nothing is replaced when it exists already.
    """
    from BTrees.OOBTree import OOBTree

    from .numbering import COUNTERS

    if getattr(site, COUNTERS, None) is None:
        setattr(site, COUNTERS, OOBTree())


def includeme(config):
    """Register the document pages on units and documents; check every layout has a template
    and every case fact a schema names is known; explain refused transitions."""
    config.include(".evolution")
    from portal.resources import Unit
    from portal.workflow.views import EXPLAIN_MISSING_KEY

    from .prefill import check_sources
    from .printing import check_layouts
    from .requirements import explain
    from .views import add_container_views, add_document_form, add_document_views, add_unit_views

    check_layouts()
    check_sources()
    config.registry[EXPLAIN_MISSING_KEY] = explain
    config.add_directive("add_document_form", add_document_form)
    add_container_views(config, Unit)
    add_unit_views(config, Unit)
    add_document_views(config)
    config.include(".attachments")
    config.add_unit_action("documents", "文书", order=20)
