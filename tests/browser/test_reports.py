"""In Chromium: a school liaison files the monthly report; the county sees it on its dashboard
and returns it with a reason; the school corrects it and resubmits."""

import re

from playwright.sync_api import expect

MONTH_FORM = "/zhongyuan/s01/@@monthly-report"


def _fill_required(page):
    form = page.locator("#portal-form")
    form.locator("input[name=reporter]").fill("黄静")
    form.locator("input[name=reporter_phone]").fill("0371-65551234")
    form.locator("input[name=unit_leader]").fill("周校长")


def test_file_return_correct_resubmit(page, sign_in, sign_out, shot):
    # the school liaison files this month's report
    sign_in(page, "zy_s01_liaison")
    page.goto(MONTH_FORM)
    expect(page.get_by_role("heading", level=1)).to_contain_text("中原区第一中学")
    _fill_required(page)
    page.locator("#portal-form textarea[name=other_matters]").fill("本月无其他需要报告的事项。")
    shot(page, "1-form")
    with page.expect_navigation():
        page.locator("#portal-form").get_by_role("button", name="报送").click()
    expect(page.locator("#report-state")).to_have_text("已报送")
    expect(page.get_by_role("status").first).to_contain_text("已报送")
    shot(page, "2-filed")
    sign_out(page)

    # the county sees it on the dashboard and returns it with a reason
    sign_in(page, "zy_officer")
    page.goto("/zhongyuan/@@reports-dashboard")
    row = page.locator("#unit-lines tr[data-unit='/zhongyuan/s01']")
    expect(row).to_contain_text("已报送待审核")
    expect(page.locator("#unit-lines tr[data-unit='/zhongyuan/s02']")).to_contain_text("未报送")
    shot(page, "3-dashboard")
    with page.expect_navigation():
        row.get_by_role("link", name="查看").click()
    page.locator("#comment").fill("请补充本月排查出的校车停运隐患")
    with page.expect_navigation():
        page.locator("#review-form").get_by_role("button", name="退回修改").click()
    expect(page.locator("#report-state")).to_have_text("已退回")
    expect(page.locator("#returned-reason")).to_contain_text("校车停运")
    shot(page, "4-returned")
    sign_out(page)

    # the school corrects and resubmits
    sign_in(page, "zy_s01_liaison")
    page.goto(MONTH_FORM)
    expect(page.locator("#returned-reason")).to_contain_text("请补充本月排查出的校车停运隐患")
    page.locator("#portal-form").get_by_text("添加隐患").click()
    risk = page.locator("#portal-form").locator("input[name=subject]").last
    risk.fill("校车服务合同到期可能停运")
    page.locator("#portal-form input[name=headcount]").last.fill("30")
    page.locator("#portal-form select[name=destination]").last.select_option("city")
    page.locator("#portal-form textarea[name=measures]").last.fill("召开家长会说明情况。")
    page.locator("#portal-form input[name=responsible_person]").last.fill("周校长")
    shot(page, "5-corrected")
    with page.expect_navigation():
        page.locator("#portal-form").get_by_role("button", name="报送").click()
    expect(page.locator("#report-state")).to_have_text("已报送")
    expect(page.locator("body")).to_contain_text("校车服务合同到期可能停运")
    sign_out(page)

    sign_in(page, "zy_officer")
    page.goto("/zhongyuan/@@reports-dashboard")
    row = page.locator("#unit-lines tr[data-unit='/zhongyuan/s01']")
    expect(row).to_contain_text("已报送待审核")
    expect(row.locator("td").nth(5)).to_have_text(re.compile(r"^\s*1\s*$"))
    shot(page, "6-resubmitted")
