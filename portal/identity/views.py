"""Sign-in and sign-out. One message for every bad credential; throttled; CSRF-checked.

Throttling (``portal.security.throttle``): wrong credentials count per (login, address) and per
address, with growing delays, so a stranger guessing an administrator's password only slows
down their own address — the administrator signs in from theirs as usual. Every attempt that
reaches the sources costs exactly one password verification, whether the account exists or
not (``LocalSource``), so the answer's timing does not tell which local accounts exist.
"""

import logging

from pyramid.httpexceptions import HTTPFound
from pyramid.security import NO_PERMISSION_REQUIRED, forget, remember
from pyramid.view import view_config

from portal import clock
from portal.resources import Site
from portal.security.permissions import VIEW, VIEW_HOME
from portal.security.redirects import safe_redirect
from portal.security.throttle import Backoff, get_throttle, wait_text

from .logins import find_login
from .sources import SignInRefused, SourceUnavailable, identity_sources

log = logging.getLogger(__name__)

BAD_CREDENTIALS = "用户名或密码错误"
LOCKED = "登录失败次数过多，请{}后再试"
#: per (login, address): 5 free, then 30 s, 1 min, 2 min ... at most 15 min
PAIR = Backoff(free=5, first_delay=30, max_delay=15 * 60, forget_after=15 * 60)
#: per address, whatever the login (password spraying): 20 free, then the same schedule
ADDRESS = Backoff(free=20, first_delay=30, max_delay=15 * 60, forget_after=15 * 60)
UNAVAILABLE = "统一身份认证服务暂时无法连接，请稍后再试；本地管理员账号不受影响"


def landing(request, site, user, came_from):
    """Where to go after signing in: ``came_from``, else the user's own unit, else home."""
    if came_from or not getattr(user, "unit_path", None):
        return safe_redirect(request, came_from)
    from pyramid.traversal import find_resource

    try:
        unit = find_resource(site, user.unit_path)
    except (KeyError, ValueError, UnicodeError):  # a unit gone, or a path stored before the mapping
        return safe_redirect(request, None)
    if not request.has_permission(VIEW, unit):
        return safe_redirect(request, None)
    return request.resource_url(unit)


def authenticate(request, site, login, password):
    """Ask each identity source in turn; return ``(user, error_message)``."""
    unavailable = None
    for source in identity_sources(request.registry):
        try:
            user = source.authenticate(request, site, login, password)
        except SignInRefused as refused:
            return None, str(refused)
        except SourceUnavailable as exc:
            log.warning("identity source %s unavailable for login %r", source.name, login)
            unavailable = exc.message or UNAVAILABLE
            continue
        if user is not None:
            return user, None
    return None, (unavailable or BAD_CREDENTIALS)


def throttle_checks(login, address):
    """The throttle keys of a sign-in of ``login`` (typed text) from ``address``."""
    name = find_login(login) or login.casefold()
    address = address or "?"
    return (("signin", name, address), PAIR), (("signin-address", address), ADDRESS)


@view_config(
    context=Site,
    name="login",
    renderer="templates/login.pt",
    permission=NO_PERMISSION_REQUIRED,
    require_csrf=True,
)
def login_view(context, request):
    site = context
    login = request.params.get("login", "").strip()
    came_from = request.params.get("came_from", "")
    error = None
    if request.method == "POST":
        password = request.POST.get("password", "")
        checks = throttle_checks(login, request.client_addr)
        throttle = get_throttle(request)
        wait = throttle.wait(checks)
        if not login or not password:
            error = "请输入用户名和密码"
        elif wait:
            error = LOCKED.format(wait_text(wait))
        else:
            user, error = authenticate(request, site, login, password)
            if user is not None:
                throttle.clear(checks[0][0])
                stamp = clock.now()
                if user.last_login is None or (stamp - user.last_login).total_seconds() > 300:
                    user.last_login = stamp  # not on every sign-in: fewer write conflicts
                headers = remember(request, user.userid)
                request.session.flash(f"欢迎，{user.title}", "success")
                return HTTPFound(landing(request, site, user, came_from), headers=headers)
            if error == BAD_CREDENTIALS:
                throttle.fail(checks)
        request.response.status = 200
    request.session.get_csrf_token()
    return {"login": login, "came_from": came_from, "error": error}


@view_config(context=Site, name="logout", request_method="POST", permission=VIEW_HOME)
def logout_view(context, request):
    headers = forget(request)
    request.session.flash("您已安全退出", "success")
    return HTTPFound(request.application_url + "/login", headers=headers)


@view_config(
    context=Site,
    name="logout",
    request_method="GET",
    permission=NO_PERMISSION_REQUIRED,
    renderer="templates/logout.pt",
)
def logout_confirm(context, request):
    """A GET to /@@logout asks for confirmation instead of signing out (CSRF-safe)."""
    return {}


def includeme(config):
    config.scan(__name__)
