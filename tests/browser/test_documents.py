"""A school liaison fills the monthly report in real Chromium, saves it and opens its printable page."""

import re

from playwright.sync_api import expect

from portal.clock import format_date_cn
from portal.testing.clock import start_from_environment

TODAY = start_from_environment().date()  # the suite's clock: this month's report, dated today


def test_liaison_files_the_monthly_report_and_prints_it(page, sign_in, shot):
    sign_in(page, "zy_s01_liaison")
    page.goto("/zhongyuan/s01/@@documents")
    expect(page.locator(".empty-state")).to_contain_text("尚未填写任何文书")

    page.get_by_label("文书类型").select_option("monthly_report")
    page.get_by_role("button", name="填写文书").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("填写信访工作月报表")

    page.get_by_label("报送单位").fill("中原区第一中学")
    page.get_by_label("填报人").fill("黄静")
    page.get_by_label("联系电话").fill("0371-67891234")
    page.get_by_label("报告月份").fill(f"{TODAY:%Y-%m}")
    page.get_by_role("link", name="添加越级上访").click()
    item = page.locator(".deform-seq-item").first
    item.get_by_label("发生日期").fill(TODAY.isoformat())
    item.get_by_label("去向").select_option("city")
    item.get_by_label("人数").fill("3")
    item.get_by_label("反映问题").fill("食堂饭菜价格上涨")
    item.get_by_label("处置情况").fill("已由学校接回并登记办理。")
    page.get_by_label("其他需要报告的信访事项").fill("本月无其他需要报告的事项。")
    page.get_by_label("单位负责人").fill("周校长")
    page.get_by_label("报送日期").fill(TODAY.isoformat())
    shot(page, "form")
    page.get_by_role("button", name="保存").click()

    expect(page).to_have_url(re.compile(r"/zhongyuan/s01/doc-0001/$"))
    expect(page.locator(".alert-success")).to_contain_text("已保存“信访工作月报表”（草稿）")
    values = page.locator("table.document-values")
    expect(values).to_contain_text("食堂饭菜价格上涨")
    expect(values).to_contain_text(format_date_cn(TODAY))
    expect(page.locator(".history-timeline")).to_contain_text("黄静")
    shot(page, "saved")

    page.get_by_role("link", name="打印").click()
    expect(page).to_have_url(re.compile(r"/doc-0001/@@print$"))
    expect(page.locator("h1.doc-title")).to_have_text("信访工作月报表")
    fields = page.locator("table.fields")
    expect(fields).to_contain_text("食堂饭菜价格上涨")
    expect(fields).to_contain_text("到市")
    expect(fields).to_contain_text(format_date_cn(TODAY))
    expect(page.locator(".seal")).to_contain_text("（盖章）")
    shot(page)
