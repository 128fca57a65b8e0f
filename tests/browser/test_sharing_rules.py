"""Who may grant 系统管理员, and the rule that no unit may be left without a manager.

Each test works on a different school, so none depends on another's changes; the module has
its own copy of the database.
"""

import re

from playwright.sync_api import expect

SITE_ADMIN = "系统管理员"


def role_options(page):
    return page.locator("#grant-form select[name=role] option")


def test_head_cannot_grant_site_admin(page, sign_in, shot):
    sign_in(page, "zy_head")
    page.goto("/zhongyuan/s02/@@sharing")
    options = role_options(page)
    expect(options.first).to_be_attached()
    titles = options.all_inner_texts()
    assert SITE_ADMIN not in titles
    assert "单位信访工作人员" in titles and "信访工作人员" in titles
    shot(page)

    # Even a tampered form (the option added in the page) is refused by the server.
    page.evaluate("""() => {
        const select = document.querySelector('#grant-form select[name=role]');
        select.add(new Option('系统管理员', 'site_admin'));
        select.value = 'site_admin';
    }""")
    form = page.locator("#grant-form")
    form.get_by_label("姓名、账号或用户组").fill("zy_officer")
    with page.expect_navigation():
        form.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-danger")).to_have_text("您无权授予或撤销“系统管理员”角色")
    expect(page.locator(".alert-success")).to_have_count(0)
    local = page.locator(".card").filter(has_text="本机构的授权")
    expect(local.locator(".badge", has_text=SITE_ADMIN)).to_have_count(0)


def test_admin_grants_site_admin(page, sign_in, shot):
    sign_in(page, "admin")
    page.goto("/zhongyuan/s04/@@sharing")
    assert SITE_ADMIN in role_options(page).all_inner_texts()

    form = page.locator("#grant-form")
    form.get_by_label("姓名、账号或用户组").fill("zy_head")
    form.get_by_label("角色").select_option(label=SITE_ADMIN)
    with page.expect_navigation():
        form.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success")).to_have_text(f"已授予陈国庆（中原区教育局）“{SITE_ADMIN}”角色")
    row = (
        page.locator(".card")
        .filter(has_text="本机构的授权")
        .locator("tbody tr")
        .filter(has_text="陈国庆（中原区教育局）")
    )
    expect(row.locator(".badge")).to_have_text([SITE_ADMIN])
    shot(page)


def test_admin_cannot_leave_a_school_without_manager(page, sign_in, shot):
    sign_in(page, "admin")
    page.goto("/zhongyuan/s03/@@sharing")
    expect(page.locator(".card").filter(has_text="本机构的授权")).to_contain_text("本机构尚未单独授权")
    inherited = page.locator(".card").filter(has_text="继承自上级机构的授权")
    expect(inherited.locator("tbody")).to_contain_text("陈国庆（中原区教育局）")

    with page.expect_navigation():
        inherited.get_by_role("button", name="停止继承").click()
    expect(page).to_have_url(re.compile(r"/zhongyuan/s03/@@sharing$"))
    expect(page.locator(".alert-danger")).to_have_text(re.compile(r"^此项修改会使"))
    expect(page.locator(".alert-danger")).to_have_text("此项修改会使本机构无人能够管理权限，已拒绝")
    shot(page)
    # Nothing changed: inheritance still applies and the button still offers 停止继承.
    expect(inherited.get_by_role("button", name="停止继承")).to_be_visible()
    expect(page.get_by_text("本机构已停止继承上级机构的授权")).to_have_count(0)
    expect(inherited.locator("tbody")).to_contain_text("陈国庆（中原区教育局）")
