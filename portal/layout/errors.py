"""Error pages: every failure ends in a Chinese page, never a traceback.

- 403: an anonymous visitor is sent to sign in, except at the portal's front door ``/``, which
  leads a citizen to the public area (信访信息公开; it links back to the staff sign-in); a
  signed-in user sees 无权访问.
- 404: 页面不存在.
- A rejected CSRF token: 页面已过期 (400), with nothing changed.
- A request refused as too large (``portal.security.limits``): 413/400, with nothing changed.
- Any other exception: logged with its traceback, and the user sees 系统繁忙 (500).
"""

import logging

from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPFound
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config

from portal.security.limits import RequestRefused

log = logging.getLogger(__name__)
TEMPLATE = "portal.layout:templates/error.pt"


def _page(request, status, title, message):
    request.response.status = status
    return {"title": title, "message": message}


@forbidden_view_config(renderer=TEMPLATE)
def forbidden(exc, request):
    if request.identity is None:
        if request.method == "GET" and request.path in ("", "/"):
            return HTTPFound(request.application_url + "/public/")
        query = {"came_from": request.path_qs} if request.method == "GET" else {}
        from urllib.parse import urlencode

        suffix = ("?" + urlencode(query)) if query else ""
        return HTTPFound(request.application_url + "/login" + suffix)
    return _page(
        request, 403, "无权访问", "您没有访问此页面或执行此操作的权限。如有疑问，请联系本单位信访工作负责人。"
    )


@notfound_view_config(renderer=TEMPLATE)
def notfound(exc, request):
    return _page(request, 404, "页面不存在", "您要找的页面不存在或已被移除。")


@exception_view_config(RequestRefused, renderer=TEMPLATE)
def request_refused(exc, request):
    return _page(request, exc.status, "提交的内容过多", exc.message)


@exception_view_config(BadCSRFToken, renderer=TEMPLATE)
def bad_csrf(exc, request):
    return _page(request, 400, "页面已过期", "页面已过期或来源无法验证，您的操作没有生效。请刷新页面后重试。")


@exception_view_config(Exception, renderer=TEMPLATE)
def server_error(exc, request):
    from pyramid_retry import is_error_retryable, is_last_attempt

    if is_error_retryable(request, exc) and not is_last_attempt(request):
        log.debug("retrying %s %s after %s", request.method, request.path, type(exc).__name__)
    else:
        log.exception("unhandled error on %s %s", request.method, request.path)
    return _page(
        request,
        500,
        "系统繁忙",
        "处理您的请求时出现错误，操作没有生效。请稍后重试；如问题持续，请联系系统管理员。",
    )


def includeme(config):
    config.scan(__name__)
