"""Web pages of documents on a container: list, add, yearly or case volume, lending register.

Every view declares a permission (``view``); the finer rule of ``portal.documents.policy``
(who may draft what, where and when) is checked inside and refused with 403 (无权访问). Every
POST carries the CSRF token (the portal requires it by default). The pages of one document
are in :mod:`.document_views`.

Container views are registered for ``Unit`` here; another container type (the case) gets the
same pages (list, add, its volume) with :func:`add_container_views`.
"""

from urllib.parse import quote

from hypatia.query import Eq
from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.response import Response
from pyramid.traversal import resource_path

from portal import clock
from portal.cases.identity import PERSON_FIELDS, disclose
from portal.catalog import allowed_query, search
from portal.clock import format_date
from portal.forms import validate
from portal.security import permissions as P
from schemas import document_types, get_document_type

from . import api, policy
from .archive import LETTERS, case_volume, unit_year_volume, volume_pdf
from .forms import document_form, values_to_store
from .pdf import MEDIA_TYPE
from .printing import person_title
from .rendering import rows

FORM_TEMPLATE = "portal.documents:templates/form.pt"
ERROR_TEMPLATE = "portal.layout:templates/error.pt"
LENDING = "archive_lending"
DEDICATED_FORMS = "portal.documents.dedicated_forms"


def add_document_form(config, code, add_view, edit_view=None):
    """Config directive: documents of ``code`` are filled on a concern's own page.

    ``@@add-document?code=`` on a container redirects to ``add_view`` (a view name on the
    container, same query) and ``@@edit`` of such a document to ``edit_view`` (a view name on
    the document) when given: pages that fill the document from the portal's own data (a
    reception day's register, the people picked for a meeting) instead of typed text.
    """
    get_document_type(code)
    forms = config.registry.get(DEDICATED_FORMS)
    if forms is None:
        forms = config.registry[DEDICATED_FORMS] = {}
    forms[code] = (add_view, edit_view)


def dedicated_form(request, code):
    """(add view, edit view) of ``code`` when a concern fills it on its own page, else None."""
    return (request.registry.get(DEDICATED_FORMS) or {}).get(code)


# -- helpers ---------------------------------------------------------------
def _actor(request):
    return request.identity.userid if request.identity is not None else "anonymous"


def _container_url(request, container, view="@@documents"):
    return request.resource_url(container, view)


def _render_refusal(request, message, status=409):
    from pyramid.renderers import render_to_response

    response = render_to_response(
        ERROR_TEMPLATE, {"title": "操作未执行", "message": message}, request=request
    )
    response.status = status
    return response


def _form_page(request, built, title, rendered, doc_type):
    """The form page: the rendered form, what the case fills in (``given``), the resources."""
    resources = built.form.get_widget_resources()
    return {
        "title": title,
        "form": rendered,
        "doc_type": doc_type,
        "given": built.given,
        "js": [request.static_url(r) for r in resources["js"]],
        "css": [request.static_url(r) for r in resources["css"]],
    }


