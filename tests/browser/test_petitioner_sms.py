"""In real Chromium: a citizen petitions online (at phone width), the office accepts, the
acceptance text message with the query code arrives at the local SMS server (Tencent Cloud's
API on loopback), and the petitioner opens their case with that code."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal.testing.sms import LocalSms

PHONE = "13700004321"
SMS = {}


@pytest.fixture(scope="module")
def live_server_settings():
    server = LocalSms().start()
    SMS["server"] = server
    yield dict(server.settings(), **{"portal.public.min_form_seconds": "0"})
    server.stop()


def _in_site(app, fn):
    import transaction
    from pyramid.threadlocal import manager

    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    try:
        result = fn(conn.root()["portal"])
        transaction.commit()
        return result
    finally:
        conn.close()
        manager.pop()


def _accept_and_sweep(app, number):
    """The office accepts the case (its notice filed), then the sweep runs as cron would, at the
    next moment messages may leave (daytime), and a quarter of an hour later."""
    from hypatia.query import Eq

    from portal import clock
    from portal.catalog import search
    from portal.documents.api import add_document
    from portal.notifications.sweep import run
    from portal.petitioner_notices.queueing import send_after
    from portal.workflow import fire
    from portal.workflow.config import documents_present
    from tests.public.seeding import SystemRequest

    def accept(site):
        [case] = [c for c in search(site, Eq(site.catalog["type_name"], "case")).all() if c.number == number]
        add_document(
            case, "acceptance_notice", {"contact_phone": "0371-67180000"}, "zy_officer", registry=app.registry
        )
        fire(
            case,
            "accept",
            SystemRequest(app.registry, site),
            actor="zy_officer",
            when=clock.now(),
            documents_present=documents_present,
            notify=app.registry.notify,
        )
        return send_after(site, app.registry, clock.now() + timedelta(minutes=1))

    moment = _in_site(app, accept)
    for step in (0, 15):
        _in_site(app, lambda site, step=step: run(site, app.registry, moment + timedelta(minutes=step)))


def _answer(page):
    question = re.search(r"验证题：(.+?)等于几", page.locator("label[for=answer]").inner_text()).group(1)
    digits = "零一二三四五六七八九十"
    a, op, b = re.match(r"(.)([加减])(.)", question).groups()
    return str(digits.index(a) + digits.index(b) if op == "加" else digits.index(a) - digits.index(b))


def test_the_acceptance_message_brings_the_code_that_opens_the_case(page, live_server, shot):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/public/petition")
    page.get_by_label("受理单位").select_option(label="中原区教育局")
    page.get_by_label("姓名").fill("郭小燕")
    page.get_by_label("联系电话").fill(PHONE)
    page.get_by_label("事由（标题）").fill("反映学校延长在校时间问题")
    page.get_by_label("反映的主要问题").fill("学校要求学生每天晚上8点后离校。")
    page.get_by_label("主要诉求").fill("要求按规定安排作息时间。")
    page.get_by_label(re.compile("验证题")).fill(_answer(page))
    page.get_by_role("button", name=re.compile("提交")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("您的信访事项已提交")
    number = re.search(r"中原教信〔\d{4}〕\d{4}", page.locator("main").inner_text()).group(0)

    _accept_and_sweep(live_server.app, number)
    sms = SMS["server"]
    by_template = {r["template"]: r for r in sms.received if r["phone"] == PHONE}
    assert set(by_template) == {"registered_code", "accepted_code"}
    accepted = by_template["accepted_code"]
    assert accepted["params"][0] == number and accepted["params"][3] == "0371-67180000"
    code = accepted["params"][1]
    text = dict(sms.texts())[PHONE]
    assert "郭小燕" not in text

    page.goto("/public/")
    page.get_by_role("link", name="查询我的信访").first.click()
    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话或身份证号码后四位").fill(PHONE[-4:])
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我的信访事项")
    expect(page.locator("article#public-progress")).to_contain_text("已受理")
    expect(page.get_by_role("button", name="不再接收短信和邮件通知")).to_be_visible()
    shot(page)
