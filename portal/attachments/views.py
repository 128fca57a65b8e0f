"""The attachment pages of a container type: upload (POST ``@@attach``) and download
(``@@attachment?n=3``), plus the panel a container's own page shows.

``add_attachment_views(config, context, policy, may_upload, may_download, on_download=None)``
registers both views for ``context`` (a class). ``may_upload(request, obj)`` and
``may_download(request, obj)`` are the finer rules (the views' permission is ``view``; a
refusal is a 403); ``on_download(request, obj, attachment)`` runs before a file is sent (an
audit entry, say). :func:`panel` gives a page what the panel macro
(``portal.attachments:templates/panel.pt``) needs for ``obj``.
"""

from dataclasses import dataclass

from pyramid.httpexceptions import HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.response import FileIter, Response

from portal.security import permissions as P

from .names import content_disposition
from .store import AttachmentRefused, add_attachment, attachments_of, get_attachment, open_attachment

KEY = "portal.attachments.containers"
PANEL = "portal.attachments:templates/panel.pt"


@dataclass(frozen=True)
class ContainerRules:
    policy: object
    may_upload: object
    may_download: object
    on_download: object = None
    download_note: str = ""
    names_shown: object = None


def rules_for(registry, obj):
    """The :class:`ContainerRules` registered for ``obj``'s class (or a base), or None."""
    table = registry.get(KEY) or {}
    for cls in type(obj).__mro__:
        if cls in table:
            return table[cls]
    return None


def panel(request, obj):
    """What the panel macro shows for ``obj`` (None when its type takes no attachments)."""
    rules = rules_for(request.registry, obj)
    if rules is None:
        return None
    return {
        "items": attachments_of(obj),
        "policy": rules.policy,
        "may_upload": bool(rules.may_upload(request, obj)),
        "may_download": bool(rules.may_download(request, obj)),
        "listed_name": _listed_name(request, obj, rules),
        "note": rules.download_note,
        "upload_url": request.resource_url(obj, "@@attach"),
        "download_url": lambda a: request.resource_url(obj, "@@attachment", query={"n": a.number}),
    }


def _listed_name(request, obj, rules):
    """The uploaded names when ``names_shown(request, obj)`` allows them and the user may
    download, else the neutral names (an uploaded name may carry a petitioner's name)."""
    shown = rules.may_download(request, obj) and (
        rules.names_shown is None or rules.names_shown(request, obj)
    )
    return (lambda a: a.filename) if shown else (lambda a: a.name)


def panel_macro():
    """The ``panel`` macro; a page fills it with ``attachments_panel`` (see :func:`panel`)."""
    from pyramid.renderers import get_renderer

    return get_renderer(PANEL).implementation().macros["panel"]


def _rules(request, context):
    rules = rules_for(request.registry, context)
    if rules is None:
        raise HTTPNotFound()
    return rules


def upload_view(context, request):
    rules = _rules(request, context)
    if not rules.may_upload(request, context):
        raise HTTPForbidden()
    upload = request.POST.get("file")
    try:
        if upload is None or not hasattr(upload, "file"):
            raise AttachmentRefused("请选择要上传的文件")
        attachment = add_attachment(
            context,
            upload.file,
            request.POST.get("description", ""),
            request.authenticated_userid,
            rules.policy,
            filename=getattr(upload, "filename", ""),
        )
    except AttachmentRefused as exc:
        request.session.flash(f"未能上传：{exc}", "danger")
    else:
        history = getattr(context, "record_attachment", None)
        if history is not None:
            history(request.authenticated_userid, attachment)
        request.session.flash(f"已上传{_listed_name(request, context, rules)(attachment)}", "success")
    return HTTPFound(request.resource_url(context) + "#attachments")


def download_view(context, request):
    rules = _rules(request, context)
    if not rules.may_download(request, context):
        raise HTTPForbidden()
    attachment = get_attachment(context, request.params.get("n"))
    if attachment is None:
        raise HTTPNotFound()
    if rules.on_download is not None:
        rules.on_download(request, context, attachment)
    return file_response(attachment)


def file_response(attachment):
    """The download of ``attachment``: its sniffed type, its uploaded (cleaned) name, never
    cached, never sniffed again by the browser."""
    response = Response(
        content_type=attachment.content_type,
        app_iter=FileIter(open_attachment(attachment)),
        content_length=attachment.size,
    )
    response.headers["Content-Disposition"] = content_disposition(attachment.filename, attachment.ascii_name)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def add_attachment_views(
    config,
    context,
    policy,
    may_upload,
    may_download,
    on_download=None,
    download_note="",
    upload_permission=P.VIEW,
    names_shown=None,
):
    """Register the upload and download views and the panel's rules for ``context``; uploading
    needs ``upload_permission`` (name the precise one: the view audit lists an upload guarded
    by ``view``) and ``may_upload`` (``names_shown(request, obj)``: whether the listing may show
    the uploaded names; by default to whoever may download)."""
    registry = config.registry
    table = registry.get(KEY)
    if table is None:
        table = registry[KEY] = {}
    table[context] = ContainerRules(policy, may_upload, may_download, on_download, download_note, names_shown)
    config.add_view(
        upload_view, context=context, name="attach", permission=upload_permission, request_method="POST"
    )
    config.add_view(download_view, context=context, name="attachment", permission=P.VIEW)
