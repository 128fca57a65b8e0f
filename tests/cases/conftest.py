"""Fixtures for the case lifecycle: register cases through the real form, add documents."""

import pytest
from pyramid.threadlocal import manager


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




def _assign(t, path, target="/zhongyuan/s01", unit="中原区第一中学", status=302):
    """Fill and submit the assignment form of the case at ``path`` (as the signed-in user)."""
    form = t.get(path + "@@assign").forms["portal-form"]
    form["target"] = target
    form["unit"] = unit
    form.set("date", "2026-12-31", index=1)  # issued_on, due_on
    form["requirements"] = "查实反馈"
    form["contact_person"] = "李晓燕"
    form["contact_phone"] = "0371-67000001"
    return form.submit("save", status=status)


@pytest.fixture
def assign():
    """``assign(testapp, case_path, target='/zhongyuan/s01', unit='中原区第一中学')``."""
    return _assign
