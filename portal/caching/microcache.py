"""A small in-process cache of public answers, in front of the Pyramid application.

Public pages, feeds and JSON are the same for every visitor and change only when the database
does. ``PublicAnswers`` keeps the last answer of each public URL together with the database's
last transaction id at the time it was computed, and answers from memory — a 304 when the
client's ``If-None-Match`` names its ETag, else the stored body — as long as:

- no transaction was committed since (``DB.lastTransaction()`` is unchanged: a commit here,
  or an invalidation from the ZEO server, moves it), and the Shanghai date is the same (some
  pages show what is upcoming from today);
- on a storage that learns of other processes' commits only when a connection polls
  (RelStorage), the answer was computed at most :data:`TRUST_SECONDS` ago; on one whose last
  transaction moves as soon as anyone commits (:data:`PUSHED`: FileStorage, where every commit
  is this process's, and ZEO, whose server pushes each invalidation) it stays good until then,
  so a steady public page is never rendered again just because a second went by.

Only answers the application marked shareable are kept: status 200 to a GET, with an ETag,
``Cache-Control: public``, no ``Set-Cookie`` and no script nonce in its
``Content-Security-Policy`` (a nonce is good for one answer: ``portal.security.headers``) —
forms, the query pages, errors and everything for staff never are. At most :data:`MAX_ENTRIES`
answers of at most :data:`MAX_BODY` bytes each. Static files (their URLs carry a content token)
are answered before any of this by ``portal.caching.static.FileAnswers``, without asking the
database for its last transaction. Everything else goes straight to the application.
"""

import threading
import time
from collections import OrderedDict

from .static import PREFIXES, FileAnswers
from .whole import whole_answer

TRUST_SECONDS = 1.0
PUSHED = frozenset(
    {
        "ZODB.FileStorage.FileStorage.FileStorage",
        "ZEO.ClientStorage.ClientStorage",
        "ZODB.MappingStorage.MappingStorage",
    }
)
MAX_ENTRIES = 512
MAX_BODY = 512 * 1024
PUBLIC_PREFIXES = ("/public/",)


class Entry:
    __slots__ = ("status", "headers", "body", "etag", "last_modified", "tid", "day", "at")

    def __init__(self, status, headers, body, etag, last_modified, tid, day, at):
        self.status, self.headers, self.body = status, headers, body
        self.etag, self.last_modified = etag, last_modified
        self.tid, self.day, self.at = tid, day, at


def _today():
    """The portal clock's date (pages that show what is upcoming change with it)."""
    from portal.clock import today

    return today()


def trust_seconds(db):
    """How long an answer may be kept while ``db``'s last transaction stays the same: None
    (until it moves) for the storages in :data:`PUSHED`, else :data:`TRUST_SECONDS`."""
    from ZODB.blob import BlobStorage

    storage = getattr(db, "storage", None)
    while isinstance(storage, BlobStorage):  # zodburi's wrapper for a blob directory
        storage = storage._BlobStorage__storage  # what it wraps (it has no public accessor)
    name = f"{type(storage).__module__}.{type(storage).__name__}"
    return None if name in PUSHED else TRUST_SECONDS


class PublicAnswers:
    def __init__(self, app, db):
        self.app = app
        self.files = FileAnswers(app)
        self.db = db
        self.entries = OrderedDict()
        self.lock = threading.Lock()
        self.trust = trust_seconds(db)

    def __getattr__(self, name):  # the wrapped router's registry etc.
        return getattr(self.app, name)

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        path = environ.get("PATH_INFO", "")
        if method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        if path.startswith(PREFIXES):
            return self.files(environ, start_response)
        if not path.startswith(PUBLIC_PREFIXES):
            return self.app(environ, start_response)
        key = (environ.get("SCRIPT_NAME", ""), path, environ.get("QUERY_STRING", ""))
        tid = self.db.lastTransaction()
        entry = self.entries.get(key)
        if entry is not None and (
            entry.tid == tid
            and entry.day == _today()
            and (self.trust is None or time.monotonic() - entry.at < self.trust)
        ):
            return self._answer(entry, environ, start_response, method)
        return self._compute(key, tid, environ, start_response)

    def _answer(self, entry, environ, start_response, method):
        etag, modified = entry.etag, entry.last_modified
        if (etag and etag.strip('"') in _tags(environ.get("HTTP_IF_NONE_MATCH", ""))) or (
            modified and environ.get("HTTP_IF_MODIFIED_SINCE") == modified
        ):
            start_response(
                "304 Not Modified",
                [(k, v) for k, v in entry.headers if k in ("ETag", "Cache-Control", "Last-Modified")],
            )
            return [b""]
        start_response(entry.status, list(entry.headers))
        return [b""] if method == "HEAD" else [entry.body]

    def _compute(self, key, tid, environ, start_response):
        """Ask the application for the whole answer (without the client's conditions, so that
        it can be kept), keep it if it may be shared, answer the client from it."""
        method = environ["REQUEST_METHOD"]
        status, headers, body = whole_answer(self.app, environ)
        names = {k.lower(): v for k, v in headers}
        if (
            status.startswith("200")
            and "set-cookie" not in names
            and len(body) <= MAX_BODY
            and "'nonce-" not in names.get("content-security-policy", "")
            and names.get("etag")
            and names.get("cache-control", "").startswith("public")
        ):
            entry = Entry(
                status,
                tuple(headers),
                body,
                names.get("etag"),
                names.get("last-modified"),
                tid,
                _today(),
                time.monotonic(),
            )
            with self.lock:
                self.entries[key] = entry
                self.entries.move_to_end(key)
                while len(self.entries) > MAX_ENTRIES:
                    self.entries.popitem(last=False)
            return self._answer(entry, environ, start_response, method)
        if (
            method == "GET"
            and status.startswith("200")
            and "set-cookie" not in names
            and names.get("etag")
            and _tags(environ.get("HTTP_IF_NONE_MATCH", "")) & {names["etag"].strip('"')}
        ):
            start_response("304 Not Modified", [(k, v) for k, v in headers if k in ("ETag", "Cache-Control")])
            return [b""]
        start_response(status, headers)
        return [b""] if method == "HEAD" else [body]


def _tags(header):
    return {t.strip().strip('"').removeprefix("W/").strip('"') for t in header.split(",")}


def wrap(app):
    """``app`` behind a :class:`PublicAnswers` cache on its ZODB database."""
    return PublicAnswers(app, app.registry._zodb_databases[""])
