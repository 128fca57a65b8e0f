"""Attachments of a case (scans of letters, photos) kept as ZODB blobs.

Limits: 10 MB per file, 20 files per case, and only JPEG, PNG and PDF, checked by their first
bytes rather than the name. A scan of a letter carries the petitioner's identity, so
downloading needs ``view_identity`` and is written to the identity audit log; the listing
shows only a neutral name (附件3.pdf), the staff's description, size and type.
"""
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.response import FileIter, Response
from pyramid.traversal import resource_path
from pyramid.view import view_config
from ZODB.blob import Blob

from portal import clock
from portal.security import permissions as P

from .audit import get_audit_log
from .resource import Case

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 20
TYPES = ((b"\xff\xd8\xff", "image/jpeg", "jpg"), (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
         (b"%PDF-", "application/pdf", "pdf"))


class AttachmentRefused(Exception):
    """``str()`` is the Chinese reason."""


class Attachment(Persistent):
    def __init__(self, number, content_type, extension, size, description, uploaded_by):
        self.number = number
        self.content_type = content_type
        self.extension = extension
        self.size = size
        self.description = description
        self.uploaded_by = uploaded_by
        self.uploaded = clock.now()
        self.blob = Blob()

    @property
    def name(self):
        return f"附件{self.number}.{self.extension}"


def sniff(head):
    for magic, content_type, extension in TYPES:
        if head.startswith(magic):
            return content_type, extension
    raise AttachmentRefused("只能上传 JPG、PNG 图片或 PDF 文件")


def attachments_of(case):
    store = getattr(case, "attachments", None)
    return list(store.values()) if store is not None else []


def add_attachment(case, fileobj, description, userid):
    """Store the upload as a blob; refuse wrong types, oversize files and too many files."""
    store = getattr(case, "attachments", None)
    if store is None:
        store = case.attachments = OOBTree()
    if len(store) >= MAX_FILES:
        raise AttachmentRefused(f"每件信访事项最多上传{MAX_FILES}个附件")
    data = fileobj.read(MAX_BYTES + 1)
    if not data:
        raise AttachmentRefused("文件为空")
    if len(data) > MAX_BYTES:
        raise AttachmentRefused("单个附件不能超过10MB")
    content_type, extension = sniff(data[:8])
    number = (max(store.keys()) + 1) if len(store) else 1
    attachment = Attachment(number, content_type, extension, len(data), description[:200], userid)
    with attachment.blob.open("w") as out:
        out.write(data)
    store[number] = attachment
    return attachment


@view_config(context=Case, name="attachments", renderer="templates/attachments.pt",
             permission=P.VIEW)
def attachments_view(context, request):
    if request.method == "POST":
        if not request.has_permission(P.REGISTER_CASE, context) and \
                not request.has_permission(P.HANDLE_CASE, context):
            from pyramid.httpexceptions import HTTPForbidden
            raise HTTPForbidden()
        upload = request.POST.get("file")
        try:
            if upload is None or not hasattr(upload, "file"):
                raise AttachmentRefused("请选择要上传的文件")
            attachment = add_attachment(context, upload.file,
                                        request.POST.get("description", "").strip(),
                                        request.authenticated_userid)
        except AttachmentRefused as exc:
            request.session.flash(str(exc), "danger")
        else:
            request.session.flash(f"已上传{attachment.name}", "success")
        return HTTPFound(request.resource_url(context, "@@attachments"))
    return {"attachments": attachments_of(context),
            "may_download": bool(request.has_permission(P.VIEW_IDENTITY, context)),
            "may_upload": bool(request.has_permission(P.REGISTER_CASE, context)
                               or request.has_permission(P.HANDLE_CASE, context))}


@view_config(context=Case, name="attachment", permission=P.VIEW_IDENTITY)
def download_view(context, request):
    """Stream one attachment; the download is audited like any unmasked identity view."""
    try:
        number = int(request.params.get("n", ""))
    except ValueError:
        raise HTTPNotFound()
    store = getattr(context, "attachments", None)
    attachment = store.get(number) if store is not None else None
    if attachment is None:
        raise HTTPNotFound()
    get_audit_log(request.root).record(request.authenticated_userid, resource_path(context),
                                       context.number, ("attachment", attachment.name),
                                       request.client_addr or "")
    blob = attachment.blob.open("r")
    response = Response(content_type=attachment.content_type, app_iter=FileIter(blob),
                        content_length=attachment.size)
    from urllib.parse import quote
    response.content_disposition = f"attachment; filename*=UTF-8''{quote(attachment.name)}"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
