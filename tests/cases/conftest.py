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

PETITIONER = {"name": "张三丰", "id_number": "41010219800101123X", "phone": "13812345678",
              "address": "郑州市中原区建设路100号"}


def _register(t, unit="/", subject="反映某中学违规收费问题", channel="visit", urgent=False,
             petitioner=PETITIONER, confirm_new=False, reported_unit="", status=302):
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
        for name, fields in form.fields.items():
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
    """Add draft documents of ``codes`` to the case at ``path`` (as the documents API does)."""
    from pyramid.traversal import find_resource
    from portal.documents.api import add_document

    def add(path, *codes, actor="city_officer"):
        manager.push({"registry": app.registry, "request": None})
        try:
            with site_of(app, commit=True) as site:
                case = find_resource(site, path)
                for code in codes:
                    add_document(case, code, {"note": code}, actor, registry=app.registry)
        finally:
            manager.pop()
    return add




def _assign(t, path, target="/zhongyuan/s01", unit="中原区第一中学", status=302):
    """Fill and submit the assignment form of the case at ``path`` (as the signed-in user)."""
    form = t.get(path + "@@assign").forms["portal-form"]
    form["target"] = target
    form["unit"] = unit
    form.set("date", DUE, index=1)  # issued_on, due_on
    form["requirements"] = "查实反馈"
    form["contact_person"] = "李晓燕"
    form["contact_phone"] = "0371-67000001"
    return form.submit("save", status=status)


@pytest.fixture
def assign():
    """``assign(testapp, case_path, target='/zhongyuan/s01', unit='中原区第一中学')``."""
    return _assign
