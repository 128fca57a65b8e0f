"""Sharing page. Rules live in ``portal.security.sharing``; this module only talks to the user."""

import re

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.identity.people import People
from portal.resources import Unit
from portal.security import localroles, sharing
from portal.security.permissions import MANAGE_SHARING
from portal.security.principals import GROUP, USER, is_group, user_principal, userid_of
from portal.security.roles import ROLES, role_permissions

GROUP_RE = re.compile(r"^group:[\w.\-\u4e00-\u9fff]{1,64}$")


def describe(site, principal, people=None):
    """Human label for a principal: the person's name and unit (孙丽华（郑州市教育局）, never
    the login), or the group name."""
    if is_group(principal):
        return f"用户组 {principal[len(GROUP) :]}"
    userid = userid_of(principal)
    if userid is None:
        return principal
    return (people or People(site)).label(userid)


def parse_principal(site, text):
    """The principal a person means by ``text`` on the sharing page: ``group:<name>`` for a
    group, else a login (in any letter case, with or without ``user:``) of an existing user,
    else the name of exactly one user. None when it names nobody; ``SharingRefused`` when a
    name is shared by several people."""
    text = (text or "").strip()
    if GROUP_RE.match(text):
        return text
    if text.startswith(USER):
        text = text[len(USER) :]
    user = site.users.get(text)
    if user is None and text:
        named = [u for u in site.users.values() if u.title == text]
        if len(named) > 1:
            raise sharing.SharingRefused(f"有{len(named)}名用户名为“{text}”，请填写账号")
        user = named[0] if named else None
    return user_principal(user.userid) if user is not None else None


def inherited_grants(context):
    """(node, principal, roles) granted above ``context`` that still apply to it."""
    rows = []
    if getattr(context, "__block_inheritance__", False):
        return rows
    node = context.__parent__
    while node is not None:
        for principal, roles in sorted(localroles.local_roles(node).items()):
            rows.append((node, principal, roles))
        if getattr(node, "__block_inheritance__", False):
            break
        node = node.__parent__
    return rows


def _redirect(request, context):
    return HTTPFound(request.resource_url(context, "@@sharing"))


@view_config(context=Unit, name="sharing", renderer="templates/sharing.pt", permission=MANAGE_SHARING)
def sharing_view(context, request):
    site = request.root
    if request.method == "POST":
        action = request.POST.get("action")
        typed = request.POST.get("principal", "").strip()
        role_id = request.POST.get("role", "")
        try:
            principal = parse_principal(site, typed)
            if action == "revoke" and typed in localroles.local_roles(context):
                principal = typed  # a stored grant, even of an account removed since
            if action in ("grant", "revoke") and principal is None:
                raise sharing.SharingRefused(f"找不到用户或用户组“{typed}”（用户组请写作 group:组名）")
            if action == "grant":
                changed = sharing.grant(request, context, principal, role_id)
                msg = (
                    f"已授予{describe(site, principal)}“{ROLES[role_id].title}”角色"
                    if changed
                    else "该用户已拥有此角色，未作修改"
                )
            elif action == "revoke":
                changed = sharing.revoke(request, context, principal, role_id)
                msg = (
                    f"已撤销{describe(site, principal)}的“{ROLES[role_id].title}”角色"
                    if changed
                    else "该用户没有此角色，未作修改"
                )
            elif action == "block":
                block = request.POST.get("block") == "1"
                sharing.set_block_inheritance(request, context, block)
                msg = "已停止继承上级机构的授权" if block else "已恢复继承上级机构的授权"
            else:
                raise sharing.SharingRefused("未知的操作")
        except sharing.SharingRefused as exc:
            request.session.flash(str(exc), "danger")
        else:
            request.session.flash(msg, "success")
        return _redirect(request, context)
    # least powerful first, so the role picker's default is the safest choice
    grantable = sorted(sharing.grantable_roles(request, context), key=lambda r: len(role_permissions(r.id)))
    grantable_ids = {r.id for r in grantable}
    people = People(site)
    local = [
        (p, describe(site, p, people), roles) for p, roles in sorted(localroles.local_roles(context).items())
    ]
    inherited = [(n, describe(site, p, people), roles) for n, p, roles in inherited_grants(context)]
    return {
        "local": local,
        "inherited": inherited,
        "grantable": grantable,
        "grantable_ids": grantable_ids,
        "roles": ROLES,
        "blocked": bool(getattr(context, "__block_inheritance__", False)),
    }


def includeme(config):
    config.scan(__name__)
