"""What the eye sees, in Chromium: the required marks, the error summary whose links move the
focus to the faulty field, 人数 appearing with 集体访, and a 搜索 button on one line at 390 px."""

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


def test_required_marks_and_the_error_summary(page, sign_in, shot):
    sign_in(page, "city_officer")
    page.goto("/@@register-case?channel=visit")
    problem = page.locator("label", has_text="反映的主要问题")
    expect(problem.locator(".req")).to_be_visible()
    expect(page.locator("label", has_text="备注").locator(".req")).to_have_count(0)
    # 人数 only for a group visit
    headcount = page.locator("[data-shown-when=is_group]")
    expect(headcount).to_be_hidden()
    page.get_by_label("集体访", exact=True).check()
    expect(headcount).to_be_visible()
    page.get_by_label("集体访", exact=True).uncheck()
    expect(headcount).to_be_hidden()
    # the browser's own check would stop an empty form: submit without it, as an old browser would
    page.evaluate("() => document.getElementById('portal-form').setAttribute('novalidate', '')")
    with page.expect_navigation():
        page.locator("#portal-formsave").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("提交的内容有误")
    link = summary.get_by_role("link", name="反映的主要问题")
    expect(link).to_be_visible()
    shot(page)
    link.click()
    target = page.locator("textarea[name=problem]")
    expect(target).to_be_focused()
    expect(target).to_be_in_viewport()


def test_the_search_button_stays_on_one_line_at_phone_width(page, sign_in, shot):
    sign_in(page, "city_officer")
    page.set_viewport_size(PHONE)
    page.goto("/@@search?q=" + "违规收费问题" * 3)
    button = page.locator("form[role=search] button", has_text="搜索")
    box = button.bounding_box()
    line = button.evaluate("b => parseFloat(getComputedStyle(b).lineHeight)")
    padding = button.evaluate(
        "b => parseFloat(getComputedStyle(b).paddingTop) + parseFloat(getComputedStyle(b).paddingBottom)"
    )
    assert box["height"] < 2 * line + padding, box  # one line of text, not two
    assert box["x"] + box["width"] <= PHONE["width"]
    shot(page)
