"""Web pages of documents: on a container (list, add, yearly volume, lending register) and on
a document (view, edit, sign off, correct, print, PDF).

Every view declares a permission (``view``); the finer rule of ``portal.documents.policy``
(fill / sign off) is checked inside and refused with 403 (无权访问). Every POST carries the
CSRF token (the portal requires it by default). A change refused because of the document's
state (a signed-off document edited, signed off twice) answers 409 with a Chinese page and
changes nothing.

Container views are registered for ``Unit`` here; another container type (the case) gets the
same pages (list, add, its volume) with :func:`add_container_views`.
"""
from urllib.parse import quote

import colander
from hypatia.query import Eq
from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.response import Response
from pyramid.traversal import resource_path

from portal import clock
from portal.catalog import allowed_query, search
from portal.clock import format_date
from portal.forms import button, clock_bindings, make_form, validate
from portal.security import permissions as P

from schemas import document_types, get_document_type

from . import api, policy
from .archive import case_volume, unit_year_volume, volume_pdf
from .pdf import MEDIA_TYPE, document_pdf
from .printing import page_html, person_title
from .rendering import is_identity, rows
from .resource import Document, DocumentError

FORM_TEMPLATE = "portal.documents:templates/form.pt"
ERROR_TEMPLATE = "portal.layout:templates/error.pt"
CONFIRM_TEMPLATE = "portal.layout:templates/confirm.pt"
LENDING = "archive_lending"


# -- helpers ---------------------------------------------------------------
def _actor(request):
    return request.identity.userid if request.identity is not None else "anonymous"


def _container_url(request, container, view="@@documents"):
    return request.resource_url(container, view)


def _render_refusal(request, message, status=409):
    from pyramid.renderers import render_to_response
    response = render_to_response(ERROR_TEMPLATE, {"title": "操作未执行", "message": message},
                                  request=request)
    response.status = status
    return response


def _show_identity(request, context):
    return bool(request.has_permission(P.VIEW_IDENTITY, context))


def _form(request, doc_type, save_title):
    schema = doc_type.schema()
    return make_form(request, schema, (button("save", save_title, True), button("cancel", "取消")))


def _form_page(request, form, title, rendered, doc_type):
    resources = form.get_widget_resources()
    return {"title": title, "form": rendered, "doc_type": doc_type,
            "js": [request.static_url(r) for r in resources["js"]],
            "css": [request.static_url(r) for r in resources["css"]]}


