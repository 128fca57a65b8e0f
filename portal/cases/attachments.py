"""Attachments of a case (scans of letters, ID copies, handling papers) kept as ZODB blobs
(``portal.attachments``).

Limits: 10 MB per file, 20 files per case; images, PDF, OFD, Word and Excel, told by their
content rather than the name (``portal.attachments.sniffing``).

Each file is of a kind (:data:`KINDS`), chosen at upload:

- the petitioner's materials -- a copy of the letter (``letter``, 群众来信复印件: it goes into the
  case volume at its prescribed place, ``portal.documents.archive``) or another paper of theirs
  (``petitioner``: an ID copy, say) -- carry the petitioner's identity: opening one needs
  ``view_identity`` and is written to the identity audit log. Files stored before kinds existed
  (``''``) are treated the same way.
- handling materials (``handling``: a school's investigation notes, a reply draft) are open
  to everyone who may view the case, without an audit entry.

Who may upload: whoever may register or handle the case; a petitioner's material only someone
who may see the identity (a school uploads handling materials). A listing shows a handling
material's uploaded file name (to those who may open it); a petitioner's material is listed
under its neutral name (附件3.pdf) -- its file name may carry the petitioner's name, which is
shown only by the audited download.
"""

from pyramid.httpexceptions import HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.traversal import resource_path
from pyramid.view import view_config

from portal.attachments import (  # noqa: F401
    DOCUMENT_TYPES,
    IMAGES,
    PDF,
    AttachmentRefused,
    Policy,
    attachments_of,
    get_attachment,
)
from portal.attachments import add_attachment as _store
from portal.attachments.store import Attachment  # noqa: F401  (the class stored attachments have)
from portal.attachments.views import file_response
from portal.security import permissions as P

from .audit import get_audit_log
from .resource import Case

POLICY = Policy(families=DOCUMENT_TYPES, max_bytes=10 * 1024 * 1024, max_files=20)
LETTER = "letter"
PETITIONER = "petitioner"
HANDLING = "handling"
#: The kinds an upload may have, in the order the form offers them.
KINDS = {
    PETITIONER: "信访人材料（身份证件等，含身份信息）",
    LETTER: "群众来信复印件（含身份信息，立卷时按规定顺序归入案卷）",
    HANDLING: "办理材料（可查看本事项的人员均可下载）",
}


def add_attachment(case, fileobj, description, userid, letter=False, kind=None, filename=""):
    """Store the upload as a blob; refuse wrong types, oversize files and too many files.
    ``kind`` (one of :data:`KINDS`) defaults to ``letter`` if ``letter``, else ``petitioner``."""
    kind = kind or (LETTER if letter else PETITIONER)
    return _store(case, fileobj, description, userid, POLICY, kind=kind, filename=filename)


def letters_of(case):
    """The scans of the petitioner's letters, in upload order."""
    return attachments_of(case, kind=LETTER)


def carries_identity(attachment):
    """True for a petitioner's material (and a file stored before kinds existed)."""
    return getattr(attachment, "kind", "") != HANDLING


def listed_name(attachment):
    """The name a listing shows (see the module docstring)."""
    return attachment.name if carries_identity(attachment) else attachment.filename


def may_open(request, case, attachment):
    """Whether ``request``'s user may download ``attachment`` (viewing the case is given)."""
    return not carries_identity(attachment) or bool(request.has_permission(P.VIEW_IDENTITY, case))


def _may_upload(request, case):
    return request.has_permission(P.REGISTER_CASE, case) or request.has_permission(P.HANDLE_CASE, case)


def _upload(context, request):
    if not _may_upload(request, context):
        raise HTTPForbidden()
    may_see_identity = bool(request.has_permission(P.VIEW_IDENTITY, context))
    upload = request.POST.get("file")
    kind = request.POST.get("kind", "")
    try:
        if kind not in KINDS:
            raise AttachmentRefused("请选择材料类别")
        if kind != HANDLING and not may_see_identity:
            raise AttachmentRefused("您只能上传办理材料；信访人的材料由信访工作人员上传")
        if upload is None or not hasattr(upload, "file"):
            raise AttachmentRefused("请选择要上传的文件")
        attachment = add_attachment(
            context,
            upload.file,
            request.POST.get("description", "").strip(),
            request.authenticated_userid,
            kind=kind,
            filename=getattr(upload, "filename", ""),
        )
    except AttachmentRefused as exc:
        request.session.flash(str(exc), "danger")
    else:
        request.session.flash(f"已上传{listed_name(attachment)}", "success")
    return HTTPFound(request.resource_url(context, "@@attachments"))


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
        return _upload(context, request)
    may_see_identity = bool(request.has_permission(P.VIEW_IDENTITY, context))
    return {
        "attachments": [
            {
                "file": a,
                "name": listed_name(a),
                "openable": may_open(request, context, a),
                "kind": getattr(a, "kind", ""),
            }
            for a in attachments_of(context)
        ],
        "kinds": KINDS if may_see_identity else {HANDLING: KINDS[HANDLING]},
        "letter": LETTER,
        "handling": HANDLING,
        "policy": POLICY,
        "may_see_identity": may_see_identity,
        "may_upload": bool(_may_upload(request, context)),
    }


@view_config(context=Case, name="attachment", permission=P.VIEW)
def download_view(context, request):
    """Stream one attachment: a handling material to whoever may view the case; a petitioner's
    material only with ``view_identity``, audited like any unmasked identity view."""
    attachment = get_attachment(context, request.params.get("n"))
    if attachment is None:
        raise HTTPNotFound()
    if not may_open(request, context, attachment):
        raise HTTPForbidden()
    if carries_identity(attachment):
        get_audit_log(request.root).record(
            request.authenticated_userid,
            resource_path(context),
            context.number,
            ("attachment", attachment.name),
            request.client_addr or "",
        )
    return file_response(attachment)
