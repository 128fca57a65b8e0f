"""The object database: one ZODB per application, opened from a zodburi URI in the ini.

``file://`` (FileStorage + blobs under ``var/``) by default, ``zeo://`` or RelStorage to scale
out; the application code is the same. A transaction per request (pyramid_tm), retried up to
three times on a ConflictError (pyramid_retry), so a user never sees one.
"""

from pyramid_zodbconn import get_connection

SITE_KEY = "portal"


def get_site(request):
    """The site root (郑州市教育局) in this request's connection."""
    return get_connection(request).root()[SITE_KEY]


def root_factory(request):
    return get_site(request)


def _ensure_file_dirs(uri):
    """Create the directories a ``file://`` URI names (FileStorage does not)."""
    import os
    from urllib.parse import parse_qs, urlsplit

    if not uri.startswith("file://"):
        return
    parts = urlsplit(uri)
    os.makedirs(os.path.dirname(parts.path), exist_ok=True)
    for blobdir in parse_qs(parts.query).get("blobstorage_dir", []):
        os.makedirs(blobdir, exist_ok=True)


def back_off(event):
    """Before a retry, wait a random while that doubles with each attempt (up to 0.1, 0.2,
    0.4, 0.8 s), so that requests that just conflicted do not collide again in lockstep — also
    on a loaded machine, where a request takes longer than a few milliseconds of jitter."""
    import random
    import time

    attempt = event.environ.get("retry.attempt", 0) + 1
    time.sleep(random.uniform(0, 0.05 * 2**attempt))


def on_commit(request, callback):
    """Call ``callback()`` once this request's transaction has committed, and never if it
    does not (a conflict retried, a full disk): for messages about what was stored."""
    request.tm.get().addAfterCommitHook(lambda committed: committed and callback())


def includeme(config):
    from pyramid_retry import IBeforeRetry

    settings = config.get_settings()
    _ensure_file_dirs(settings.get("zodbconn.uri", ""))
    settings.setdefault("retry.attempts", "5")
    config.add_subscriber(back_off, IBeforeRetry)
    config.include("pyramid_retry")
    config.include("pyramid_tm")
    config.include("pyramid_zodbconn")
    config.set_root_factory(root_factory)
