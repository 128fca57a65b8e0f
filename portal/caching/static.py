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
"""

import hashlib
from functools import lru_cache

from pyramid.path import AssetResolver
from pyramid.static import QueryStringCacheBuster

ONE_YEAR = 365 * 24 * 3600


@lru_cache(maxsize=4096)
def token(spec, subpath):
    """The digest of what ``spec/subpath`` serves (asset overrides included)."""
    try:
        with AssetResolver().resolve(f"{spec.rstrip('/')}/{subpath}").stream() as f:
            return hashlib.sha1(f.read()).hexdigest()[:12]
    except (OSError, ValueError):
        return "0"


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
