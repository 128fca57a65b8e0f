"""Public pages: home, published progress (list and one case), the Atom feed, error pages.

Every view is on the ``public`` route, whose root is :class:`~.security.PublicArea`, and reads
only projections from the store. A case's progress page is validated by its projection (a 304
costs one lookup, no rendering); the other pages by their body (``portal.caching``).
"""

from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.response import Response
from pyramid.view import exception_view_config, notfound_view_config, view_config

from portal import clock
from portal.caching import not_modified
from portal.security.limits import RequestRefused
from portal.storage import get_site

from . import receptions
from .feed import FEED_LENGTH, atom
from .rendering import page, progress_page, progress_tag
from .security import VIEW_PUBLIC, PublicArea
from .store import get_store

PAGE_SIZE = 20


def public_store(request):
    """The store, once per request."""
    cache = request.__dict__
    if "_public_store" not in cache:
        cache["_public_store"] = get_store(get_site(request))
    return cache["_public_store"]


def unit_titles(request, paths):
    from pyramid.traversal import find_resource

    site = get_site(request)
    titles = {}
    for path in set(paths):
        try:
            titles[path] = find_resource(site, path).title
        except KeyError:
            titles[path] = ""
    return titles


@view_config(route_name="public", context=PublicArea, name="", permission=VIEW_PUBLIC)
def home(context, request):
    store = public_store(request)
    today = clock.today()
    upcoming = receptions.upcoming(store, today, limit=3)
    return page(
        request,
        "home.pt",
        "",
        recent=store.newest_projections(0, 5),
        receptions=upcoming,
        titles=unit_titles(request, [e.unit_path for e in upcoming]),
    )


@view_config(route_name="public", context=PublicArea, name="progress", permission=VIEW_PUBLIC)
def progress(context, request):
    store = public_store(request)
    if request.subpath:
        if len(request.subpath) != 1:
            raise HTTPNotFound()
        projection = store.projections.get(request.subpath[0])
        if projection is None:
            raise HTTPNotFound()
        return not_modified(request, progress_tag(request.script_name, projection)) or progress_page(
            request, projection
        )
    total = store.projection_count()
    pages = max(1, -(-total // PAGE_SIZE))
    try:
        number = min(max(1, int(request.params.get("page", 1))), pages)
    except ValueError:
        number = 1
    shown = store.newest_projections((number - 1) * PAGE_SIZE, number * PAGE_SIZE)
    return page(request, "progress_list.pt", "progress", items=shown, total=total, page=number, pages=pages)


@view_config(route_name="public", context=PublicArea, name="feed.atom", permission=VIEW_PUBLIC)
def feed(context, request):
    store = public_store(request)
    body = atom(
        store.newest_projections(0, FEED_LENGTH),
        page_url=request.route_url("public", traverse=("progress",)),
        feed_url=request.route_url("public", traverse=("feed.atom",)),
        entry_url=lambda key: request.route_url("public", traverse=("progress", key)),
    )
    return Response(body, content_type="application/atom+xml", charset="utf-8")


@view_config(route_name="public_bare", permission=VIEW_PUBLIC)
def bare(request):
    return HTTPFound(request.route_path("public", traverse=()))


@notfound_view_config(route_name="public")
def public_notfound(exc, request):
    request.response.status = 404
    return page(
        request,
        "error.pt",
        "",
        title="页面不存在",
        message="您要找的页面不存在，或该信访事项的办理进度已撤回公开。",
    )


@exception_view_config(RequestRefused, route_name="public")
def public_request_refused(exc, request):
    request.response.status = exc.status
    return page(request, "error.pt", "", title="提交的内容过多", message=exc.message)


@exception_view_config(BadCSRFToken, route_name="public")
def public_bad_csrf(exc, request):
    request.response.status = 400
    return page(
        request,
        "error.pt",
        "",
        title="页面已过期",
        message="页面已过期或来源无法验证，您提交的内容没有生效。请返回上一页，刷新后重新提交。",
    )
