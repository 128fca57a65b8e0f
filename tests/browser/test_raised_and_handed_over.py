"""In Chromium, across levels: a county officer hands a major matter up; the city's officer finds
it on 我的待办 (阅知上报事项), opens the case and acknowledges it, and it leaves the to-do; the
school handling the case has nothing to acknowledge, and the neighbouring county's officer sees
neither the item nor the case. Then a
city department hands a first contact over to the county, whose officer alone has it waiting
(受理首问移交) and takes it up as a case."""

import pytest
from playwright.sync_api import expect

from tests.browser.main_pages import seed_demo_copy

PATHS = {}


@pytest.fixture(scope="module")
def live_server_settings(demo_db_dir, tmp_path_factory):
    settings, paths = seed_demo_copy(tmp_path_factory, demo_db_dir)
    PATHS.update(paths)
    return settings


def _duty_todo(page):
    page.goto("/")
    todo = page.locator("#duty-todo")
    return todo.inner_text() if todo.count() else ""


def test_a_matter_raised_by_the_county_is_acknowledged_by_the_city(page, sign_in, sign_out, shot):
    case = PATHS["case_path"]
    sign_in(page, "zy_officer")
    page.goto(case + "/")
    form = page.locator("#raise-form")
    form.locator("input[name=note]").fill("来信反映可能引发群体上访")
    with page.expect_navigation():
        form.get_by_role("button", name="重大事项报上级").click()
    expect(page.locator("#raised")).to_contain_text("待上级阅知")
    expect(page.locator("#raise-form")).to_have_count(0)  # once, until the city reads it
    sign_out(page)

    # the school handling the case sees it, but has nothing to acknowledge; the neighbouring
    # county sees neither the item nor the case
    sign_in(page, "zy_s01_liaison")
    assert "阅知上报事项" not in _duty_todo(page)
    assert page.goto(case + "/").status == 200
    expect(page.locator("#raised").get_by_role("button", name="阅知")).to_have_count(0)
    sign_out(page)
    sign_in(page, "js_officer")
    assert "阅知上报事项" not in _duty_todo(page)
    assert page.goto(case + "/").status == 403
    sign_out(page)

    sign_in(page, "city_officer")
    todo = page.locator("#duty-todo")
    page.goto("/")
    expect(todo).to_contain_text("阅知上报事项")
    shot(page, "city-todo")
    with page.expect_navigation():
        todo.get_by_role("link").filter(has_text="下级上报重大事项").first.click()
    with page.expect_navigation():
        page.locator("#raised").get_by_role("button", name="阅知").click()
    expect(page.locator("#raised")).to_contain_text("上级已阅知")
    assert "阅知上报事项" not in _duty_todo(page)
    sign_out(page)

    sign_in(page, "zy_officer")  # the county sees that the city has read it
    page.goto(case + "/")
    expect(page.locator("#raised")).to_contain_text("上级已阅知")


def test_a_first_contact_handed_to_the_county_waits_on_its_officers_todo(page, sign_in, sign_out):
    sign_in(page, "jichu_handler")  # 基础教育处, a city department
    page.goto("/@@first-contact")
    form = page.locator("#portal-form")
    form.locator("input[name=visitor_name]").fill("王某")
    form.locator("input[name=visitor_phone]").fill("13800001111")
    form.locator("textarea[name=matter]").fill("咨询孩子转学手续")
    form.locator("input[type=radio][value=referred]").check()
    form.locator("textarea[name=result]").fill("属区县职责，已移交")
    form.locator("select[name=hand_to]").select_option(value="/zhongyuan")
    with page.expect_navigation():
        form.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status").first).to_contain_text("并已移交中原区教育局")
    sign_out(page)

    for login in ("js_officer", "zy_s01_liaison", "city_officer"):
        sign_in(page, login)
        assert "受理首问移交" not in _duty_todo(page)
        sign_out(page)

    sign_in(page, "zy_officer")
    assert "受理首问移交" in _duty_todo(page)
    page.goto("/@@first-contacts-received")
    with page.expect_navigation():
        page.get_by_role("button", name="受理").first.click()
    expect(page.get_by_role("status").first).to_contain_text("已受理，登记为信访事项")
    assert "受理首问移交" not in _duty_todo(page)
