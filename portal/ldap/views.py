"""The administrators' directory page: test the connection, look up a user's groups and roles."""
from hypatia.query import Any
from pyramid.traversal import resource_path
from pyramid.view import view_config

from portal.catalog import search
from portal.resources import Site
from portal.identity.logins import find_login
from portal.security.localroles import local_roles
from portal.security.principals import group_principal, user_principal
from portal.security.permissions import MANAGE_SITE
from portal.security.roles import ROLES

from .errors import DirectoryUnavailable
from .signin import unit_path


def roles_by_node(site, principals):
    """[(node, path, principal, role titles)] for grants made to any of ``principals``."""
    rows = []
    for node in search(site, Any(site.catalog["local_principals"], principals), "sort_key").all():
        for principal, roles in sorted(local_roles(node).items()):
            if principal in principals:
                rows.append((node, resource_path(node) or "/", principal,
                             [ROLES[r].title for r in roles if r in ROLES]))
    return rows


@view_config(context=Site, name="directory", renderer="templates/directory.pt", permission=MANAGE_SITE)
def directory_view(context, request):
    directory = getattr(request.registry, "portal_directory", None)
    result = {"enabled": directory is not None, "report": None, "entry": None, "rows": [],
              "login": request.params.get("login", "").strip()[:128], "error": None,
              "unit_path": None}
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
            result["unit_path"] = unit_path(entry.unit)
            userid = find_login(entry.login)
            principals = ([user_principal(userid)] if userid else []) + [
                group_principal(g) for g in entry.groups]
            result["rows"] = roles_by_node(context, principals)
    return result


def includeme(config):
    config.scan(__name__)
