"""Web pages of one document: view, edit, check, sign off, correct, print, PDF, return a loan.

Every view declares a permission (``view``); the finer rule of ``portal.documents.policy``
(draft / check / sign off) is checked inside and refused with 403 (无权访问). Every POST carries
the CSRF token. A change refused because of the document's state (a signed-off document edited,
signed off twice) answers 409 with a Chinese page and changes nothing. Every page that renders
the document's values takes its identity from ``portal.cases.identity.disclose``: masked for
whoever may not see it; in full, audited and ``no-store`` for whoever may.
"""

import colander
from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.response import Response
from pyramid.view import view_config

from portal.cases.identity import disclose
from portal.clock import format_date
from portal.forms import clock_bindings
from portal.i18n import _
from portal.security import permissions as P
from schemas import get_document_type

from . import api, policy
from .forms import document_form, values_to_store
from .pdf import document_pdf
from .prefill import document_values
from .printing import page_html, person_title
from .rendering import rows
from .resource import Document, DocumentError
from .views import FORM_TEMPLATE, LENDING, _actor, _form_page, _pdf_response, _render_refusal, dedicated_form

CONFIRM_TEMPLATE = "portal.layout:templates/confirm.pt"


def document_disclosure(request, doc, what):
    """The one call every rendering of ``doc`` makes (its own people included)."""
    from .rendering import people_in

    return disclose(request, doc, what, people=people_in(doc.doc_type.schema(), doc.appstruct))


@view_config(context=Document, permission=P.VIEW, renderer="portal.documents:templates/document.pt")
def document_view(context, request):
    """The document read-only: values, versions, history, and what the user may do next."""
    disclosure = document_disclosure(request, context, "文书页面")
    container = context.__parent__
    may_fill = policy.may_fill(request, container, context.code)
    history = [
        {
            "who": person_title(context, e.actor),
            "when": format_date(e.when),
            "what": _(e.transition_title),
            "comment": e.comment,
        }
        for e in reversed(list(context.history))
    ]
    shown = rows(context.doc_type.schema(), document_values(context), disclosure)
    latest = context.superseded_by is None
    from portal.attachments.views import panel, panel_macro

    return {
        "doc": context,
        "rows": shown,
        "attachments_panel": panel(request, context),
        "attachments_macro": panel_macro(),
        "versions": api.versions(context),
        "history": history,
        "can_edit": may_fill and not context.frozen,
        "can_check": latest and policy.may_check(request, context),
        "can_sign": latest and not context.frozen and policy.may_sign_off(request, context),
        "sign_note": (
            policy.sign_refusal(request, context)
            if latest and not context.frozen and policy.has_sign_right(request, context)
            else None
        ),
        "needs_check": policy.needs_check(request, context),
        "can_correct": may_fill and context.frozen and latest,
        "identity_masked": not disclosure.shown and any(r.text and r.identity for r in shown),
        "format_date": format_date,
        "person": lambda userid: person_title(context, userid),
    }


@view_config(context=Document, name="edit", permission=P.FILL_DOCUMENTS, renderer=FORM_TEMPLATE)
def edit_view(context, request):
    """@@edit: change a draft; a signed-off document is refused (409) and stays as it was."""
    container = context.__parent__
    dedicated = dedicated_form(request, context.code)
    if dedicated is not None and dedicated[1]:
        return HTTPFound(request.resource_url(context, "@@" + dedicated[1]))
    if not policy.may_fill(request, container, context.code):
        raise HTTPForbidden()
    if context.frozen:
        return _render_refusal(
            request,
            f"“{context.title}”（{context.number}）已签发，不能修改。"
            "如需更正，请在文书页面选择“更正”生成新版本。",
        )
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    doc_type = context.doc_type
    built = document_form(request, container, doc_type, "保存", context)
    title = f"修改{doc_type.title}"
    if "save" in request.POST:
        from portal.forms import validate

        appstruct, rendered = validate(built.form, request)
        if appstruct is None:
            return _form_page(request, built, title, rendered, doc_type)
        values = values_to_store(container, doc_type, appstruct, context.appstruct, built.left_out)
        try:
            api.update_document(context, values, _actor(request), request.registry)
        except DocumentError as exc:
            return _render_refusal(request, str(exc))
        request.session.flash(f"已保存对“{context.title}”的修改", "success")
        return HTTPFound(request.resource_url(context))
    return _form_page(request, built, title, built.form.render(context.appstruct), doc_type)


