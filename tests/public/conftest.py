"""Fixtures for the public area: cases seeded through the real APIs (``seeding``), apps with
the form's minimum age off, anonymous and staff WebTest clients, and small actions."""

import pytest

from .seeding import (  # noqa: F401  (the tests import these from here)
    DOCS,
    FULL,
    PETITIONER,
    REPRESENTATIVE,
    SECOND,
    SECRETS,
    Seeder,
    SystemRequest,
    id_number,
    problem_text,
    registration,
)


@pytest.fixture
def app(app_factory):
    """The portal with the form's minimum age off (tests submit at once)."""
    return app_factory(**{"portal.public.min_form_seconds": "0"})


@pytest.fixture
def seed(app):
    return Seeder(app)


@pytest.fixture
def anon(app):
    from webtest import TestApp

    return TestApp(app, extra_environ={"REMOTE_ADDR": "203.0.113.7"})


def staff(app, login_name):
    from webtest import TestApp

    from portal.testing.web import login

    t = TestApp(app, extra_environ={"REMOTE_ADDR": "10.0.0.5"})
    login(t, login_name)
    return t


@pytest.fixture
def staff_app(app):
    return lambda login_name: staff(app, login_name)


def publish(t, path, summary=None, status=302):
    page = t.get(path + "/@@publication")
    form = page.forms["publish-form"]
    if summary is not None:
        form["summary"] = summary
    return form.submit("action", value="publish", status=status)


@pytest.fixture
def publish_case():
    return publish


def show_pending_code(t, path):
    """Staff open the case's 查询码 page and press 显示并打印; returns the code shown."""
    page = t.get(path + "/@@query-code")
    res = t.post(path + "/@@query-code", {"action": "show", "csrf_token": page.forms[0]["csrf_token"].value})
    return res.html.find(id="query-code").text.strip()


@pytest.fixture
def pending_code():
    return show_pending_code


def lookup(t, code, factor, status=None):
    page = t.get("/public/query")
    form = page.forms["query-form"]
    form["code"] = code
    form["factor"] = factor
    return form.submit(status=status) if status else form.submit()


@pytest.fixture
def do_lookup():
    return lookup
