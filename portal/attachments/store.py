"""The stored attachment and the rules for adding one.

Contract:

- ``add_attachment(obj, fileobj, description, userid, policy)`` reads the upload once, in
  chunks, into a new blob; refuses (``AttachmentRefused``, a Chinese message) an empty file, a
  file over ``policy.max_bytes``, a type the policy does not list (sniffed from the first
  bytes) and one file more than ``policy.max_files``; returns the stored ``Attachment``.
  Numbers start at 1 and are never reused on the same object.
- The listing shows a neutral name (附件3.pdf), never the uploaded file name: a scan's file
  name may carry the petitioner's name.
- ``kind`` is a free code the container's concern gives meaning to (a case marks the scans of
  the petitioner's letters ``letter``); ``''`` by default.
"""

from dataclasses import dataclass

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.blob import Blob

from portal import clock

CHUNK = 1 << 16
MB = 1024 * 1024


class AttachmentRefused(Exception):
    """``str()`` is the Chinese reason."""


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    family: str  # image | pdf | audio | video


def _mp4_family(head):
    brand = head[8:12]
    if brand in (b"M4A ", b"M4B "):
        return FileType("audio/mp4", "m4a", "audio")
    return FileType("video/mp4", "mp4", "video")


def _sniffers():
    return (
        (lambda h: h.startswith(b"\xff\xd8\xff"), FileType("image/jpeg", "jpg", "image")),
        (lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"), FileType("image/png", "png", "image")),
        (lambda h: h.startswith(b"%PDF-"), FileType("application/pdf", "pdf", "pdf")),
        (
            lambda h: h.startswith(b"ID3") or (len(h) > 1 and h[0] == 0xFF and h[1] & 0xE0 == 0xE0),
            FileType("audio/mpeg", "mp3", "audio"),
        ),
        (lambda h: h.startswith(b"RIFF") and h[8:12] == b"WAVE", FileType("audio/wav", "wav", "audio")),
        (lambda h: h[4:8] == b"ftyp", None),  # resolved by brand below
        (lambda h: h.startswith(b"\x1a\x45\xdf\xa3"), FileType("video/webm", "webm", "video")),
    )


IMAGES = frozenset({"image"})
PDF = frozenset({"pdf"})
AUDIO = frozenset({"audio"})
VIDEO = frozenset({"video"})
DOCUMENT_TYPES = IMAGES | PDF
FAMILY_TITLES = {
    "image": "JPG、PNG 图片",
    "pdf": "PDF 文件",
    "audio": "MP3、WAV、M4A 录音",
    "video": "MP4、WebM 录像",
}


def sniff(head, families=None):
    """The :class:`FileType` of a file starting with ``head`` (at least 12 bytes if it has
    them); ``AttachmentRefused`` when unknown or not among ``families``."""
    found = None
    for test, file_type in _sniffers():
        if test(head):
            found = file_type or _mp4_family(head)
            break
    if found is None or (families is not None and found.family not in families):
        raise AttachmentRefused(
            f"只能上传 {Policy(families=families or frozenset(FAMILY_TITLES)).accepted_text}"
        )
    return found


@dataclass(frozen=True)
class Policy:
    """What a container accepts: file families, the largest file, how many files."""

    families: frozenset = DOCUMENT_TYPES
    max_bytes: int = 10 * MB
    max_files: int = 20

    @property
    def accepted_text(self):
        titles = [FAMILY_TITLES[f] for f in FAMILY_TITLES if f in self.families]
        return titles[0] if len(titles) == 1 else "、".join(titles[:-1]) + "或 " + titles[-1]

    @property
    def limit_text(self):
        return f"单个文件不超过{self.max_bytes // MB}MB，最多{self.max_files}个"

    @property
    def accept_attribute(self):
        """The ``accept`` attribute of the file input (a hint; the server sniffs anyway)."""
        names = {"image": ".jpg,.jpeg,.png", "pdf": ".pdf", "audio": ".mp3,.wav,.m4a", "video": ".mp4,.webm"}
        return ",".join(names[f] for f in FAMILY_TITLES if f in self.families)


class Attachment(Persistent):
    """One stored file: a blob and what the listing shows about it. (Attachments stored before
    this class existed lack ``family`` and ``kind``: the class defaults stand in.)"""

    family = ""
    kind = ""

    def __init__(self, number, file_type, size, description, uploaded_by, kind="", when=None):
        self.number = number
        self.content_type = file_type.content_type
        self.extension = file_type.extension
        self.family = file_type.family
        self.size = size
        self.description = description
        self.uploaded_by = uploaded_by
        self.uploaded = when or clock.now()
        self.kind = kind
        self.blob = Blob()

    @property
    def name(self):
        return f"附件{self.number}.{self.extension}"


def attachments_of(obj, kind=None):
    """``obj``'s attachments in upload order (only those of ``kind`` when given)."""
    store = getattr(obj, "attachments", None)
    found = list(store.values()) if store is not None else []
    return [a for a in found if kind is None or getattr(a, "kind", "") == kind]


def get_attachment(obj, number):
    """The attachment numbered ``number`` (an int or its text), or None."""
    store = getattr(obj, "attachments", None)
    try:
        return store.get(int(number)) if store is not None else None
    except (TypeError, ValueError):
        return None


def open_attachment(attachment):
    """A binary file object on the stored bytes (the caller closes it)."""
    return attachment.blob.open("r")


def _size_of(fileobj):
    try:
        here = fileobj.tell()
        fileobj.seek(0, 2)
        size = fileobj.tell() - here
        fileobj.seek(here)
        return size
    except (AttributeError, OSError, ValueError):
        return None


def add_attachment(obj, fileobj, description, userid, policy, kind="", when=None):
    """Store the upload on ``obj`` (see the module contract) and return the attachment."""
    store = getattr(obj, "attachments", None)
    if store is not None and len(store) >= policy.max_files:
        raise AttachmentRefused(f"最多上传{policy.max_files}个附件")
    size = _size_of(fileobj)
    if size is not None and size > policy.max_bytes:
        raise AttachmentRefused(f"单个附件不能超过{policy.max_bytes // MB}MB")
    head = fileobj.read(16)
    if not head:
        raise AttachmentRefused("文件为空")
    file_type = sniff(head, policy.families)
    blob = Blob()
    total = len(head)
    with blob.open("w") as out:
        out.write(head)
        while True:
            chunk = fileobj.read(CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > policy.max_bytes:
                raise AttachmentRefused(f"单个附件不能超过{policy.max_bytes // MB}MB")
            out.write(chunk)
    if store is None:
        store = obj.attachments = OOBTree()
    number = (store.maxKey() + 1) if len(store) else 1
    attachment = Attachment(number, file_type, total, (description or "").strip()[:200], userid, kind, when)
    attachment.blob = blob
    store[number] = attachment
    return attachment
