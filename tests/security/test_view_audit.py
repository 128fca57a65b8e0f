"""Default deny: every registered view declares a permission (or is an exception view)."""

from pyramid.config import Configurator
from pyramid.interfaces import IExceptionResponse
from pyramid.security import NO_PERMISSION_REQUIRED

# Views that are deliberately public: signing in and the language switch.
PUBLIC = {"login", "set-locale", "logout"}


def unprotected_views(registry):
    """Names of views registered without a permission, other than exception/static views."""
    problems = []
    for item in registry.introspector.get_category("views"):
        intr = item["introspectable"]
        context = intr["context"]
        if (
            intr["exception_only"]
            or context is IExceptionResponse
            or isinstance(context, type)
            and issubclass(context, BaseException)
        ):
            continue  # exception views run after a failure; permissions do not apply
        if (intr["route_name"] or "").startswith("__"):
            continue  # static assets (Bootstrap, deform's scripts, our CSS)
        permission = None
        for related in item["related"]:
            if related.category_name == "permissions":
                permission = related["value"]
        name = intr["name"]
        if permission is None:
            problems.append(name or repr(intr["callable"]))
        elif permission == NO_PERMISSION_REQUIRED and name not in PUBLIC:
            problems.append(name + " (public)")
    return problems


def test_every_view_of_the_portal_declares_a_permission(app):
    assert unprotected_views(app.registry) == []


def test_audit_catches_a_view_without_permission():
    config = Configurator()
    config.add_view(lambda request: "x", name="leaky", renderer="string")
    config.add_view(lambda request: "x", name="open", renderer="string", permission=NO_PERMISSION_REQUIRED)
    config.add_view(lambda request: "x", name="ok", renderer="string", permission="view")
    config.commit()
    assert sorted(unprotected_views(config.registry)) == ["leaky", "open (public)"]