def _pdf_response(body, filename):
    response = Response(body=body, content_type=MEDIA_TYPE)
    response.headers["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    return response


def listed_documents(request, container, code=None):
    """The container's documents the user may view, newest first (from the catalog)."""
    site = request.root
    catalog = site.catalog
    query = Eq(catalog["parent_path"], resource_path(container) or "/") & Eq(catalog["type_name"], "document")
    from portal.security.relations import relational_object

    if relational_object(container) is None:  # a case's documents are viewable with the case
        query &= allowed_query(site, request.user_principals)
    results = search(site, query, sort_index="created", reverse=True)
    # Results.all() with no hits asks hypatia for limit=0, which it refuses: guard here.
    docs = results.all() if results.total else []
    return [d for d in docs if code is None or d.code == code]


# -- container views -------------------------------------------------------
def documents_view(context, request):
    """@@documents: the container's documents by type (registry order), newest first."""
    docs = listed_documents(request, context)
    groups = []
    for doc_type in document_types():
        of_type = [d for d in docs if d.code == doc_type.code]
        if of_type:
            groups.append({"type": doc_type, "docs": of_type})
    year = clock.today().year
    return {
        "groups": groups,
        "total": len(docs),
        "fillable": policy.fillable_types(request, context),
        "is_unit": "unit" in policy.container_contexts(context),
        "year": year,
        "format_date": format_date,
        "person": lambda userid: person_title(context, userid),
    }


def submitted_draft(container, doc_type):
    """The draft of ``doc_type`` a petitioner submitted from the public area on ``container``
    (a public type only: a satisfaction rating, a request for review), or None. Staff complete
    that document rather than start a second, blank one."""
    if not doc_type.public:
        return None
    drafts = api.latest_versions(container, doc_type.code, state="draft")
    return drafts[0] if drafts else None


def add_document_view(context, request):
    """@@add-document?code=...: the registry form of ``code``; saving stores a draft."""
    code = request.params.get("code", "")
    try:
        doc_type = get_document_type(code)
    except KeyError:
        request.session.flash("未知的文书类型，请从列表中选择要填写的文书", "warning")
        return HTTPFound(_container_url(request, context))
    if not policy.accepts(context, code):
        request.session.flash(f"“{doc_type.title}”不能在这里填写", "warning")
        return HTTPFound(_container_url(request, context))
    dedicated = dedicated_form(request, code)
    if dedicated is not None:
        return HTTPFound(request.resource_url(context, "@@" + dedicated[0], query=dict(request.GET)))
    if not policy.may_fill(request, context, code):
        raise HTTPForbidden()
    if "cancel" in request.POST:
        return HTTPFound(_container_url(request, context))
    submitted = submitted_draft(context, doc_type)
    if submitted is not None:
        request.session.flash(f"信访人已提交“{doc_type.title}”（草稿），请在此基础上核对、补充")
        return HTTPFound(request.resource_url(submitted, "@@edit"))
    built = document_form(request, context, doc_type, "保存")
    built.form.action = request.resource_url(context, "@@add-document", query={"code": code})
    title = f"填写{doc_type.title}"
    if "save" in request.POST:
        appstruct, rendered = validate(built.form, request)
        if appstruct is None:
            return _form_page(request, built, title, rendered, doc_type)
        values = values_to_store(context, doc_type, appstruct)
        doc = api.add_document(context, code, values, _actor(request), request.registry)
        request.session.flash(f"已保存“{doc.title}”（草稿），签发前仍可修改", "success")
        return HTTPFound(request.resource_url(doc))
    return _form_page(request, built, title, built.form.render(), doc_type)


def volume_view(context, request):
    """@@volume: the archive volume as a PDF -- a case's volume on a case container, the
    unit's yearly volume (``?year=2026``, default this year) on a unit."""
    compiled_by = person_title(context, _actor(request))
    if "case" in policy.container_contexts(context):
        volume = case_volume(
            context,
            getattr(context, "number", "") or context.__name__,
            getattr(context, "title", ""),
            compiled_by=compiled_by,
        )
        fields = PERSON_FIELDS  # the letters' copies are identity too: name them in the audit
        if volume.scans:
            fields += (LETTERS,) + tuple(s.attachment.name for s in volume.scans)
        body = volume_pdf(volume, request, disclose(request, context, "案卷", fields=fields))
        return _pdf_response(body, f"{volume.number}.pdf")
    now_year = clock.today().year
    try:
        year = int(request.params.get("year", now_year))
    except ValueError:
        year = now_year
    if not 2000 <= year <= now_year + 1:
        year = now_year
    volume = unit_year_volume(context, year, compiled_by=compiled_by)
    people = [p for e in volume.entries for p in e.doc.people()]
    body = volume_pdf(volume, request, disclose(request, context, "案卷", people=people))
    return _pdf_response(body, f"{volume.title}.pdf")


def lending_view(context, request):
    """@@lending: the unit's 档案借阅登记 (one archive_lending document per loan)."""
    docs = listed_documents(request, context, LENDING)
    schema = get_document_type(LENDING).schema()
    entries = []
    for doc in docs:
        if doc.superseded_by is not None:
            continue
        values = {r.path: r.text for r in rows(schema, doc.appstruct)}
        entries.append(
            {"doc": doc, "v": values, "open": not doc.appstruct.get("returned_on") and not doc.frozen}
        )
    return {
        "entries": entries,
        "can_fill": policy.may_fill(request, context, LENDING),
        "today": clock.today().isoformat(),
    }


# -- registration --------------------------------------------------------------
def add_container_views(config, container_class):
    """Register the container pages (list, add, volume) for ``container_class`` (a unit, a
    case: anything whose ``policy.container_contexts`` is not empty)."""
    view = config.add_view
    view(
        documents_view,
        context=container_class,
        name="documents",
        permission=P.VIEW,
        renderer="portal.documents:templates/documents.pt",
    )
    view(
        add_document_view,
        context=container_class,
        name="add-document",
        permission=P.FILL_DOCUMENTS,
        renderer=FORM_TEMPLATE,
    )
    view(volume_view, context=container_class, name="volume", permission=P.VIEW)


def add_unit_views(config, unit_class):
    """Pages only a unit has: the archive lending register."""
    config.add_view(
        lending_view,
        context=unit_class,
        name="lending",
        permission=P.VIEW,
        renderer="portal.documents:templates/lending.pt",
    )


def add_document_views(config):
    from .document_views import add_document_views as add

    add(config)
