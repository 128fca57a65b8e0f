"""Fixtures for the case lifecycle: register cases through the real form, add documents.

Expected numbers derive from the suite's clock: ``YEAR`` (郑教信〔YEAR〕0001, ``c{YEAR}-0001``);
``DUE`` is a due date 30 days ahead that the forms accept.
"""

from datetime import timedelta

import pytest
from pyramid.threadlocal import manager

from portal.testing.clock import start_from_environment

TODAY = start_from_environment().date()
YEAR = TODAY.year
DUE = (TODAY + timedelta(days=30)).isoformat()

PETITIONER = {
    "name": "张三丰",
    "id_number": "41010219800101123X",
    "phone": "13812345678",
    "address": "郑州市中原区建设路100号",
}


def _register(
    t,
    unit="/",
    subject="反映某中学违规收费问题",
    channel="visit",
    urgent=False,
    petitioner=PETITIONER,
    confirm_new=False,
    reported_unit="",
    status=302,
):
    form = t.get(unit.rstrip("/") + "/@@register-case", {"channel": channel}).forms["portal-form"]
    form["name"] = petitioner["name"]
    form["id_number"] = petitioner["id_number"]
    form["phone"] = petitioner["phone"]
    form["address"] = petitioner["address"]
    form["headcount"] = "1"
    form["subject"] = subject
    form["problem"] = "学校以资料费名义向学生收取费用，每人300元，未开具收据。"
    form["demands"] = "要求退还违规收取的费用并说明依据。"
    if urgent:
        for fields in form.fields.values():
            for f in fields:
                if getattr(f, "options", None) and any(o[0] == "urgent" for o in f.options):
                    f.value = "urgent"
    if reported_unit:
        form["is_report"] = True
        form["reported_unit"] = reported_unit
    fields = form.submit_fields("save")
    if confirm_new:
        fields.append(("confirm_new", "1"))
    return t.post(unit.rstrip("/") + "/@@register-case", fields, status=status)


@pytest.fixture
def register():
    """``register(testapp, unit='/', subject=..., ...)`` submits the registration form."""
    return _register


@pytest.fixture
def registry_pushed(app):
    manager.push({"registry": app.registry, "request": None})
    yield app.registry
    manager.pop()


@pytest.fixture
def add_docs(app, site_of):
    """Add documents of ``codes`` to the case at ``path`` (as the documents API does): drafts,
    or signed off with ``signed=True``. (Tests of who may draft and sign go through the pages:
    tests/documents/test_case_flow.py.)"""
    from pyramid.traversal import find_resource

    from portal.documents.api import add_document, sign_off

    def add(path, *codes, actor="city_officer", signed=False):
        manager.push({"registry": app.registry, "request": None})
        try:
            with site_of(app, commit=True) as site:
                case = find_resource(site, path)
                for code in codes:
                    doc = add_document(case, code, {"note": code}, actor, registry=app.registry)
                    if signed:
                        sign_off(doc, actor, registry=app.registry)
        finally:
            manager.pop()

    return add


def _assign(t, path, target="/zhongyuan/s01", reviewing="/jichu", status=302):
    """Fill and submit the assignment form of the case at ``path`` (as the signed-in user)."""
    form = t.get(path + "@@assign").forms["portal-form"]
    form["target"] = target
    form["reviewing"] = reviewing
    form.set("date", DUE, index=1)  # issued_on, due_on
    form["requirements"] = "查实反馈"
    form["contact_person"] = "李晓燕"
    form["contact_phone"] = "0371-67000001"
    return form.submit("save", status=status)


@pytest.fixture
def assign():
    """``assign(testapp, case_path, target='/zhongyuan/s01', reviewing='/jichu')``."""
    return _assign


