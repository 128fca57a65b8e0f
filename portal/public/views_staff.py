"""Staff pages of the public area (in the staff frame): publication with preview, the query
code page for the acceptance notice, the rules pages.

- ``<case>/@@publication`` (``publish_case``; the registering unit only, see
  ``publication.refusal``): the preview is the very fragment the public page renders.
- ``<case>/@@query-code`` (``view_identity``): shows a code issued at acceptance once, or
  issues a new one (the old one stops working); the page is printable and never cached.
- The reception-day schedule is kept by ``portal.duties.receptions`` (scheduling, the principal
  leader's approval of substitutes), which writes the entries this area publishes.
- ``/@@public-pages`` (``publish_case`` on the site: the city petition office).
"""

from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.traversal import resource_path
from pyramid.view import view_config

from portal import clock
from portal.cases.resource import Case
from portal.resources import Site
from portal.security import permissions as P

from . import pages, publication, querycodes
from .rendering import article_html
from .store import LogEntry, get_store

PUBLICATION_ACTIONS = ("publish", "withdraw", "auto_withdraw")


def _site(request):
    return request.root


@view_config(
    context=Case, name="publication", permission=P.PUBLISH_CASE, renderer="templates/staff_publication.pt"
)
def publication_view(context, request):
    refusal = publication.refusal(request, context)
    if refusal == publication.NOT_FIRST_HANDLER:
        raise HTTPForbidden(refusal)
    store = get_store(_site(request))
    path = resource_path(context)
    summary = None
    if request.method == "POST":
        action = request.POST.get("action")
        summary = request.POST.get("summary", "")
        if refusal:
            request.session.flash(refusal, "danger")
        elif action == "publish":
            try:
                publication.publish(context, request.authenticated_userid, summary)
            except publication.IdentityLeak:
                pass  # the page below lists what and where; nothing was stored
            else:
                request.session.flash(f"已公开信访事项 {context.number} 的办理进度", "success")
                return HTTPFound(request.resource_url(context, "@@publication"))
        elif action == "withdraw":
            if publication.withdraw(
                context, request.authenticated_userid, request.POST.get("reason", "").strip()
            ):
                request.session.flash(f"已撤回信访事项 {context.number} 的公开", "success")
            return HTTPFound(request.resource_url(context, "@@publication"))
    projection = publication.preview(context, summary)
    stored = store.summaries.get(path)
    log = [e for e in store.entries_of(path) if e.action in PUBLICATION_ACTIONS]
    return {
        "projection": projection,
        "article": article_html(projection),
        "leaks": publication.projection_leaks(context, projection),
        "published": publication.is_published(context),
        "refusal": refusal,
        "summary": stored if summary is None else summary,
        "default_summary": summary is None and stored is None,
        "public_url": request.route_path("public", traverse=("progress", projection.key)),
        "log": list(reversed(log))[:20],
    }


@view_config(
    context=Case, name="query-code", permission=P.VIEW_IDENTITY, renderer="templates/staff_query_code.pt"
)
def query_code_view(context, request):
    store = get_store(_site(request))
    path = resource_path(context)
    code = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "show":
            code = querycodes.take_pending(store, path)
            if code is None:
                request.session.flash("查询码已显示过，系统不保存原文；如信访人遗失，请重新生成", "warning")
                return HTTPFound(request.resource_url(context, "@@query-code"))
        elif action == "reissue":
            code = querycodes.issue(store, path, context.identity.petitioner, request.authenticated_userid)
            store.record(
                LogEntry(
                    clock.now(),
                    request.authenticated_userid,
                    "issue_code",
                    path,
                    context.number,
                    "重新生成查询码，原查询码失效",
                )
            )
            from .events import QueryCodeIssued

            request.registry.notify(QueryCodeIssued(request.root, path, code, clock.now(), "reissue"))
    request.response.headers["Cache-Control"] = "no-store"
    record = querycodes.record_of_case(store, path)
    return {
        "code": querycodes.display(code) if code else None,
        "record": record,
        "pending": path in store.pending,
        "factor_title": querycodes.FACTOR_TITLES.get(record.factor_kind, "") if record else "",
        "query_url": request.route_url("public", traverse=("query",)),
    }


@view_config(
    context=Site, name="public-pages", permission=P.PUBLISH_CASE, renderer="templates/staff_pages.pt"
)
def pages_view(context, request):
    store = get_store(context)
    page_id = request.params.get("page", next(iter(pages.PAGES)))
    if page_id not in pages.PAGES:
        page_id = next(iter(pages.PAGES))
    if request.method == "POST":
        pages.save_page(
            store,
            page_id,
            request.POST.get("title", ""),
            request.POST.get("body", ""),
            request.authenticated_userid,
        )
        request.session.flash("已保存，公开页面已更新", "success")
        return HTTPFound(request.resource_url(context, "@@public-pages", query={"page": page_id}))
    return {
        "page": pages.get_page(store, page_id),
        "page_id": page_id,
        "index": [(pid, pages.get_page(store, pid).title) for pid in pages.PAGES],
        "public_url": request.route_path("public", traverse=("rules", page_id)),
    }