def _pdf_response(body, filename):
    response = Response(body=body, content_type=MEDIA_TYPE)
    response.headers["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    return response


def listed_documents(request, container, code=None):
    """The container's documents the user may view, newest first (from the catalog)."""
    site = request.root
    catalog = site.catalog
    query = (Eq(catalog["parent_path"], resource_path(container) or "/")
             & Eq(catalog["type_name"], "document")
             & allowed_query(site, request.user_principals))
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
    return {"groups": groups, "total": len(docs),
            "fillable": policy.fillable_types(request, context),
            "is_unit": "unit" in policy.container_contexts(context),
            "year": year, "format_date": format_date,
            "person": lambda userid: person_title(context, userid)}


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
    if not request.has_permission(policy.fill_permission(doc_type), context):
        raise HTTPForbidden()
    if "cancel" in request.POST:
        return HTTPFound(_container_url(request, context))
    form = _form(request, doc_type, "保存")
    form.action = request.resource_url(context, "@@add-document", query={"code": code})
    title = f"填写{doc_type.title}"
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return _form_page(request, form, title, rendered, doc_type)
        doc = api.add_document(context, code, appstruct, _actor(request), request.registry)
        request.session.flash(f"已保存“{doc.title}”（草稿），签发前仍可修改", "success")
        return HTTPFound(request.resource_url(doc))
    return _form_page(request, form, title, form.render(), doc_type)


def volume_view(context, request):
    """@@volume: the archive volume as a PDF -- a case's volume on a case container, the
    unit's yearly volume (``?year=2026``, default this year) on a unit."""
    compiled_by = person_title(context, _actor(request))
    if "case" in policy.container_contexts(context):
        volume = case_volume(context, getattr(context, "number", "") or context.__name__,
                             getattr(context, "title", ""), compiled_by=compiled_by)
        body = volume_pdf(volume, request, _show_identity(request, context))
        return _pdf_response(body, f"{volume.number}.pdf")
    now_year = clock.today().year
    try:
        year = int(request.params.get("year", now_year))
    except ValueError:
        year = now_year
    if not 2000 <= year <= now_year + 1:
        year = now_year
    volume = unit_year_volume(context, year, compiled_by=compiled_by)
    body = volume_pdf(volume, request, _show_identity(request, context))
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
        entries.append({"doc": doc, "v": values,
                        "open": not doc.appstruct.get("returned_on") and not doc.frozen})
    return {"entries": entries,
            "can_fill": policy.may_fill(request, context, LENDING),
            "today": clock.today().isoformat()}


# -- document views ----------------------------------------------------------
def document_view(context, request):
    """The document read-only: values, versions, history, and what the user may do next."""
    show = _show_identity(request, context)
    container = context.__parent__
    may_fill = policy.may_fill(request, container, context.code)
    history = [{"who": person_title(context, e.actor), "when": format_date(e.when),
                "what": e.transition_title, "comment": e.comment}
               for e in reversed(list(context.history))]
    shown = rows(context.doc_type.schema(), context.appstruct, show)
    return {"doc": context, "rows": shown,
            "versions": api.versions(context), "history": history,
            "can_edit": may_fill and not context.frozen,
            "can_sign": policy.may_sign_off(request, context) and not context.frozen,
            "can_correct": may_fill and context.frozen and context.superseded_by is None,
            "identity_masked": not show and any(r.text and is_identity(r.path) for r in shown),
            "format_date": format_date,
            "person": lambda userid: person_title(context, userid)}


def edit_view(context, request):
    """@@edit: change a draft; a signed-off document is refused (409) and stays as it was."""
    container = context.__parent__
    if not request.has_permission(policy.fill_permission(context.code), container):
        raise HTTPForbidden()
    if context.frozen:
        return _render_refusal(request, f"“{context.title}”（{context.number}）已签发，不能修改。"
                                        "如需更正，请在文书页面选择“更正”生成新版本。")
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    doc_type = context.doc_type
    form = _form(request, doc_type, "保存")
    title = f"修改{doc_type.title}"
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return _form_page(request, form, title, rendered, doc_type)
        try:
            api.update_document(context, appstruct, _actor(request), request.registry)
        except DocumentError as exc:
            return _render_refusal(request, str(exc))
        request.session.flash(f"已保存对“{context.title}”的修改", "success")
        return HTTPFound(request.resource_url(context))
    return _form_page(request, form, title, form.render(context.appstruct), doc_type)


def sign_off_view(context, request):
    """@@sign-off: a confirmation step, then the number and the freeze."""
    if not policy.may_sign_off(request, context):
        raise HTTPForbidden()
    if context.frozen:
        return _render_refusal(request, f"“{context.title}”已签发（文号：{context.number}），不能重复签发。")
    if request.method == "POST" and request.POST.get("confirm"):
        number = api.sign_off(context, _actor(request), request.registry)
        request.session.flash(f"已签发“{context.title}”，文号：{number}", "success")
        return HTTPFound(request.resource_url(context))
    return {"title": f"签发{context.title}",
            "question": f"确定签发“{context.title}”吗？",
            "note": "签发后系统将自动编制文号，文书内容不能再修改；如需更正，只能生成新版本，原件保留可查。",
            "fields": {}, "confirm": "确认签发"}


def correct_view(context, request):
    """@@correct: a new draft version of a signed-off document (confirmation first)."""
    if not request.has_permission(policy.fill_permission(context.code), context.__parent__):
        raise HTTPForbidden()
    if not context.frozen or context.superseded_by is not None:
        msg = ("草稿可以直接修改，无需更正。" if not context.frozen
               else "此文书已有更正版本，请在最新版本上操作。")
        return _render_refusal(request, msg)
    if request.method == "POST" and request.POST.get("confirm"):
        new = api.correct(context, _actor(request), request.registry)
        request.session.flash(f"已生成“{new.title}”的第 {new.version} 版（草稿），原件保留可查", "success")
        return HTTPFound(request.resource_url(new, "@@edit"))
    return {"title": f"更正{context.title}",
            "question": f"确定为“{context.title}”（{context.number}）生成更正版本吗？",
            "note": "原件保持不变并标注“已被更正”；新版本为草稿，修改后须重新签发。",
            "fields": {}, "confirm": "生成新版本"}


def print_view(context, request):
    """@@print: the printable A4 page (the same HTML the PDF is made from)."""
    html = page_html(context, request, _show_identity(request, context), toolbar={
        "pdf": request.resource_url(context, "@@pdf"), "back": request.resource_url(context)})
    return Response(html, content_type="text/html", charset="utf-8")


def pdf_view(context, request):
    """@@pdf: the document through WeasyPrint, Chinese fonts embedded."""
    body = document_pdf(context, request, _show_identity(request, context))
    name = f"{context.title}{context.number or ''}.pdf"
    return _pdf_response(body, name)


def return_view(context, request):
    """@@return (POST): record the return date of an archive loan (a draft lending record)."""
    if context.code != LENDING:
        return _render_refusal(request, "只有档案借阅登记可以登记归还。", 404)
    container = context.__parent__
    if not request.has_permission(policy.fill_permission(LENDING), container):
        raise HTTPForbidden()
    if context.frozen:
        return _render_refusal(request, "此借阅登记已签发，不能修改。")
    back = request.resource_url(container, "@@lending")
    schema = get_document_type(LENDING).schema().bind(request=request, **clock_bindings())
    values = dict(context.appstruct)
    cstruct = schema.serialize(values)
    cstruct["returned_on"] = request.POST.get("returned_on", "").strip() or colander.null
    try:
        appstruct = schema.deserialize(cstruct)
    except colander.Invalid as exc:
        messages = "；".join(exc.asdict().values())
        request.session.flash(f"未能登记归还：{messages}", "danger")
        return HTTPFound(back)
    if not appstruct.get("returned_on"):
        request.session.flash("请填写归还日期", "danger")
        return HTTPFound(back)
    api.update_document(context, appstruct, _actor(request), request.registry, action="return")
    request.session.flash(f"已登记“{values.get('volume_title', '')}”的归还", "success")
    return HTTPFound(back)


# -- registration --------------------------------------------------------------
def add_container_views(config, container_class):
    """Register the container pages (list, add, volume) for ``container_class`` (a unit, a
    case: anything whose ``policy.container_contexts`` is not empty)."""
    view = config.add_view
    view(documents_view, context=container_class, name="documents", permission=P.VIEW,
         renderer="portal.documents:templates/documents.pt")
    view(add_document_view, context=container_class, name="add-document", permission=P.VIEW,
         renderer=FORM_TEMPLATE)
    view(volume_view, context=container_class, name="volume", permission=P.VIEW)


def add_unit_views(config, unit_class):
    """Pages only a unit has: the archive lending register."""
    config.add_view(lending_view, context=unit_class, name="lending", permission=P.VIEW,
                    renderer="portal.documents:templates/lending.pt")


def add_document_views(config):
    view = config.add_view
    view(document_view, context=Document, permission=P.VIEW,
         renderer="portal.documents:templates/document.pt")
    view(edit_view, context=Document, name="edit", permission=P.VIEW, renderer=FORM_TEMPLATE)
    view(sign_off_view, context=Document, name="sign-off", permission=P.VIEW,
         renderer=CONFIRM_TEMPLATE)
    view(correct_view, context=Document, name="correct", permission=P.VIEW,
         renderer=CONFIRM_TEMPLATE)
    view(print_view, context=Document, name="print", permission=P.VIEW)
    view(pdf_view, context=Document, name="pdf", permission=P.VIEW)
    view(return_view, context=Document, name="return", permission=P.VIEW, request_method="POST")
