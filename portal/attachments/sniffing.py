"""What a file is, told from its content: never from its name or the browser's claim.

Contract:

- ``sniff_head(head)`` -> a :class:`FileType`, or :data:`ZIP` / :data:`OLE` for the two
  container formats whose kind only the whole file tells, or None when unknown. ``head`` is
  the first bytes (at least 16 if the file has them).
- ``resolve(container, fileobj)`` -> the :class:`FileType` inside a ZIP (``.docx``, ``.xlsx``,
  OFD: by the parts listed in its central directory, nothing is decompressed) or an OLE2
  compound file (``.doc``, ``.xls``: by the names of its streams), or None. ``fileobj`` is
  seekable and holds the whole file.
- Families: ``image``, ``pdf``, ``word``, ``excel``, ``ofd``, ``audio``, ``video``;
  :data:`FAMILY_TITLES` names them in Chinese, :data:`FAMILY_EXTENSIONS` gives the ``accept``
  hint of a file input.
"""

import struct
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    family: str


ZIP = "zip"
OLE = "ole"

JPEG = FileType("image/jpeg", "jpg", "image")
PNG = FileType("image/png", "png", "image")
PDF_FILE = FileType("application/pdf", "pdf", "pdf")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "word")
DOC = FileType("application/msword", "doc", "word")
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "excel")
XLS = FileType("application/vnd.ms-excel", "xls", "excel")
OFD = FileType("application/ofd", "ofd", "ofd")

FAMILY_TITLES = {
    "image": "JPG、PNG 图片",
    "pdf": "PDF 文件",
    "word": "Word 文档（doc、docx）",
    "excel": "Excel 表格（xls、xlsx）",
    "ofd": "OFD 版式文件",
    "audio": "MP3、WAV、M4A 录音",
    "video": "MP4、WebM 录像",
}
FAMILY_EXTENSIONS = {
    "image": ".jpg,.jpeg,.png",
    "pdf": ".pdf",
    "word": ".doc,.docx",
    "excel": ".xls,.xlsx",
    "ofd": ".ofd",
    "audio": ".mp3,.wav,.m4a",
    "video": ".mp4,.webm",
}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _mp4(head):
    if head[8:12] in (b"M4A ", b"M4B "):
        return FileType("audio/mp4", "m4a", "audio")
    return FileType("video/mp4", "mp4", "video")


def sniff_head(head):
    """See the module contract."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"%PDF-"):
        return PDF_FILE
    if head.startswith(b"PK\x03\x04"):
        return ZIP
    if head.startswith(OLE_MAGIC):
        return OLE
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return FileType("audio/mpeg", "mp3", "audio")
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return FileType("audio/wav", "wav", "audio")
    if head[4:8] == b"ftyp":
        return _mp4(head)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return FileType("video/webm", "webm", "video")
    return None


def resolve(container, fileobj):
    """See the module contract."""
    try:
        fileobj.seek(0)
        if container == ZIP:
            return _zip_kind(fileobj)
        if container == OLE:
            return _ole_kind(fileobj)
    except (zipfile.BadZipFile, struct.error, ValueError, OSError, EOFError):
        return None
    return None


def _zip_kind(fileobj):
    names = {name.lower() for name in zipfile.ZipFile(fileobj).namelist()}
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "ofd.xml" in names:
        return OFD
    return None


def _ole_kind(fileobj):
    streams = set(ole_stream_names(fileobj))
    if "worddocument" in streams:
        return DOC
    if "workbook" in streams or "book" in streams:
        return XLS
    return None


FREE, END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
MAX_SECTORS = 1 << 20  # stops a malformed (looping) chain


def ole_stream_names(fileobj):
    """The names (lower case) in an OLE2 compound file's directory (MS-CFB: the header's FAT
    sector list and its DIFAT chain give the FAT, the FAT gives the directory's chain)."""
    header = fileobj.read(512)
    if len(header) < 512 or not header.startswith(OLE_MAGIC):
        raise ValueError("not a compound file")
    size = 1 << struct.unpack_from("<H", header, 0x1E)[0]
    if size not in (512, 4096):
        raise ValueError("bad sector size")
    first_dir, first_difat, difat_count = (
        struct.unpack_from("<I", header, 0x30)[0],
        *struct.unpack_from("<II", header, 0x44),
    )

    def sector(number):
        fileobj.seek((number + 1) * size)
        data = fileobj.read(size)
        if len(data) < size:
            raise ValueError("truncated")
        return data

    fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s < END_OF_CHAIN]
    per = size // 4
    next_difat = first_difat
    for _ in range(min(difat_count, MAX_SECTORS)):
        if next_difat >= END_OF_CHAIN:
            break
        entries = struct.unpack(f"<{per}I", sector(next_difat))
        fat_sectors += [s for s in entries[:-1] if s < END_OF_CHAIN]
        next_difat = entries[-1]
    fat = []
    for number in fat_sectors[:MAX_SECTORS]:
        fat.extend(struct.unpack(f"<{per}I", sector(number)))
    names, current, seen = [], first_dir, set()
    while current < len(fat) and current not in seen and len(seen) < MAX_SECTORS:
        seen.add(current)
        data = sector(current)
        for offset in range(0, size, 128):
            length = struct.unpack_from("<H", data, offset + 64)[0]
            if 2 <= length <= 64:
                names.append(data[offset : offset + length - 2].decode("utf-16-le", "replace").lower())
        current = fat[current]
    return names
