"""查询我的信访: look a case up with its query code and second factor; rate; ask for review.

Contract:

- A wrong code and a wrong second factor get byte-identical answers (:data:`NO_MATCH`; the
  entered values are not echoed back). Failures are throttled (``portal.security.throttle``)
  per code (keyed by the code's hash: guessing one code's second factor from many addresses),
  per client address (guessing many codes from one), with growing delays, and for the whole
  portal (:func:`limits`: many codes from many addresses): past a limit every attempt, right
  or wrong, gets :data:`THROTTLED` until the delay passes. Nothing is written to the database
  for a failure.
- A successful lookup keeps the code's *hash* in the session for :data:`SESSION_SECONDS`;
  the petitioner's pages read the case through ``petitioner.own_view`` (a projection), and
  rate or ask for review through ``petitioner.rate`` / ``petitioner.request_review``, and
  stop or resume the text messages and mail about the case
  (``portal.petitioner_notices.optout``).
"""

import time

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.security.throttle import Backoff, Window, get_throttle, setting, wait_text
from portal.storage import get_site

from . import forms, petitioner, querycodes
from .rendering import article_html, page
from .security import VIEW_PUBLIC, PublicArea
from .views_progress import public_store

NO_MATCH = "查询码或验证信息不正确，请核对后重新输入。"
THROTTLED = "尝试次数过多，请{}后再试。"
SESSION_KEY = "portal.public.case"
SESSION_SECONDS = 30 * 60
WINDOW = 15 * 60


def limits(request, digest):
    """Throttle checks of a lookup: per code, per address, and for every lookup together
    (``portal.public.lookup_code_limit`` 5, ``lookup_address_limit`` 20 free failures, then
    delays from 1 minute doubling to 15; ``lookup_global_limit`` 100 failures per 15 minutes)."""
    settings = request.registry.settings
    address = request.client_addr or "?"
    per_code = setting(settings, "portal.public.lookup_code_limit", 5)
    per_address = setting(settings, "portal.public.lookup_address_limit", 20)
    overall = setting(settings, "portal.public.lookup_global_limit", 100)
    return [
        (("lookup-code", digest), Backoff(per_code, 60, WINDOW, WINDOW)),
        (("lookup-address", address), Backoff(per_address, 60, WINDOW, WINDOW)),
        (("lookup-all",), Window(overall, WINDOW)),
    ]


def _no_store(request):
    request.response.headers["Cache-Control"] = "no-store"


@view_config(route_name="public", context=PublicArea, name="query", permission=VIEW_PUBLIC)
def query(context, request):
    _no_store(request)
    error = None
    if request.method == "POST":
        store = public_store(request)
        code = request.POST.get("code", "")
        factor = request.POST.get("factor", "")
        digest = querycodes.code_hash(store, code)
        checks = limits(request, digest)
        throttle = get_throttle(request)
        wait = throttle.wait(checks)
        if wait:
            error = THROTTLED.format(wait_text(wait))
        else:
            path = querycodes.verify(store, code, factor)
            if path is None:
                throttle.fail(checks)
                error = NO_MATCH
            else:
                throttle.clear(checks[0][0])
                request.session[SESSION_KEY] = {"h": digest, "until": time.time() + SESSION_SECONDS}
                request.session.new_csrf_token()
                return HTTPFound(request.route_path("public", traverse=("my-case",)))
        request.response.status = 200
    return page(request, "query.pt", "query", error=error)


def current_path(request):
    """The case path of the petitioner's verified code, or None (expired or not looked up)."""
    held = request.session.get(SESSION_KEY)
    if not held or held.get("until", 0) < time.time():
        return None
    record = querycodes.record_for_hash(public_store(request), held.get("h", ""))
    return record.case_path if record is not None else None


@view_config(route_name="public", context=PublicArea, name="my-case", permission=VIEW_PUBLIC)
def my_case(context, request):
    _no_store(request)
    path = current_path(request)
    if path is None:
        if request.subpath and request.subpath[0] == "leave":
            request.session.pop(SESSION_KEY, None)
        return HTTPFound(request.route_path("public", traverse=("query",)))
    site = get_site(request)
    action = request.subpath[0] if request.subpath else ""
    errors, message = {}, request.session.pop("portal.public.message", "")
    if request.method == "POST" and action == "leave":
        request.session.pop(SESSION_KEY, None)
        return HTTPFound(request.route_path("public", traverse=()))
    if request.method == "POST" and action == "notices":
        from portal import clock
        from portal.petitioner_notices.optout import set_optout

        stop = request.POST.get("receive") == "0"
        set_optout(site, path, stop, clock.now())
        request.session["portal.public.message"] = (
            "已停止发送短信和邮件通知，后续告知将以书面方式送达。" if stop else "已恢复短信和邮件通知。"
        )
        return HTTPFound(request.route_path("public", traverse=("my-case",)))
    if request.method == "POST" and action in ("rate", "review"):
        schema = forms.Rating() if action == "rate" else forms.ReviewRequest()
        values, errors = forms.validate(schema, request.POST)
        if values is not None:
            try:
                if action == "rate":
                    petitioner.rate(site, path, values)
                    done = "您的满意度评价已提交，感谢您的反馈。"
                else:
                    petitioner.request_review(site, path, values["reasons"])
                    done = "您的复查申请已提交，工作人员将及时审核办理。"
            except ValueError as exc:
                done = str(exc)
            request.session["portal.public.message"] = done
            return HTTPFound(request.route_path("public", traverse=("my-case",)))
    own = petitioner.own_view(site, path)
    from portal.petitioner_notices.optout import is_opted_out

    return page(
        request,
        "my_case.pt",
        "query",
        own=own,
        article=article_html(own.projection),
        errors=errors,
        message=message,
        opted_out=is_opted_out(site, path),
        satisfaction=forms.SATISFACTION,
    )
