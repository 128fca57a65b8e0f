"""An officer finds their way around, sees only their own county, and signs in by keyboard.

These journeys only read, so they share one copy of the demo database (one live server).
"""

import re

from playwright.sync_api import expect

BREADCRUMBS = "nav[aria-label=breadcrumb] li.breadcrumb-item"
JINSHUI_SCHOOLS = ("金水区第一中学", "金水区实验小学", "金水区第二初级中学", "金水区幼儿园", "金水区第三小学")


def test_officer_clicks_from_home_to_a_school(page, sign_in, shot):
    sign_in(page, "zy_officer")

    expect(page.locator(".alert")).to_contain_text("欢迎，刘洋")
    expect(page.get_by_role("heading", level=1)).to_have_text("我的待办")
    card = page.locator(".card").filter(has_text="我所在的机构和角色")
    row = card.locator("tbody tr").filter(has_text="中原区教育局")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("信访工作人员")

    row.get_by_role("link", name="中原区教育局").click()
    expect(page).to_have_url(re.compile(r"/zhongyuan/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("中原区教育局")

    sub_units = page.locator("table.portal-table")
    sub_units.get_by_role("link", name="中原区第一中学", exact=True).click()
    expect(page).to_have_url(re.compile(r"/zhongyuan/s01/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("中原区第一中学")

    crumbs = page.locator(BREADCRUMBS)
    expect(crumbs).to_have_text(["郑州市教育局", "中原区教育局", "中原区第一中学"])
    # The officer cannot view the city bureau: its crumb is plain text, not a link.
    expect(crumbs.nth(0).locator("a")).to_have_count(0)
    expect(crumbs.nth(1).get_by_role("link", name="中原区教育局")).to_have_attribute(
        "href", re.compile(r"/zhongyuan/$")
    )
    shot(page)

    crumbs.nth(1).get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/zhongyuan/$"))


def test_officer_cannot_see_another_county(page, sign_in, shot):
    sign_in(page, "zy_officer")

    for path in ("/jinshui/", "/jinshui/s01/"):
        response = page.goto(path)
        assert response.status == 403, path
        expect(page.get_by_role("heading", level=1)).to_have_text("无权访问")
        body = page.locator("body").inner_text()
        for school in JINSHUI_SCHOOLS:
            assert school not in body, (path, school)
        assert "金水区" not in body, path
    shot(page, "forbidden")

    page.locator("nav[aria-label=主导航]").get_by_role("link", name="搜索").click()
    page.get_by_role("textbox", name="关键词").fill("第一中学")
    page.get_by_role("search").get_by_role("button", name="搜索").click()
    expect(page.get_by_text("找到 1 条结果")).to_be_visible()
    results = page.locator("main .list-group-item a")
    expect(results).to_have_text(["中原区第一中学"])
    assert "金水区" not in page.locator("main").inner_text()
    shot(page)


def test_keyboard_only_sign_in(page, shot):
    page.goto("/login")
    login = page.locator("#login-form input[name=login]")
    password = page.locator("#login-form input[name=password]")
    expect(login).to_be_focused()

    page.keyboard.type("zy_officer")
    page.keyboard.press("Tab")
    expect(password).to_be_focused()
    page.keyboard.type("Demo-2026-xinfang")
    shot(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("我的待办")
    expect(page.locator(".alert")).to_contain_text("欢迎，刘洋")
    expect(page.locator("header .user-name")).to_have_text("刘洋")


def test_a_person_in_two_units_switches_from_the_header(page, live_server, sign_in, shot):
    import transaction
    from pyramid.threadlocal import manager

    from portal.demo.populate import add_accounts

    app = live_server.app
    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    try:
        add_accounts(
            conn.root()["portal"],
            (
                ("ma_li", "马丽", "/zhongyuan", "petition_officer"),
                ("ma_li", "马丽", "/zhongyuan/s01", "unit_liaison"),
            ),
            registry=app.registry,
        )
        transaction.commit()
    finally:
        conn.close()
        manager.pop()

    sign_in(page, "ma_li")
    switcher = page.locator("header .acting-unit")
    switcher.get_by_role("button", name="中原区教育局").click()
    shot(page)
    switcher.get_by_role("link", name="中原区第一中学").click()
    expect(page).to_have_url(re.compile(r"/zhongyuan/s01/$"))
    expect(switcher.get_by_role("button")).to_have_text("中原区第一中学")
