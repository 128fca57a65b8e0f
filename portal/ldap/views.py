"""The administrators' directory page: test the connection, look up a user's groups and roles,
and map the directory's unit values to units (``portal.ldap.units``)."""

from hypatia.query import Any, Eq
from pyramid.httpexceptions import HTTPFound
from pyramid.traversal import resource_path
from pyramid.view import view_config

from portal.catalog import search
from portal.identity.logins import find_login
from portal.resources import Site
from portal.security.localroles import local_roles
from portal.security.permissions import MANAGE_SITE
from portal.security.principals import group_principal, user_principal
from portal.security.roles import ROLES

from . import units
from .errors import DirectoryUnavailable


def roles_by_node(site, principals):
    """[(node, path, principal, role titles)] for grants made to any of ``principals``."""
    rows = []
    for node in search(site, Any(site.catalog["local_principals"], principals), "sort_key").all():
        for principal, roles in sorted(local_roles(node).items()):
            if principal in principals:
                rows.append(
                    (
                        node,
                        resource_path(node) or "/",
                        principal,
                        [ROLES[r].title for r in roles if r in ROLES],
                    )
                )
    return rows


def unit_label(unit):
    names, node = [], unit
    while node is not None:
        names.append(node.title)
        node = node.__parent__
    return " / ".join(reversed(names))


def unit_choices(site):
    """[(path, '郑州市教育局 / 中原区教育局 / 中原区第一中学')] for every unit, in tree order."""
    found = search(site, Eq(site.catalog["type_name"], "unit")).all()
    return sorted((resource_path(u) or "/", unit_label(u)) for u in found)


def mapping_rows(site):
    rows = []
    for value, path in units.mapping(site).items():
        unit = units.unit_of(site, path)
        rows.append(
            {
                "value": value,
                "path": path,
                "label": unit_label(unit) if unit is not None else "（该机构已不存在）",
            }
        )
    return rows


def _change_mapping(context, request):
    """POST ``map`` (value, unit path) or ``unmap`` (value); flash what happened."""
    value = request.POST.get("value", "")
    if request.POST.get("action") == "unmap":
        if units.remove(context, value):
            request.session.flash(f"已删除目录单位“{units.normalise_value(value)}”的对照", "success")
        return
    unit = (
        units.unit_of(context, request.POST.get("unit", ""))
        if request.POST.get("unit", "") in dict(unit_choices(context))
        else None
    )
    if unit is None:
        request.session.flash("请选择本平台的机构", "danger")
    elif not units.normalise_value(value):
        request.session.flash("请填写目录中的单位属性值", "danger")
    else:
        key = units.set_unit(context, value, unit)
        request.session.flash(
            f"已将目录单位“{key}”对应到“{unit_label(unit)}”；该单位的用户下次登录时生效", "success"
        )


@view_config(context=Site, name="directory", renderer="templates/directory.pt", permission=MANAGE_SITE)
def directory_view(context, request):
    directory = getattr(request.registry, "portal_directory", None)
    if request.method == "POST" and request.POST.get("action") in ("map", "unmap"):
        _change_mapping(context, request)
        return HTTPFound(request.resource_url(context, "@@directory"))
    result = {
        "enabled": directory is not None,
        "report": None,
        "entry": None,
        "rows": [],
        "login": request.params.get("login", "").strip()[:128],
        "error": None,
        "unit_value": "",
        "mapped_unit": None,
        "mappings": mapping_rows(context),
        "unmapped": list(units.unmapped(context).items()),
        "choices": unit_choices(context),
    }
    if directory is None:
        return result
    if request.method == "POST" and request.POST.get("action") == "test":
        result["report"] = directory.test_connection()
    elif result["login"]:
        try:
            entry = directory.lookup(result["login"])
        except DirectoryUnavailable:
            result["error"] = "统一身份认证服务暂时无法连接，请稍后再试"
            return result
        if entry is None:
            result["error"] = f"目录中找不到用户“{result['login']}”（或该用户已停用）"
        else:
            result["entry"] = entry
            result["unit_value"] = units.normalise_value(entry.unit)
            path = units.mapping(context).get(result["unit_value"])
            unit = units.unit_of(context, path) if path else None
            result["mapped_unit"] = unit_label(unit) if unit is not None else None
            userid = find_login(entry.login)
            principals = ([user_principal(userid)] if userid else []) + [
                group_principal(g) for g in entry.groups
            ]
            result["rows"] = roles_by_node(context, principals)
    return result


def includeme(config):
    config.scan(__name__)
