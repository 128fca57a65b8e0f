"""The audit of view permissions: every view names a permission, and a write names the precise one.

Contract:

* :func:`unprotected_views` lists the views registered without a permission, or public
  (``NO_PERMISSION_REQUIRED``) without being one of :data:`PUBLIC`; exception views and static
  assets are not views in this sense.
* :func:`write_views_guarded_by_view` lists the *write* views whose registration asks only
  ``view``. A registration writes if it accepts POST (``request_method`` names POST, or names
  no method) and its callable reads the posted body (``request.POST``) or tests for a POST;
  a registration limited to GET/HEAD is a read even if it shares its callable with the POST
  registration. Such a view must name what it does (``register_case``, ``keep_duties``, …);
  its own object-level rule (a state, the unit the user belongs to) stays inside it.
* :func:`audit` is both lists, one line each; the tests assert it is empty.
"""

import inspect

from pyramid.interfaces import IExceptionResponse
from pyramid.security import NO_PERMISSION_REQUIRED

from .permissions import VIEW

#: Views that are deliberately public: signing in and the language switch.
PUBLIC = frozenset({"login", "set-locale", "logout"})

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _views(registry):
    """``(introspectable, permission)`` of every ordinary view (no exception view, no asset)."""
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
        yield intr, permission


def describe(intr):
    """``name on Context`` (or the callable's name for a default view)."""
    context = intr["context"]
    where = getattr(context, "__name__", None) or repr(context)
    return f"{intr['name'] or '(default)'} on {where}"


def unprotected_views(registry):
    """Names of views registered without a permission, other than exception/static views."""
    problems = []
    for intr, permission in _views(registry):
        name = intr["name"]
        if permission is None:
            problems.append(name or repr(intr["callable"]))
        elif permission == NO_PERMISSION_REQUIRED and name not in PUBLIC:
            problems.append(name + " (public)")
    return problems


def _reads_post(view):
    view = getattr(view, "__wrapped__", view)
    try:
        source = inspect.getsource(view)
    except (OSError, TypeError):
        return False
    return "request.POST" in source or '"POST"' in source


def is_write(intr):
    """Does this registration accept a write (see the module contract)?"""
    methods = intr["request_methods"]
    if methods is None:
        return _reads_post(intr["callable"])
    return bool(WRITE_METHODS & ({methods} if isinstance(methods, str) else set(methods)))


def write_views_guarded_by_view(registry):
    """``name on Context`` of every write view whose registration asks only ``view``, sorted."""
    return sorted(
        describe(intr) for intr, permission in _views(registry) if permission == VIEW and is_write(intr)
    )


def audit(registry):
    """Every finding of the audit (empty when the views are sound)."""
    return [f"no permission: {v}" for v in unprotected_views(registry)] + [
        f"write view guarded by view: {v}" for v in write_views_guarded_by_view(registry)
    ]
