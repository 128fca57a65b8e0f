"""Attachments of documents: the recording of a reception or a meeting, photos, scans.

Who may upload: whoever may fill the document on its container, on its current version (a
corrected document keeps its files; new ones go to the latest version). Who may download:
whoever may read the document; for a document that carries a petitioner's or visitor's
identity (a reception register, say) only holders of ``view_identity``, and each download is
written to the identity audit log like any unmasked view.
"""

from functools import cache

from pyramid.traversal import resource_path

from portal.attachments import AUDIO, DOCUMENT_TYPES, VIDEO, Policy
from portal.attachments.store import MB
from portal.security import permissions as P

from . import policy
from .resource import Document

POLICY = Policy(families=DOCUMENT_TYPES | AUDIO | VIDEO, max_bytes=200 * MB, max_files=20)


@cache
def carries_identity(code):
    """True if documents of ``code`` hold a petitioner's or visitor's identity."""
    from schemas import get_document_type
    from schemas.identity import identity_paths

    return bool(identity_paths(get_document_type(code).schema()))


def may_upload(request, doc):
    return doc.superseded_by is None and policy.may_fill(request, doc.__parent__, doc.code)


def may_download(request, doc):
    if carries_identity(doc.code):
        return bool(request.has_permission(P.VIEW_IDENTITY, doc))
    return bool(request.has_permission(P.VIEW, doc))


def audit_download(request, doc, attachment):
    if carries_identity(doc.code):
        from portal.cases.audit import get_audit_log

        get_audit_log(request.root).record(
            request.authenticated_userid,
            resource_path(doc),
            doc.number or doc.title,
            ("attachment", attachment.name),
            request.client_addr or "",
        )


def includeme(config):
    from portal.attachments.views import add_attachment_views

    add_attachment_views(
        config,
        Document,
        POLICY,
        may_upload,
        may_download,
        audit_download,
        "本文书含来访人身份信息的，下载附件将记入身份信息查看日志。",
        upload_permission=P.FILL_DOCUMENTS,
        names_shown=lambda request, doc: not carries_identity(doc.code),
    )
