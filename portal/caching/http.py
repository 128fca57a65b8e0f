"""HTTP caching: validators and conditional answers for the public area, no-store for staff.

Contract:

- ``etag(*parts)``: a strong entity tag (quoted) that is a digest of ``parts`` and of the
  code's :data:`RELEASE` token, so a deployment with changed templates never answers 304 to a
  page rendered by the old code. The same parts give the same tag in every process.
- ``not_modified(request, tag)``: sets ``tag`` on ``request.response``; returns a 304
  response (no body, same validator and caching headers) when the request's ``If-None-Match``
  names it, else None. Views call it *before* rendering, so a revalidation costs a lookup.
- ``shared_cache(request, response)``: ``Cache-Control: public, max-age=N`` (N =
  ``portal.cache.public_max_age``, default 60 s): a shared cache (nginx) may hold the answer
  that long and then revalidate it.
- ``by_body(request, response)``: for public answers whose view gave no validator, the ETag is
  the digest of the body (``conditional_response``: a matching ``If-None-Match`` becomes 304).
- ``staff_no_store`` (a ``NewResponse`` subscriber): every answer outside the public area and
  the static files is ``Cache-Control: private, no-store`` unless its view set one, so no
  shared cache or browser disk keeps a page that may show a petitioner, a ledger or an export.
"""

import hashlib

from pyramid.httpexceptions import HTTPNotModified

DEFAULT_PUBLIC_MAX_AGE = 60
NO_STORE = "private, no-store"
PUBLIC_ROUTES = frozenset({"public", "public_bare"})


def _release():
    """What identifies the running code: the version and the templates' and static files'
    modification times would change on a deploy; the version plus a digest of the package's
    template and static file names and sizes is cheap and stable across processes."""
    import os

    # the ``portal`` package's folder (this module is portal/caching/http.py): found from here
    # rather than by importing the root package, which includes every concern
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    digest = hashlib.sha1()
    for folder, _dirs, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith((".pt", ".css", ".js", ".py")):
                path = os.path.join(folder, name)
                digest.update(
                    f"{os.path.relpath(path, root)}:{os.path.getsize(path)}:"
                    f"{int(os.path.getmtime(path))}".encode()
                )
    return digest.hexdigest()[:12]


RELEASE = _release()


def etag(*parts):
    digest = hashlib.sha1(RELEASE.encode())
    for part in parts:
        digest.update(b"\0" + str(part).encode())
    return '"' + digest.hexdigest()[:24] + '"'


def public_max_age(request):
    try:
        return int(request.registry.settings.get("portal.cache.public_max_age", DEFAULT_PUBLIC_MAX_AGE))
    except (TypeError, ValueError):
        return DEFAULT_PUBLIC_MAX_AGE


def shared_cache(request, response):
    response.headers["Cache-Control"] = f"public, max-age={public_max_age(request)}"
    return response


def not_modified(request, tag):
    """Set ``tag`` as the answer's validator; a 304 if the client already holds it."""
    response = request.response
    response.headers["ETag"] = tag
    shared_cache(request, response)
    if tag.strip('"') in request.if_none_match:  # webob matches unquoted tags
        answer = HTTPNotModified()
        answer.headers["ETag"] = tag
        answer.headers["Cache-Control"] = response.headers["Cache-Control"]
        return answer
    return None


def by_body(request, response):
    if "ETag" not in response.headers:
        response.md5_etag()
    response.conditional_response = True
    shared_cache(request, response)
    return response


def is_public(request):
    route = request.matched_route
    return route is not None and route.name in PUBLIC_ROUTES


def is_static(request):
    route = request.matched_route
    return route is not None and route.name.startswith("__")  # add_static_view's routes


def public_answers(event):
    """Public GETs answered 200 without their own policy get a body validator and may be
    held briefly by a shared cache; the rest (forms: no-store; errors) are left alone."""
    request, response = event.request, event.response
    if (
        request.method in ("GET", "HEAD")
        and response.status_int == 200
        and "Cache-Control" not in response.headers
        and is_public(request)
    ):
        by_body(request, response)


def staff_no_store(event):
    request, response = event.request, event.response
    if "Cache-Control" in response.headers or is_public(request) or is_static(request):
        return
    response.headers["Cache-Control"] = NO_STORE
