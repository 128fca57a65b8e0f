"""Attachments of a case (scans of letters, photos) kept as ZODB blobs (``portal.attachments``).

Limits: 10 MB per file, 20 files per case, and only JPEG, PNG and PDF, checked by their first
bytes rather than the name. A scan of a letter carries the petitioner's identity, so
downloading needs ``view_identity`` and is written to the identity audit log; the listing
shows only a neutral name (附件3.pdf), the staff's description, size and type.

A scan marked as a copy of the petitioner's letter (``kind == 'letter'``, 群众来信复印件) goes
into the case volume at its prescribed place (``portal.documents.archive``).
"""

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.response import FileIter, Response
from pyramid.traversal import resource_path
from pyramid.view import view_config

from portal.attachments import (  # noqa: F401
    IMAGES,
    PDF,
    AttachmentRefused,
    Policy,
    attachments_of,
    get_attachment,
    open_attachment,
)
from portal.attachments import add_attachment as _store
from portal.attachments.store import Attachment  # noqa: F401  (the class stored attachments have)
from portal.security import permissions as P

from .audit import get_audit_log
from .resource import Case

POLICY = Policy(families=IMAGES | PDF, max_bytes=10 * 1024 * 1024, max_files=20)
LETTER = "letter"


def add_attachment(case, fileobj, description, userid, letter=False):
    """Store the upload as a blob; refuse wrong types, oversize files and too many files."""
    return _store(case, fileobj, description, userid, POLICY, kind=LETTER if letter else "")


def letters_of(case):
    """The scans of the petitioner's letters, in upload order."""
    return attachments_of(case, kind=LETTER)


@view_config(
    context=Case,
    name="attachments",
    renderer="templates/attachments.pt",
    permission=P.VIEW,
    request_method=("GET", "HEAD"),
)
@view_config(
    context=Case,
    name="attachments",
    renderer="templates/attachments.pt",
    permission=P.WORK_ON_CASE,
    request_method="POST",
)
def attachments_view(context, request):
    if request.method == "POST":
        if not request.has_permission(P.REGISTER_CASE, context) and not request.has_permission(
            P.HANDLE_CASE, context
        ):
            from pyramid.httpexceptions import HTTPForbidden

            raise HTTPForbidden()
        upload = request.POST.get("file")
        try:
            if upload is None or not hasattr(upload, "file"):
                raise AttachmentRefused("请选择要上传的文件")
            attachment = add_attachment(
                context,
                upload.file,
                request.POST.get("description", "").strip(),
                request.authenticated_userid,
                letter=bool(request.POST.get("letter")),
            )
        except AttachmentRefused as exc:
            request.session.flash(str(exc), "danger")
        else:
            request.session.flash(f"已上传{attachment.name}", "success")
        return HTTPFound(request.resource_url(context, "@@attachments"))
    return {
        "attachments": attachments_of(context),
        "letter": LETTER,
        "may_download": bool(request.has_permission(P.VIEW_IDENTITY, context)),
        "may_upload": bool(
            request.has_permission(P.REGISTER_CASE, context) or request.has_permission(P.HANDLE_CASE, context)
        ),
    }


@view_config(context=Case, name="attachment", permission=P.VIEW_IDENTITY)
def download_view(context, request):
    """Stream one attachment; the download is audited like any unmasked identity view."""
    attachment = get_attachment(context, request.params.get("n"))
    if attachment is None:
        raise HTTPNotFound()
    get_audit_log(request.root).record(
        request.authenticated_userid,
        resource_path(context),
        context.number,
        ("attachment", attachment.name),
        request.client_addr or "",
    )
    response = Response(
        content_type=attachment.content_type,
        app_iter=FileIter(open_attachment(attachment)),
        content_length=attachment.size,
    )
    from urllib.parse import quote

    response.content_disposition = f"attachment; filename*=UTF-8''{quote(attachment.name)}"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
