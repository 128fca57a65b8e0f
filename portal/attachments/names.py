"""The name a file was uploaded under, made safe to keep and to send back.

Contract:

- ``clean_name(raw, extension)`` -> the uploaded name without any path part (``/`` or ``\\``),
  control or format characters (so no header injection, no hidden right-to-left tricks),
  quotes, leading dots or surrounding blanks, at most :data:`MAX_LENGTH` characters, ending in
  ``.extension`` (the type the content was sniffed as: appended when the name says otherwise);
  ``''`` when nothing is left.
- ``content_disposition(filename, fallback)`` -> the ``Content-Disposition`` value of a
  download (RFC 6266): ``filename`` in ``filename*`` (RFC 5987, UTF-8, percent-encoded) and an
  ASCII ``fallback`` in ``filename`` for old clients.
"""

import unicodedata
from urllib.parse import quote

MAX_LENGTH = 120

_EQUIVALENT = {"jpg": ("jpg", "jpeg")}


def clean_name(raw, extension):
    """See the module contract."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") and ch not in '"'
    )
    name = name.strip().lstrip(".").strip()
    if not name:
        return ""
    stem, dot, suffix = name.rpartition(".")
    if not (dot and stem and suffix.lower() in _EQUIVALENT.get(extension, (extension,))):
        stem = name
        suffix = extension
    room = MAX_LENGTH - len(suffix) - 1
    return f"{stem[:room].rstrip()}.{suffix}"


def content_disposition(filename, fallback):
    """See the module contract."""
    ascii_fallback = "".join(ch for ch in fallback if 32 < ord(ch) < 127 and ch not in '"\\;')
    return f"attachment; filename=\"{ascii_fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
