"""Test helpers for the web layer: building apps on a database URI, signing in with WebTest.

Kept in the package (like ``pyramid.testing``) so every test layer and the benchmarks share one
implementation; nothing here is used by the running portal.
"""

from portal.demo.populate import DEMO_PASSWORD

BASE_SETTINGS = {
    "session.secret": "testing-secret-0123456789abcdef0123456789",
    "session.secure": "false",
    "portal.auto_evolve": "true",
    "ldap.enabled": "false",
    "retry.attempts": "5",
}


def file_uri(directory):
    return f"file://{directory}/Data.fs?blobstorage_dir={directory}/blobs"


def make_app(uri, **extra):
    from portal import main

    settings = dict(BASE_SETTINGS, **{"zodbconn.uri": uri})
    settings.update(extra)
    return main({}, **settings)


def close_app(app):
    for db in getattr(app.registry, "_zodb_databases", {}).values():
        db.close()


def login(testapp, username, password=DEMO_PASSWORD, status=302):
    """Sign in through the real form; returns the response to the POST."""
    form = testapp.get("/login").forms["login-form"]
    form["login"] = username
    form["password"] = password
    return form.submit(status=status)


def csrf_token(testapp):
    """The CSRF token of the current session (from the sign-out confirmation form)."""
    return testapp.get("/@@logout").forms[0]["csrf_token"].value


def user_request(app, site, login_, path="/"):
    """A real ``pyramid.request.Request`` as the router would give a view: the app's registry
    and request methods, the root, and ``login_``'s account as the signed-in identity (for
    checking the security policy and the catalog queries in-process). The request uses
    ``site``'s connection (``pyramid_zodbconn.get_connection`` finds it), so what it reads is
    what the caller sees, uncommitted changes included, and it opens no connection of its own
    (a blank request never finishes, so one it opened would never be closed)."""
    from pyramid.interfaces import IRequestExtensions
    from pyramid.request import Request, apply_request_extensions

    request = Request.blank(path)
    request.registry = app.registry
    apply_request_extensions(request, extensions=app.registry.queryUtility(IRequestExtensions))
    request.root = site
    request._primary_zodb_conn = site._p_jar
    request.__dict__["_portal_identity"] = site.users.get(login_)  # the policy's cache
    return request


def schema_form_fields(schema, appstruct, extra=()):
    """The (name, value) pairs a browser submits for a deform form of ``schema`` filled with
    ``appstruct`` (peppercorn markers, date mappings, sequences), plus ``extra`` pairs."""
    import types

    import bs4
    import deform
    import webtest.forms

    form = deform.Form(schema, formid="portal-form")
    text = form.render(appstruct)
    page = types.SimpleNamespace(html=bs4.BeautifulSoup(text, "html.parser"))
    parsed = webtest.forms.Form(page, text)
    return [(k, v) for k, v in parsed.submit_fields() if k] + list(extra)


def document_form_fields(code, appstruct, extra=()):
    """:func:`schema_form_fields` for the registry's form of document ``code``."""
    from schemas import get_document_type

    return schema_form_fields(get_document_type(code).schema(), appstruct, extra)
