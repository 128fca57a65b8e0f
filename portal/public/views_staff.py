"""Staff pages of the public area (in the staff frame): publication with preview, the query
code page for the acceptance notice, the reception-day schedule, the rules pages.

- ``<case>/@@publication`` (``publish_case``; the registering unit only, see
  ``publication.refusal``): the preview is the very fragment the public page renders.
- ``<case>/@@query-code`` (``view_identity``): shows a code issued at acceptance once, or
  issues a new one (the old one stops working); the page is printable and never cached.
- ``<unit>/@@reception-days`` (``manage_units`` on the unit).
- ``/@@public-pages`` (``publish_case`` on the site: the city petition office).
"""
import re
from datetime import date, datetime, timezone

from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.traversal import resource_path
from pyramid.view import view_config

from portal.cases.resource import Case
from portal.resources import Site, Unit
from portal.security import permissions as P

from . import pages, publication, querycodes, receptions
from .rendering import article_html
from .store import LogEntry, get_store


PUBLICATION_ACTIONS = ("publish", "withdraw", "auto_withdraw")


def _site(request):
    return request.root


def _now():
    return datetime.now(timezone.utc)


@view_config(context=Case, name="publication", permission=P.PUBLISH_CASE,
             renderer="templates/staff_publication.pt")
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
            if publication.withdraw(context, request.authenticated_userid,
                                    request.POST.get("reason", "").strip()):
                request.session.flash(f"已撤回信访事项 {context.number} 的公开", "success")
            return HTTPFound(request.resource_url(context, "@@publication"))
    projection = publication.preview(context, summary)
    stored = store.summaries.get(path)
    log = [e for e in store.log.values() if e.case_path == path and e.action in PUBLICATION_ACTIONS]
    return {"projection": projection, "article": article_html(projection),
            "leaks": publication.projection_leaks(context, projection),
            "published": publication.is_published(context), "refusal": refusal,
            "summary": stored if summary is None else summary,
            "default_summary": summary is None and stored is None,
            "public_url": request.route_path("public", traverse=("progress", projection.key)),
            "log": list(reversed(log))[:20]}


@view_config(context=Case, name="query-code", permission=P.VIEW_IDENTITY,
             renderer="templates/staff_query_code.pt")
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
            code = querycodes.issue(store, path, context.identity.petitioner,
                                    request.authenticated_userid)
            store.record(LogEntry(_now(), request.authenticated_userid, "issue_code", path,
                                  context.number, "重新生成查询码，原查询码失效"))
            from .events import QueryCodeIssued
            request.registry.notify(QueryCodeIssued(request.root, path, code, _now(), "reissue"))
    request.response.headers["Cache-Control"] = "no-store"
    record = querycodes.record_of_case(store, path)
    return {"code": querycodes.display(code) if code else None, "record": record,
            "pending": path in store.pending,
            "factor_title": querycodes.FACTOR_TITLES.get(record.factor_kind, "") if record else "",
            "query_url": request.route_url("public", traverse=("query",))}


_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
RECEPTION_FIELDS = (("leader_name", "接待领导", 50), ("leader_post", "职务", 50),
                    ("field", "分管领域", 100), ("place", "地点", 100))


def _reception_values(post):
    errors, values = {}, {}
    try:
        values["on"] = date.fromisoformat(post.get("on", "").strip())
    except ValueError:
        errors["on"] = "请填写日期（年-月-日）"
    for name in ("start", "end"):
        value = post.get(name, "").strip()
        if not _TIME.match(value):
            errors[name] = "请填写时间（时:分）"
        values[name] = value
    if "start" not in errors and "end" not in errors and values["end"] <= values["start"]:
        errors["end"] = "结束时间应晚于开始时间"
    for name, title, most in RECEPTION_FIELDS:
        value = post.get(name, "").strip()
        if not value:
            errors[name] = f"请填写{title}"
        elif len(value) > most:
            errors[name] = f"{title}最多{most}字"
        values[name] = value
    return values, errors


@view_config(context=Unit, name="reception-days", permission=P.MANAGE_UNITS,
             renderer="templates/staff_reception.pt")
def reception_view(context, request):
    store = get_store(_site(request))
    path = resource_path(context) or "/"
    errors, values = {}, {}
    if request.method == "POST":
        action = request.POST.get("action")
        actor = request.authenticated_userid
        entry_id = request.POST.get("entry_id") or None
        if action == "save":
            values, errors = _reception_values(request.POST)
            if not errors:
                receptions.save(store, path, values, actor, entry_id)
                request.session.flash("已保存接待日安排，公开页面已更新", "success")
                return HTTPFound(request.resource_url(context, "@@reception-days"))
        elif action == "substitute" and (path, entry_id or "") in store.receptions:
            name = request.POST.get("substitute_name", "").strip()[:50]
            post = request.POST.get("substitute_post", "").strip()[:50]
            note = request.POST.get("substitution_note", "").strip()[:100]
            receptions.substitute(store, path, entry_id, name, post, note, actor)
            request.session.flash("已更新代接安排" if name else "已取消代接", "success")
            return HTTPFound(request.resource_url(context, "@@reception-days"))
        elif action == "remove" and entry_id:
            receptions.remove(store, path, entry_id)
            request.session.flash("已删除该接待日安排", "success")
            return HTTPFound(request.resource_url(context, "@@reception-days"))
    return {"entries": receptions.of_unit(store, path), "errors": errors, "values": values,
            "fields": RECEPTION_FIELDS}


@view_config(context=Site, name="public-pages", permission=P.PUBLISH_CASE,
             renderer="templates/staff_pages.pt")
def pages_view(context, request):
    store = get_store(context)
    page_id = request.params.get("page", next(iter(pages.PAGES)))
    if page_id not in pages.PAGES:
        page_id = next(iter(pages.PAGES))
    if request.method == "POST":
        pages.save_page(store, page_id, request.POST.get("title", ""),
                        request.POST.get("body", ""), request.authenticated_userid)
        request.session.flash("已保存，公开页面已更新", "success")
        return HTTPFound(request.resource_url(context, "@@public-pages", query={"page": page_id}))
    return {"page": pages.get_page(store, page_id), "page_id": page_id,
            "index": [(pid, pages.get_page(store, pid).title) for pid in pages.PAGES],
            "public_url": request.route_path("public", traverse=("rules", page_id))}
