"""The stored attachment and the rules for adding one.

Contract:

- ``add_attachment(obj, fileobj, description, userid, policy, filename=...)`` reads the upload
  once, in chunks, into a new blob; refuses (``AttachmentRefused``, a Chinese message) an
  empty file, a file over ``policy.max_bytes``, a type the policy does not list (sniffed from
  the content, ``portal.attachments.sniffing``: never the name or the browser's type) and one
  file more than ``policy.max_files``; returns the stored ``Attachment``. Numbers start at 1
  and are never reused on the same object.
- The uploaded name is kept, cleaned (``portal.attachments.names``): ``filename`` is what a
  download is called. It may carry the petitioner's name, so a listing shows it only to those
  who may open the file; the others, and the audit log, see the neutral ``name`` (附件3.pdf).
- ``kind`` is a free code the container's concern gives meaning to (a case marks the scans of
  the petitioner's letters ``letter``); ``''`` by default.
"""

from dataclasses import dataclass

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.blob import Blob

from portal import clock

from .names import clean_name
from .sniffing import FAMILY_EXTENSIONS, FAMILY_TITLES, OLE, ZIP, FileType, resolve, sniff_head  # noqa: F401

CHUNK = 1 << 16
MB = 1024 * 1024


class AttachmentRefused(Exception):
    """``str()`` is the Chinese reason."""


IMAGES = frozenset({"image"})
PDF = frozenset({"pdf"})
OFFICE = frozenset({"word", "excel"})
OFD = frozenset({"ofd"})
AUDIO = frozenset({"audio"})
VIDEO = frozenset({"video"})
#: What an office sends and receives as papers: scans and photos, PDF and OFD, Word and Excel.
DOCUMENT_TYPES = IMAGES | PDF | OFD | OFFICE


def _refusal(families):
    return AttachmentRefused(
        f"只能上传 {Policy(families=families or frozenset(FAMILY_TITLES)).accepted_text}"
    )


def sniff(head, families=None):
    """The :class:`FileType` of a file starting with ``head`` (at least 16 bytes if it has
    them); ``AttachmentRefused`` when unknown or not among ``families``. A ZIP or OLE2
    container (Office, OFD) is only told apart with the whole file: use :func:`sniff_file`."""
    found = sniff_head(head)
    if found in (ZIP, OLE):
        raise _refusal(families)
    return _accepted(found, families)


def _accepted(found, families):
    if found is None or (families is not None and found.family not in families):
        raise _refusal(families)
    return found


def sniff_file(fileobj, families=None):
    """Like :func:`sniff` for a whole seekable file (Word, Excel and OFD included)."""
    fileobj.seek(0)
    found = sniff_head(fileobj.read(16))
    if found in (ZIP, OLE):
        found = resolve(found, fileobj)
    return _accepted(found, families)


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
        return ",".join(FAMILY_EXTENSIONS[f] for f in FAMILY_TITLES if f in self.families)


class Attachment(Persistent):
    """One stored file: a blob and what the listing shows about it. (Attachments stored before
    this class existed lack ``family`` and ``kind``: the class defaults stand in.)"""

    family = ""
    kind = ""
    original_name = ""

    def __init__(
        self, number, file_type, size, description, uploaded_by, kind="", when=None, original_name=""
    ):
        self.number = number
        self.content_type = file_type.content_type
        self.extension = file_type.extension
        self.family = file_type.family
        self.size = size
        self.description = description
        self.uploaded_by = uploaded_by
        self.uploaded = when or clock.now()
        self.kind = kind
        self.original_name = original_name
        self.blob = Blob()

    @property
    def name(self):
        """The neutral name (附件3.pdf): what the audit log and those who may not open it see."""
        return f"附件{self.number}.{self.extension}"

    @property
    def filename(self):
        """The name it was uploaded under (cleaned), else the neutral one: the download's name."""
        return self.original_name or self.name

    @property
    def ascii_name(self):
        """The neutral name in ASCII, for clients that ignore ``filename*``."""
        return f"attachment-{self.number}.{self.extension}"


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


def add_attachment(obj, fileobj, description, userid, policy, kind="", when=None, filename=""):
    """Store the upload on ``obj`` (see the module contract) and return the attachment."""
    store = getattr(obj, "attachments", None)
    if store is not None and len(store) >= policy.max_files:
        raise AttachmentRefused(f"最多上传{policy.max_files}个附件")
    size = _size_of(fileobj)
    if size is not None and size > policy.max_bytes:
        raise AttachmentRefused(_too_big(policy))
    head = fileobj.read(16)
    if not head:
        raise AttachmentRefused("文件为空")
    if sniff_head(head) not in (ZIP, OLE):
        sniff(head, policy.families)  # refuse early, before reading the rest
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
                raise AttachmentRefused(_too_big(policy))
            out.write(chunk)
    with blob.open("r") as stored:
        file_type = sniff_file(stored, policy.families)
    if store is None:
        store = obj.attachments = OOBTree()
    number = (store.maxKey() + 1) if len(store) else 1
    attachment = Attachment(
        number,
        file_type,
        total,
        (description or "").strip()[:200],
        userid,
        kind,
        when,
        clean_name(filename, file_type.extension),
    )
    attachment.blob = blob
    store[number] = attachment
    return attachment


def _too_big(policy):
    return f"单个附件不能超过{policy.max_bytes // MB}MB，请压缩或拆分后再上传"
