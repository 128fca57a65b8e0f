"""Static files: a content token in every URL, a year of max-age, and no database on the way.

Contract:

- ``add_static(config, name, spec)`` registers a static view for ``spec`` (e.g.
  ``portal.public:static``) at ``/<name>/`` with ``Cache-Control: max-age`` of a year, a root
  factory that opens no database connection (a static file needs no site, no session and no
  permission), and a cache buster that appends ``?v=<token>`` to every ``request.static_url``;
  the token is a digest of the file's bytes, so a changed file gets a new URL and browsers and
  nginx may keep the old one for a year.
- ``token(spec, subpath)``: that token, for URLs built without ``static_url`` (the public
  frame builds its own). Tokens are computed once per file and process.
- ``FileAnswers(app)``: static files from memory, in front of the application (the public
  answer cache hands it every GET or HEAD under :data:`PREFIXES`). The first request for a path
  asks the application (Pyramid's static view: asset resolution, overrides, 404s); a 200 is
  kept for the life of the process with its bytes, ``Content-Length``, an ``ETag`` that is the
  same digest as the URL's token (the same in every process, unlike a file's modification
  time), ``Cache-Control: public, max-age=<a year>, immutable`` and the security headers the
  application set. Later requests are answered from memory without Pyramid or the database: a
  304 when ``If-None-Match`` names the ETag, the headers alone to a HEAD. The query string (the
  token) does not select the file, so the entries are bounded by the files that exist.
"""

import hashlib
import threading
from functools import lru_cache

from pyramid.path import AssetResolver
from pyramid.static import QueryStringCacheBuster

from .whole import whole_answer

ONE_YEAR = 365 * 24 * 3600
PREFIXES = ("/static/", "/public-static/", "/deform_static/")
CACHE_CONTROL = f"public, max-age={ONE_YEAR}, immutable"
MAX_FILE = 2 * 1024 * 1024  # larger files are streamed by the application every time
# replaced (the validator is the ETag; no byte ranges are served from memory)
DROPPED = frozenset({"cache-control", "expires", "last-modified", "etag", "content-length", "accept-ranges"})


def digest(data):
    """The content token of ``data``: in the URL (``?v=``) and, quoted, as its ETag."""
    return hashlib.sha1(data).hexdigest()[:12]


@lru_cache(maxsize=4096)
def token(spec, subpath):
    """The digest of what ``spec/subpath`` serves (asset overrides included)."""
    try:
        with AssetResolver().resolve(f"{spec.rstrip('/')}/{subpath}").stream() as f:
            return digest(f.read())
    except (OSError, ValueError):
        return "0"


class File:
    __slots__ = ("headers", "body", "etag", "not_modified")

    def __init__(self, headers, body):
        self.etag = f'"{digest(body)}"'
        self.body = body
        self.headers = [(k, v) for k, v in headers if k.lower() not in DROPPED] + [
            ("Content-Length", str(len(body))),
            ("Cache-Control", CACHE_CONTROL),
            ("ETag", self.etag),
        ]
        self.not_modified = [("ETag", self.etag), ("Cache-Control", CACHE_CONTROL)]


class FileAnswers:
    """Static files kept in memory after their first request (see the module's contract)."""

    def __init__(self, app):
        self.app = app
        self.files = {}
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        key = (environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""))
        kept = self.files.get(key)
        if kept is None:
            return self._first(key, environ, start_response)
        if _names(kept.etag, environ.get("HTTP_IF_NONE_MATCH")):
            start_response("304 Not Modified", kept.not_modified)
            return [b""]
        start_response("200 OK", kept.headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [kept.body]

    def _first(self, key, environ, start_response):
        """Ask the application for the whole file (a GET without the client's conditions)."""
        status, headers, body = whole_answer(self.app, environ)
        if (
            not status.startswith("200")
            or len(body) > MAX_FILE
            or any(k.lower() == "set-cookie" for k, _v in headers)
        ):
            start_response(status, headers)
            return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]
        with self.lock:
            self.files[key] = File(headers, body)
        return self(environ, start_response)


def _names(etag, header):
    """Whether an ``If-None-Match`` header names ``etag`` (or is ``*``)."""
    if not header:
        return False
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return etag in tags or "*" in tags


class ContentToken(QueryStringCacheBuster):
    """``?v=<digest of the file>`` on the URLs of one static directory."""

    def __init__(self, spec):
        super().__init__(param="v")
        self.spec = spec

    def tokenize(self, request, subpath, kw):
        return token(self.spec, subpath)


def no_site(request):
    """The root of a static route: nothing (no ZODB connection is opened for a file)."""
    return None


def add_static(config, name, spec):
    config.add_static_view(name, spec, cache_max_age=ONE_YEAR, factory=no_site)
    config.add_cache_buster(spec.rstrip("/") + "/", ContentToken(spec))