@view_config(context=Document, name="check", permission=P.FILL_DOCUMENTS, renderer=CONFIRM_TEMPLATE)
def check_view(context, request):
    """@@check: the unit above checks (审核) a draft; confirmation first, an optional note."""
    if not policy.may_check(request, context):
        if context.frozen or context.checked_by is not None:
            return _render_refusal(request, f"“{context.title}”已审核或已签发，无需再审核。")
        raise HTTPForbidden()
    if request.method == "POST" and request.POST.get("confirm"):
        api.check(
            context, _actor(request), request.registry, comment=request.POST.get("comment", "").strip()[:500]
        )
        request.session.flash(f"已审核通过“{context.title}”，可以签发", "success")
        return HTTPFound(request.resource_url(context))
    return {
        "title": f"审核{context.title}",
        "question": f"确认“{context.title}”审核通过吗？",
        "note": "审核通过后由签发人签发；如需修改，请退回承办单位（草稿修改后须重新审核）。",
        "fields": {},
        "confirm": "审核通过",
    }


@view_config(context=Document, name="sign-off", permission=P.FILL_DOCUMENTS, renderer=CONFIRM_TEMPLATE)
def sign_off_view(context, request):
    """@@sign-off: a confirmation step, then the number and the freeze. What the case fills in
    (the petitioner's identity too) is copied into the document now."""
    if not policy.has_sign_right(request, context):
        raise HTTPForbidden()
    if context.frozen:
        return _render_refusal(request, f"“{context.title}”已签发（文号：{context.number}），不能重复签发。")
    refusal = policy.sign_refusal(request, context)
    if refusal is not None:
        return _render_refusal(request, refusal)
    if request.method == "POST" and request.POST.get("confirm"):
        issuer = policy.signing_unit(request, context)
        number = api.sign_off(
            context, _actor(request), request.registry, issuer=issuer, values=document_values(context)
        )
        request.session.flash(f"已签发“{context.title}”，文号：{number}", "success")
        return HTTPFound(request.resource_url(context))
    note = "签发后系统将自动编制文号，文书内容不能再修改；如需更正，只能生成新版本，原件保留可查。"
    if policy.carries_identity(context.doc_type):
        note += "签发时将从信访事项自动填入信访人身份信息。"
    return {
        "title": f"签发{context.title}",
        "question": f"确定签发“{context.title}”吗？",
        "note": note,
        "fields": {},
        "confirm": "确认签发",
    }


@view_config(context=Document, name="correct", permission=P.FILL_DOCUMENTS, renderer=CONFIRM_TEMPLATE)
def correct_view(context, request):
    """@@correct: a new draft version of a signed-off document (confirmation first)."""
    if not policy.may_fill(request, context.__parent__, context.code):
        raise HTTPForbidden()
    if not context.frozen or context.superseded_by is not None:
        msg = (
            "草稿可以直接修改，无需更正。"
            if not context.frozen
            else "此文书已有更正版本，请在最新版本上操作。"
        )
        return _render_refusal(request, msg)
    if request.method == "POST" and request.POST.get("confirm"):
        new = api.correct(context, _actor(request), request.registry)
        request.session.flash(f"已生成“{new.title}”的第 {new.version} 版（草稿），原件保留可查", "success")
        return HTTPFound(request.resource_url(new, "@@edit"))
    return {
        "title": f"更正{context.title}",
        "question": f"确定为“{context.title}”（{context.number}）生成更正版本吗？",
        "note": "原件保持不变并标注“已被更正”；新版本为草稿，修改后须重新审核、签发。",
        "fields": {},
        "confirm": "生成新版本",
    }


@view_config(context=Document, name="print", permission=P.VIEW)
def print_view(context, request):
    """@@print: the printable A4 page (the same HTML the PDF is made from)."""
    html = page_html(
        context,
        request,
        document_disclosure(request, context, "打印"),
        toolbar={"pdf": request.resource_url(context, "@@pdf"), "back": request.resource_url(context)},
    )
    return Response(html, content_type="text/html", charset="utf-8")


@view_config(context=Document, name="pdf", permission=P.VIEW)
def pdf_view(context, request):
    """@@pdf: the document through WeasyPrint, Chinese fonts embedded."""
    body = document_pdf(context, request, document_disclosure(request, context, "PDF"))
    return _pdf_response(body, f"{context.title}{context.number or ''}.pdf")


@view_config(context=Document, name="return", permission=P.FILL_DOCUMENTS, request_method="POST")
def return_view(context, request):
    """@@return (POST): record the return date of an archive loan (a draft lending record)."""
    if context.code != LENDING:
        return _render_refusal(request, "只有档案借阅登记可以登记归还。", 404)
    container = context.__parent__
    if not policy.may_fill(request, container, LENDING):
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


def add_document_views(config):
    """Register a document's pages (the ``@view_config`` declarations above)."""
    config.scan(__name__)
