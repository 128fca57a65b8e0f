"""One helper for every redirect whose target comes from input (a form field, a Referer).

Contract: ``safe_redirect(request, target, fallback=None)`` returns an absolute URL that is
safe to put in a ``Location`` header: ``target`` itself when it names a page of this
application — a path starting with one ``/`` or an absolute URL of exactly this origin
(scheme, host and port of ``request.host_url``) — and lies under ``request.application_url``;
otherwise ``fallback`` (default: the application's home page). A target holding any control or
space character (CR/LF would split the header), a backslash (browsers read ``/\\host`` as
``//host``), user info (``http://localhost@evil``) or another scheme is refused whole, never
repaired. Non-ASCII characters in a kept target are percent-encoded (a header is Latin-1).
"""

import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

# Characters left alone when percent-encoding a kept path or query (the URL's own syntax).
_SAFE = "/?&=%#:@!$'()*+,;~-._"


def _home(request):
    return request.application_url.rstrip("/") + "/"


def _refused(text):
    return any(unicodedata.category(ch)[0] in "CZ" or ch == "\\" for ch in text)


def safe_redirect(request, target, fallback=None):
    fallback = fallback or _home(request)
    if not target or not isinstance(target, str) or _refused(target):
        return fallback
    try:
        parts = urlsplit(target)
        host_parts = urlsplit(request.host_url)
        port, host_port = parts.port, host_parts.port
    except ValueError:
        return fallback
    if parts.scheme or parts.netloc:
        same_origin = (
            (parts.scheme.lower(), parts.hostname, port)
            == (host_parts.scheme.lower(), host_parts.hostname, host_port)
            and parts.username is None
            and parts.password is None
            and target.lower().startswith(request.host_url.lower())
        )
        if not same_origin:
            return fallback
    elif not target.startswith("/") or target.startswith("//"):
        return fallback
    path = quote(parts.path, safe=_SAFE)
    base = urlsplit(_home(request)).path
    if not (path + "/").startswith(base) and path != base.rstrip("/"):
        return fallback
    query = quote(parts.query, safe=_SAFE)
    return urlunsplit((host_parts.scheme, host_parts.netloc, path, query, ""))
