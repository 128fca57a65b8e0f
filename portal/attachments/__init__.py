"""Files attached to stored objects (scans of letters, photos, recordings) kept as ZODB blobs.

Any persistent object can carry attachments: ``obj.attachments`` (an OOBTree, number ->
:class:`~portal.attachments.store.Attachment`), created with the first upload. What may be
uploaded is a :class:`~portal.attachments.store.Policy` (types recognised by their first bytes,
never by the name; size; count). The pages are registered per container class with
:func:`~portal.attachments.views.add_attachment_views`, given who may upload and who may
download (and what to log when they do).

What other concerns call::

    from portal.attachments import Policy, add_attachment, attachments_of, open_attachment
    from portal.attachments.views import add_attachment_views   # in their includeme
"""

from .store import (
    AUDIO,
    DOCUMENT_TYPES,
    IMAGES,
    PDF,
    VIDEO,
    Attachment,  # noqa: F401
    AttachmentRefused,
    Policy,
    add_attachment,
    attachments_of,
    get_attachment,
    open_attachment,
    sniff,
)


def includeme(config):
    """Nothing global: each container type registers its pages with ``add_attachment_views``."""
