"""In Chromium: a county's petition head schedules the principal leader's reception day; a
substitute is not published until the principal leader approves; the day is held, its
register files one matter that becomes a case, and the city sees the county's monthly count.

The live server runs on the portal's clock; the day is derived from it (today)."""

from playwright.sync_api import expect


def _today():
    from portal.duties.dates import today

    return today()


def test_schedule_substitute_hold_register_case_city_count(
    page, sign_in, sign_out, shot, browser, live_server
):
    day = _today()
    sign_in(page, "zy_head")
    page.goto("/zhongyuan/@@reception-days")
    form = page.locator("#schedule-form")
    form.locator("select[name=leader]").select_option(label="马卫东（主要领导）")
    form.locator("input[name=leader_post]").fill("局长")
    form.locator("input[name=field]").fill("全面工作")
    form.locator("input[name=date]").fill(day.isoformat())
    form.locator("input[name=time]").nth(0).fill("09:00")
    form.locator("input[name=time]").nth(1).fill("11:30")
    form.locator("input[name=place]").fill("中原区教育局一楼接待室")
    shot(page, "1-schedule")
    with page.expect_navigation():
        form.get_by_role("button", name="安排接访日").click()
    expect(page.get_by_role("status").first).to_contain_text("已安排马卫东")
    row = page.locator("#reception-days tbody tr").first
    expect(row).to_contain_text("马卫东（局长）")
    expect(row).to_contain_text("待接访")

    # a substitute is asked for: the public schedule does not change before approval
    with page.expect_navigation():
        row.get_by_role("link").first.click()
    sub = page.locator("#substitute-form")
    sub.locator("select[name=substitute]").select_option(label="马丽娟（分管领导）")
    sub.locator("input[name=reason]").fill("赴省教育厅参加会议")
    with page.expect_navigation():
        sub.get_by_role("button", name="提交代为接访申请").click()
    expect(page.locator("#substitution-state")).to_have_text("代为接访待主要领导批准")
    day_url = page.url
    shot(page, "2-requested")
    public = browser.new_context(base_url=live_server, locale="zh-CN").new_page()
    public.goto("/public/reception")
    expect(public.locator("table")).to_contain_text("马卫东")
    expect(public.locator("table")).not_to_contain_text("马丽娟")
    sign_out(page)

    # the principal leader approves; now the public schedule names the substitute
    sign_in(page, "zy_leader")
    page.goto(day_url)
    page.locator("#decide-form input[name=note]").fill("同意")
    with page.expect_navigation():
        page.locator("#decide-form").get_by_role("button", name="批准代为接访").click()
    expect(page.locator("#substitution-state")).to_have_text("代为接访已批准")
    public.reload()
    expect(public.locator("table")).to_contain_text("由 马丽娟 代为接待")
    shot(public, "3-public")
    sign_out(page)

    # the day is held: its register files one matter, which becomes a case
    sign_in(page, "zy_head")
    page.goto(day_url)
    with page.expect_navigation():
        page.get_by_role("link", name="登记来访事项").click()
    form = page.locator("#portal-form")
    form.locator("input[name=name]").fill("王某某")
    form.locator("input[name=headcount]").fill("3")
    form.locator("textarea[name=problem]").fill("学校课后服务收费不透明")
    form.locator("textarea[name=demands]").fill("公开收费标准")
    form.get_by_label("批转有关单位调查处理").check()
    form.locator("textarea[name=reply]").fill("批转基础教育科调查处理，十日内答复")
    form.locator("input[name=referred_unit]").fill("基础教育科")
    shot(page, "4-register")
    with page.expect_navigation():
        form.get_by_role("button", name="保存登记").click()
    expect(page.locator("#day-state")).to_have_text("已接访")
    line = page.locator("#register-lines tbody tr").first
    expect(line).to_contain_text("王**")
    with page.expect_navigation():
        line.get_by_role("button", name="转为信访事项").click()
    expect(page.get_by_role("status").first).to_contain_text("已登记为信访事项")
    expect(page.locator("h1")).to_contain_text("学校课后服务收费不透明")
    shot(page, "5-case")
    sign_out(page)

    # the city sees the county's reception count for the month
    sign_in(page, "city_head")
    page.goto(f"/@@duties-board?month={day:%Y-%m}")
    county = page.locator("#duties-board tr[data-unit='/zhongyuan']")
    expect(county.locator(".reception-days")).to_have_text("1")
    expect(county).to_contain_text("中原区教育局")
    expect(page.locator("#duties-board tr[data-unit='/jinshui'] .reception-days")).to_have_text("0")
    shot(page, "6-city-board")