class Flow:
    """Drive cases through the real pages as the demo's people (one signed-in WebTest app per
    login), and look at what each of them is shown."""

    def __init__(self, app, site_of):
        self.app = app
        self.site_of = site_of
        self.apps = {}

    def user(self, login):
        from webtest import TestApp

        from portal.testing.web import login as sign_in

        if login not in self.apps:
            t = TestApp(self.app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
            sign_in(t, login)
            self.apps[login] = t
        return self.apps[login]

    def register(self, login="city_officer", unit="/", **kw):
        res = _register(self.user(login), unit=unit, **kw)
        return res.location.replace("http://localhost", "")

    def docs(self, path, *codes, actor="city_officer", signed=False):
        """Add documents as the documents API does (drafts, or signed off with ``signed``);
        tests/documents/test_case_flow.py drafts, checks and signs them through the pages."""
        from pyramid.traversal import find_resource

        from portal.documents.api import add_document, sign_off

        manager.push({"registry": self.app.registry, "request": None})
        try:
            with self.site_of(self.app, commit=True) as site:
                case = find_resource(site, path)
                for code in codes:
                    doc = add_document(case, code, {"note": code}, actor, registry=self.app.registry)
                    if signed:
                        sign_off(doc, actor, registry=self.app.registry)
        finally:
            manager.pop()

    def post(self, login, path, transition, comment="同意", status=302):
        from portal.testing.web import csrf_token

        t = self.user(login)
        return t.post(
            path + "@@transition",
            {"transition": transition, "comment": comment, "csrf_token": csrf_token(t)},
            status=status,
        )

    def act(self, login, path, transition, comment="同意"):
        """Fire ``transition`` as ``login``; returns the page shown after it."""
        return self.post(login, path, transition, comment).follow()

    def must(self, login, path, transition, comment="同意"):
        """Fire ``transition`` and check it went through."""
        target = self.app.registry["portal.workflows"]["case"].transitions[transition].target
        page = self.act(login, path, transition, comment)
        assert "alert-danger" not in page.text, page.html.select_one(".alert-danger").text
        assert self.state(path) == target, (transition, self.state(path))
        return page

    def refused(self, login, path, transition, comment="同意"):
        """``transition`` is refused to ``login``: 403, or the page says why; nothing moves."""
        from portal.testing.web import csrf_token

        before = self.state(path)
        t = self.user(login)
        res = t.post(
            path + "@@transition",
            {"transition": transition, "comment": comment, "csrf_token": csrf_token(t)},
            expect_errors=True,
        )
        assert res.status_int in (302, 403), res.status
        if res.status_int == 302:
            assert "alert-danger" in res.follow().text
        assert self.state(path) == before
        return res.status_int

    def state(self, path):
        from pyramid.traversal import find_resource

        with self.site_of(self.app) as site:
            return find_resource(site, path).workflow_state

    def case(self, path, fn):
        """``fn(case)`` inside a committed transaction (to arrange data behind the pages)."""
        from pyramid.traversal import find_resource

        manager.push({"registry": self.app.registry, "request": None})
        try:
            with self.site_of(self.app, commit=True) as site:
                return fn(find_resource(site, path))
        finally:
            manager.pop()

    def assign(self, login, path, target, reviewing=None, joint=False, status=302):
        """Fill and submit the 交办/转办 form; returns the response."""
        form = self.user(login).get(path + "@@assign").forms["portal-form"]
        form["target"] = target
        options = [v for v, _sel, _t in form["reviewing"].options if v]
        form["reviewing"] = reviewing or options[0]
        form["joint_review"] = joint
        form.set("date", DUE, index=1)  # issued_on, due_on
        form["requirements"] = "查实反馈"
        form["contact_person"] = "李晓燕"
        form["contact_phone"] = "0371-67000001"
        return form.submit("save", status=status)

    def instructed(self, login="city_officer", unit="/", leader="city_leader", **kw):
        """A case registered, accepted and instructed; returns its path."""
        path = self.register(login, unit, **kw)
        self.docs(path, "acceptance_notice", actor=login)
        self.must(login, path, "accept")
        self.must(leader, path, "instruct", "请依法依规办理")
        return path

    def home(self, login):
        return self.user(login).get("/").text

    def ledger(self, login, unit="/"):
        return self.user(login).get(unit.rstrip("/") + "/@@cases").text

    def notices(self, login):
        from portal.notifications.centre import notifications_of

        with self.site_of(self.app) as site:
            return [n.title for n in notifications_of(site, login)]


@pytest.fixture
def flow(app, site_of):
    return Flow(app, site_of)
