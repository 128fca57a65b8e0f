"""Sign-in and sign-out. One message for every bad credential; throttled; CSRF-checked."""
import logging
from datetime import datetime, timezone

from pyramid.httpexceptions import HTTPFound
from pyramid.security import NO_PERMISSION_REQUIRED, forget, remember
from pyramid.view import view_config

from portal.resources import Site
from portal.security.permissions import VIEW, VIEW_HOME
from portal.security.redirects import safe_redirect

from . import throttle
from .passwords import burn_time
from .sources import SignInRefused, SourceUnavailable, identity_sources

log = logging.getLogger(__name__)

BAD_CREDENTIALS = "用户名或密码错误"
LOCKED = "登录失败次数过多，请15分钟后再试"
UNAVAILABLE = "统一身份认证服务暂时无法连接，请稍后再试；本地管理员账号不受影响"


def landing(request, site, user, came_from):
    """Where to go after signing in: ``came_from``, else the user's own unit, else home."""
    if came_from or not getattr(user, "unit_path", None):
        return safe_redirect(request, came_from)
    from pyramid.traversal import find_resource
    try:
        unit = find_resource(site, user.unit_path)
    except KeyError:
        return safe_redirect(request, None)
    if not request.has_permission(VIEW, unit):
        return safe_redirect(request, None)
    return request.resource_url(unit)


def authenticate(request, site, login, password):
    """Ask each identity source in turn; return ``(user, error_message)``."""
    unavailable = False
    for source in identity_sources(request.registry):
        try:
            user = source.authenticate(request, site, login, password)
        except SignInRefused as refused:
            return None, str(refused)
        except SourceUnavailable:
            log.warning("identity source %s unavailable for login %r", source.name, login)
            unavailable = True
            continue
        if user is not None:
            return user, None
    burn_time()  # an unknown account costs as much as a wrong password: no enumeration by timing
    return None, (UNAVAILABLE if unavailable else BAD_CREDENTIALS)


@view_config(context=Site, name="login", renderer="templates/login.pt",
             permission=NO_PERMISSION_REQUIRED, require_csrf=True)
def login_view(context, request):
    site = context
    login = request.params.get("login", "").strip()
    came_from = request.params.get("came_from", "")
    error = None
    if request.method == "POST":
        password = request.POST.get("password", "")
        address = request.client_addr
        if not login or not password:
            error = "请输入用户名和密码"
        elif throttle.is_locked(site, login, address):
            error = LOCKED
        else:
            user, error = authenticate(request, site, login, password)
            if user is not None:
                throttle.record_success(site, login)
                stamp = datetime.now(timezone.utc)
                if user.last_login is None or (stamp - user.last_login).total_seconds() > 300:
                    user.last_login = stamp  # not on every sign-in: fewer write conflicts
                headers = remember(request, user.userid)
                request.session.flash(f"欢迎，{user.title}", "success")
                return HTTPFound(landing(request, site, user, came_from), headers=headers)
            if error == BAD_CREDENTIALS:
                throttle.record_failure(site, login, address)
        request.response.status = 200
    request.session.get_csrf_token()
    return {"login": login, "came_from": came_from, "error": error}


@view_config(context=Site, name="logout", request_method="POST", permission=VIEW_HOME)
def logout_view(context, request):
    headers = forget(request)
    request.session.flash("您已安全退出", "success")
    return HTTPFound(request.application_url + "/login", headers=headers)


@view_config(context=Site, name="logout", request_method="GET", permission=NO_PERMISSION_REQUIRED,
             renderer="templates/logout.pt")
def logout_confirm(context, request):
    """A GET to /@@logout asks for confirmation instead of signing out (CSRF-safe)."""
    return {}


def includeme(config):
    config.scan(__name__)
