"""A case from registration through assignment to conclusion, as the petition officer, the
leader and the school liaison would do it in a browser."""

import re
from datetime import timedelta

import transaction
from playwright.sync_api import expect
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from portal.testing.clock import start_from_environment

TODAY = start_from_environment().date()  # the suite's clock: case numbers and dates follow it
YEAR = TODAY.year


def add_documents(live_server, path, *codes, actor="city_officer"):
    """Stand-in for filling documents (the documents journey covers the forms themselves)."""
    from portal.documents.api import add_document

    app = live_server.app
    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    try:
        case = find_resource(conn.root()["portal"], path)
        for code in codes:
            add_document(case, code, {"note": code}, actor, registry=app.registry)
        transaction.commit()
    finally:
        conn.close()
        manager.pop()


def press(page, title):
    with page.expect_navigation():
        page.locator("#transition-form").get_by_role("button", name=title, exact=True).click()


def test_officer_leader_and_liaison_take_a_case_to_conclusion(page, live_server, sign_in, sign_out, shot):
    sign_in(page, "city_officer")
    page.goto("/@@register-case?channel=visit")
    form = page.locator("#portal-form")
    form.locator("input[name=name]").fill("王小明")
    form.locator("input[name=phone]").fill("13912345678")
    form.locator("input[name=subject]").fill("反映学校食堂饭菜质量问题")
    form.locator("textarea[name=problem]").fill("学校食堂饭菜经常不熟，学生多次反映无果。")
    form.locator("textarea[name=demands]").fill("要求学校整改食堂管理。")
    with page.expect_navigation():
        form.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success", has_text=f"已登记信访事项 郑教信〔{YEAR}〕")).to_be_visible()
    expect(page.locator("main")).to_contain_text("王**")
    expect(page.locator("main")).not_to_contain_text("王小明")
    shot(page, "registered")
    path = re.sub(r"^https?://[^/]+", "", page.url)

    add_documents(live_server, path, "acceptance_notice")
    page.reload()
    press(page, "受理")
    expect(page.locator(".alert-success", has_text="已受理")).to_be_visible()
    sign_out(page)

    sign_in(page, "city_leader")
    expect(page.locator("#todo")).to_contain_text("待阅批")
    page.locator("#todo").get_by_role("link", name=re.compile("反映学校食堂")).click()
    page.locator("#comment").fill("请中原区教育局督促学校立即整改。")
    press(page, "阅批")
    expect(page.locator(".alert-success", has_text="已阅批")).to_be_visible()
    sign_out(page)

    sign_in(page, "city_officer")
    page.goto(path + "@@assign")
    form = page.locator("#portal-form")
    form.locator("[data-unit-filter]").fill("第一中学")
    form.locator("input[name=target][value='/zhongyuan/s01']").check()
    form.locator("select[name=reviewing]").select_option("/jichu")
    form.locator("input[name=date]").nth(1).fill((TODAY + timedelta(days=30)).isoformat())
    form.locator("textarea[name=requirements]").fill("请查实后书面反馈。")
    form.locator("input[name=contact_person]").fill("李晓燕")
    form.locator("input[name=contact_phone]").fill("0371-67000001")
    with page.expect_navigation():
        form.get_by_role("button", name="交办").click()
    expect(page.locator(".alert-success", has_text="已交办给“中原区第一中学”")).to_be_visible()
    shot(page, "assigned")
    sign_out(page)

    sign_in(page, "zy_s01_liaison")
    expect(page.locator("#todo")).to_contain_text("待办理")
    page.goto(path)
    expect(page.locator("main")).not_to_contain_text("王小明")
    press(page, "开始办理")
    add_documents(live_server, path, "investigation_report", "handling_opinion", actor="zy_s01_liaison")
    page.reload()
    press(page, "提交处理意见")
    expect(page.locator(".alert-success", has_text="处理意见待审核")).to_be_visible()
    sign_out(page)

    sign_in(page, "jichu_handler")
    expect(page.locator("#todo")).to_contain_text("待审核")
    page.goto(path)
    press(page, "审核通过")
    expect(page.locator(".alert-success", has_text="处理意见已审核")).to_be_visible()
    sign_out(page)

    sign_in(page, "city_officer")
    add_documents(live_server, path, "closing_report")
    page.goto(path)
    press(page, "办结")
    expect(page.locator(".alert-success", has_text="当前状态：已办结")).to_be_visible()
    shot(page, "concluded")
    page.goto(path + "@@history")
    for step in ("受理", "阅批", "交办", "开始办理", "提交处理意见", "办结"):
        expect(page.locator("main")).to_contain_text(step)
