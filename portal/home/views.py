"""Home: what waits for the user, then their units and roles. Settings: local accounts."""

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from portal import clock
from portal.cases.urgency import LEVEL_ORDER, urgency
from portal.forms import button, make_form, validate
from portal.i18n import _
from portal.identity.users import User
from portal.resources import Site
from portal.security import permissions as P
from portal.security.redirects import safe_redirect
from portal.security.roles import role_ids

LOCALES = ("zh_CN", "en")


LEVEL_TITLES = {
    "overdue": _("已超期"),
    "due_today": _("今日到期"),
    "due_soon": _("即将到期"),
    "normal": _("正常"),
}
#: Counted too, so that the counters add up to the items listed; shown only when not zero.
OTHER_LEVELS = ("paused", "none")
OTHER_TITLES = {"paused": _("已暂停"), "none": _("无期限")}
LEVEL_CSS = {code: f"deadline-{code}" for code in LEVEL_ORDER}


def _holds_role(request, wanted):
    """True if the user holds one of the roles ``wanted`` on some unit (granted there, not
    inherited)."""
    from hypatia.query import Any, Eq

    from portal.catalog import search
    from portal.security.localroles import local_roles

    site = request.root
    principals = [p for p in request.user_principals if not p.startswith("system.")]
    query = Any(site.catalog["local_principals"], principals) & Eq(site.catalog["type_name"], "unit")
    return any(
        role in wanted
        for node in search(site, query).all()
        for p, roles in local_roles(node).items()
        if p in principals
        for role in roles
    )


def calendar_notices(request):
    """What administrators and petition heads must know about the holiday calendar: this
    year's, and from 1 November next year's, when it has no data yet -- as dicts with the
    Chinese ``text`` and, for administrators, the ``url`` of the page that enters it."""
    from portal.time_limits import get_calendar

    site = request.root
    today = clock.today()
    years = (today.year, today.year + 1) if today.month >= 11 else (today.year,)
    missing = [y for y in years if not get_calendar(site).has_data(y)]
    if not missing:
        return []
    admin = request.has_permission(P.MANAGE_SITE, site)
    if not admin and not _holds_role(request, role_ids("head")):
        return []
    return [
        {
            "year": year,
            "text": (
                f"{year}年节假日安排尚未录入：在录入之前，到期日涉及{year}年的期限暂按周末计算，"
                f"标注为“暂定”。"
                + (
                    _("请在国务院办公厅发布通知后按通知录入。")
                    if admin
                    else _("请系统管理员在国务院办公厅发布通知后录入。")
                )
            ),
            "url": request.resource_url(site, "@@holiday-year", query={"year": year}) if admin else None,
        }
        for year in missing
    ]


@view_config(context=Site, renderer="templates/home.pt", permission=P.VIEW_HOME)
def home(context, request):
    """我的待办: what waits for this user by deadline, with counts by warning level; then
    下级逾期, the overdue work of the units below that climbed to this user."""
    from portal.cases.ledger import todo_items

    waiting = todo_items(request)
    items = [(lists, obj, urgency(request, obj)) for lists, obj in waiting]
    counts = {code: 0 for code in LEVEL_ORDER + OTHER_LEVELS}
    for _lists, obj, b in items:
        counts[_level(obj, b)] += 1
    from .todo import todo_items as duty_items

    duties = duty_items(request)
    for item in duties:
        counts[item.level if item.level in counts else "none"] += 1
    levels = LEVEL_ORDER + tuple(code for code in OTHER_LEVELS if counts[code])
    from portal.escalation.todo import escalations_for
    from portal.escalation.views import today

    below = escalations_for(context, request.registry, request.user_principals, today(request))
    return {
        "items": items,
        # more wait than are listed: the page says how many, and that the rest are due later
        "unlisted": max(waiting.total - len(items), 0),
        "counts": counts,
        "level_titles": {**LEVEL_TITLES, **OTHER_TITLES},
        "levels": levels,
        "below": below,
        "below_excerpt": below_excerpt(below),
        "duties": duties,
        "level_css": LEVEL_CSS,
        "calendar_notices": calendar_notices(request),
    }


#: Escalation sources about cases: on the home page's 下级逾期 excerpt they come before the
#: standing duties (reception days, instructions, ...), which would otherwise crowd them out.
CASE_SOURCES = ("case_deadline", "ownership_report")
EXCERPT_LENGTH = 20


def below_excerpt(lines, limit=EXCERPT_LENGTH):
    """The first ``limit`` of 下级逾期 ``lines`` (``TodoLine``, most overdue first) for the home
    page: the late cases first, then the other kinds, each most overdue first."""
    ranked = sorted(lines, key=lambda line: line.escalation.source not in CASE_SOURCES)  # stable
    return ranked[:limit]


def _level(obj, badge):
    """The counter an item of the to-do counts under: its most urgent deadline's level, else
    已暂停 when its deadlines are paused, else 无期限."""
    if badge is not None:
        return badge["code"]
    deadlines = [d for d in getattr(obj, "deadlines", {}).values() if d.is_open]
    return "paused" if deadlines else "none"


@view_config(context=Site, name="set-locale", permission=NO_PERMISSION_REQUIRED)
def set_locale(context, request):
    locale = request.params.get("locale")
    response = HTTPFound(safe_redirect(request, request.referer))
    if locale in LOCALES:
        response.set_cookie("_LOCALE_", locale, max_age=365 * 86400, httponly=True, samesite="Lax")
    return response


class AccountSchema(colander.Schema):
    login = colander.SchemaNode(
        colander.String(),
        title=_("用户名"),
        validator=colander.Regex(r"^[a-z0-9_.\-]{3,32}$", _("用户名为3至32位小写字母、数字、“.”、“-”或“_”")),
    )
    title = colander.SchemaNode(
        colander.String(), title=_("姓名"), validator=colander.Length(1, 40, max_err=_("姓名最长40个字"))
    )
    password = colander.SchemaNode(
        colander.String(),
        title=_("初始密码"),
        widget=deform.widget.CheckedPasswordWidget(),
        validator=colander.Length(12, 128, min_err=_("密码至少12位")),
    )


@view_config(context=Site, name="settings", renderer="templates/settings.pt", permission=P.MANAGE_SITE)
def settings_view(context, request):
    form = make_form(request, AccountSchema(), (button("save", _("新增本地账号"), True),))
    rendered = None
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is not None:
            if appstruct["login"] in context.users:
                request.session.flash(f"账号“{appstruct['login']}”已存在", "danger")
            else:
                user = User(appstruct["login"], appstruct["title"])
                user.set_password(appstruct["password"])
                context.users.add(user)
                request.session.flash(f"已新增本地账号“{user.login}”，请在权限设置页为其授予角色", "success")
            return HTTPFound(request.resource_url(context, "@@settings"))
    users = sorted(context.users.values(), key=lambda u: u.login)
    return {"form": rendered or form.render(), "users": users, "generation": context.__generation__}


def includeme(config):
    config.scan(__name__)
