"""A county head lets a school liaison of another county into one of their schools, then takes
the grant back; the liaison's access follows the grant at once.

One journey that changes grants, in its own module so it has its own copy of the database.
"""

import re

from playwright.sync_api import expect

SHARING = "/zhongyuan/s01/@@sharing"
LABEL = "何丽（金水区第一中学）"
ROLE = "单位信访工作人员"


def local_grants(page):
    return page.locator(".card").filter(has_text="本机构的授权")


def assert_refused(page, path):
    response = page.goto(path)
    assert response.status == 403, path
    expect(page.get_by_role("heading", level=1)).to_have_text("无权访问")


def test_head_grants_and_revokes_a_liaison(page, sign_in, sign_out, shot):
    sign_in(page, "zy_head")
    page.goto(SHARING)
    expect(page.get_by_role("heading", level=1)).to_have_text("权限设置：中原区第一中学")
    expect(local_grants(page).get_by_text(LABEL)).to_have_count(0)

    form = page.locator("#grant-form")
    form.get_by_label("姓名、账号或用户组").fill("js_s01_liaison")
    form.get_by_label("角色").select_option(label=ROLE)
    with page.expect_navigation():
        form.get_by_role("button", name="提交").click()

    expect(page).to_have_url(re.compile(r"/zhongyuan/s01/@@sharing$"))
    expect(page.locator(".alert-success")).to_have_text(f"已授予{LABEL}“{ROLE}”角色")
    row = local_grants(page).locator("tbody tr").filter(has_text=LABEL)
    expect(row).to_have_count(1)
    expect(row.locator(".badge")).to_have_text([ROLE])
    shot(page)

    sign_out(page)
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator("#login-form")).to_be_visible()

    sign_in(page, "js_s01_liaison")
    response = page.goto("/zhongyuan/s01/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("中原区第一中学")
    shot(page, "liaison-granted")
    assert_refused(page, "/zhongyuan/s02/")
    sign_out(page)

    sign_in(page, "zy_head")
    page.goto(SHARING)
    with page.expect_navigation():
        local_grants(page).get_by_role("button", name=f"撤销 {LABEL} 的 {ROLE}").click()
    expect(page.locator(".alert-success")).to_have_text(f"已撤销{LABEL}的“{ROLE}”角色")
    expect(local_grants(page).get_by_text(LABEL)).to_have_count(0)
    shot(page, "revoked")
    sign_out(page)

    sign_in(page, "js_s01_liaison")
    assert_refused(page, "/zhongyuan/s01/")
    assert "中原区第一中学" not in page.locator("main").inner_text()
    shot(page, "liaison-refused")
