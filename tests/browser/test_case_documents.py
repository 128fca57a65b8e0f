"""A county case's documents in real Chromium: the county officer writes and signs the
acceptance notice (county 文号), the school drafts its reports from forms the case fills in
(never asked for, never shown the petitioner's name), the county's department returns the
opinion, the school corrects its report, the county head checks and signs it and concludes."""

import re

from playwright.sync_api import expect

from portal.testing.clock import start_from_environment

TODAY = start_from_environment().date().isoformat()  # the suite clock's day
YEAR = TODAY[:4]
NAME = "司徒静怡"


def press(page, title):
    with page.expect_navigation():
        page.locator("#transition-form").get_by_role("button", name=title, exact=True).click()


def open_form(page, case_path, title):
    """On the case page, choose the document in 文书 and press 填写文书."""
    page.goto(case_path)
    page.locator("#doc-code").select_option(label=title)
    with page.expect_navigation():
        page.get_by_role("button", name="填写文书").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"填写{title}")


def save(page):
    with page.expect_navigation():
        page.locator("#portal-form").get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("草稿")
    return re.sub(r"^https?://[^/]+", "", page.url)


def confirm(page, link, button):
    with page.expect_navigation():
        page.get_by_role("link", name=link, exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_county_officer_school_and_head_write_check_and_sign(page, live_server, sign_in, sign_out, shot):
    sign_in(page, "zy_officer")
    page.goto("/zhongyuan/@@register-case?channel=visit")
    form = page.locator("#portal-form")
    form.locator("input[name=name]").fill(NAME)
    form.locator("input[name=phone]").fill("13600001111")
    form.locator("input[name=subject]").fill("反映学校强制订购教辅资料")
    form.locator("textarea[name=problem]").fill(f"我是{NAME}，学校要求每名学生订购教辅资料。")
    form.locator("textarea[name=demands]").fill("要求停止强制订购。")
    with page.expect_navigation():
        form.get_by_role("button", name="提交").click()
    case = re.sub(r"^https?://[^/]+", "", page.url)

    # the acceptance notice: the case fills in who, what and when; the officer signs it off
    open_form(page, case, "信访事项受理告知单")
    facts = page.locator(".case-facts")
    expect(facts).to_contain_text("反映学校强制订购教辅资料")
    expect(facts).to_contain_text("中原区教育局")
    expect(page.locator("#portal-form input[name=petitioner_name]")).to_have_count(0)
    page.get_by_label("受理日期").fill(TODAY)
    page.get_by_label("承办单位").fill("中原区第一中学")
    page.get_by_label("办理期限（日）").fill("60")
    page.get_by_label("联系电话").fill("0371-67000002")
    page.get_by_label("告知日期").fill(TODAY)
    save(page)
    confirm(page, "签发", "确认签发")
    expect(page.locator(".alert-success")).to_contain_text(f"文号：中原教信〔{YEAR}〕1号")
    expect(page.locator("table.document-values")).to_contain_text(NAME)  # allowed: in full
    page.goto(case)
    press(page, "受理")
    sign_out(page)
    sign_in(page, "zy_leader")
    page.goto(case)
    page.locator("#comment").fill("请督促学校立即整改。")
    press(page, "阅批")
    sign_out(page)
    sign_in(page, "zy_officer")
    page.goto(case + "@@assign")
    form = page.locator("#portal-form")
    form.locator("[data-unit-filter]").fill("第一中学")
    form.locator("input[name=target][value='/zhongyuan/s01']").check()
    form.locator("select[name=reviewing]").select_option("/zhongyuan/jichu")
    form.locator("input[name=date]").nth(1).fill(f"{YEAR}-12-31")
    form.locator("textarea[name=requirements]").fill("请查实后书面反馈。")
    form.locator("input[name=contact_person]").fill("刘洋")
    form.locator("input[name=contact_phone]").fill("0371-67000002")
    with page.expect_navigation():
        form.get_by_role("button", name="交办").click()
    sign_out(page)

    # the school: what the case knows is filled in, the name is masked and never asked for
    sign_in(page, "zy_s01_liaison")
    page.goto(case)
    expect(page.locator("main")).not_to_contain_text(NAME)
    press(page, "开始办理")
    open_form(page, case, "责任单位调查处理报告")
    expect(page.locator(".case-facts")).to_contain_text("中原区第一中学")
    page.get_by_label("调查人员").fill("王老师")
    page.get_by_label("调查核实情况").fill("学校确曾要求订购教辅资料。")
    page.get_by_label("政策法律依据").fill("《中小学教辅材料管理办法》")
    page.get_by_label("处理情况").fill("已停止统一订购，已订购的全额退款。")
    page.get_by_label("单位负责人").fill("周校长")
    page.get_by_label("报告日期").fill(TODAY)
    save(page)
    open_form(page, case, "信访事项书面处理意见书及稳控措施")
    expect(page.locator(".case-facts")).to_contain_text("司***")
    expect(page.locator("main")).not_to_contain_text(NAME)
    page.get_by_label("出具日期").fill(TODAY)
    page.get_by_label("查明事实").fill("学校要求订购教辅资料，违反自愿原则。")
    page.get_by_label("处理依据").fill("《中小学教辅材料管理办法》")
    page.get_by_label("处理意见", exact=True).fill("停止订购，全额退款。")
    page.get_by_label("稳控措施").fill("班主任逐一回访。")
    save(page)
    open_form(page, case, "结案报告")
    expect(page.locator("#portal-form input[name=petitioner_name]")).to_have_count(0)
    page.get_by_label("办结日期").fill(TODAY)
    page.get_by_label("调查核实情况").fill("反映属实。")
    page.get_by_label("处理结果").fill("已全额退款。")
    page.get_by_label("信访人意见").fill("满意")
    page.get_by_label("单位负责人").fill("周校长")
    page.get_by_label("报告日期").fill(TODAY)
    report = save(page)
    expect(page.locator("table.document-values")).to_contain_text("司***")
    expect(page.locator("main")).not_to_contain_text(NAME)
    shot(page, "school-report")
    page.goto(case)
    press(page, "提交处理意见")
    sign_out(page)

    # the county's department returns it; the school corrects the report; the department
    # approves the opinion, the county head checks and signs the report and concludes
    sign_in(page, "zy_jichu_handler")
    page.goto(case)
    page.locator("#comment").fill("请在结案报告中写明退款金额。")
    press(page, "退回重办")
    sign_out(page)
    sign_in(page, "zy_s01_liaison")
    page.goto(report)
    with page.expect_navigation():
        page.get_by_role("link", name="修改", exact=True).click()
    page.get_by_label("处理结果").fill("已全额退款，每人300元。")
    with page.expect_navigation():
        page.locator("#portal-form").get_by_role("button", name="保存").click()
    page.goto(case)
    press(page, "提交处理意见")
    sign_out(page)
    sign_in(page, "zy_jichu_handler")
    page.goto(case)
    press(page, "审核通过")
    sign_out(page)

    sign_in(page, "zy_head")
    page.goto(report)
    expect(page.locator(".document-check")).to_contain_text("尚未审核")
    expect(page.locator("table.document-values")).to_contain_text(NAME)  # the head may see it
    confirm(page, "审核通过", "审核通过")
    confirm(page, "签发", "确认签发")
    expect(page.locator(".alert-success")).to_contain_text(f"文号：中原教信〔{YEAR}〕1号")
    expect(page.locator("table.document-values")).to_contain_text("每人300元")
    shot(page, "signed")
    page.goto(case)
    expect(page.locator(".case-requirements")).to_contain_text("结案报告 ✓")
    press(page, "办结")
    expect(page.locator(".alert-success")).to_contain_text("当前状态：已办结")
