"""In Chromium, chapters 6-8 as people do them: a school registers a decision with its stability
risk assessment and the county sees it in its register; an incident is reported by the school,
activated by the county's group leader and reported upward at once; the city assesses a county
and its ranked table shows the computed score and the veto."""

import re

import transaction
from playwright.sync_api import expect
from pyramid.threadlocal import manager


def add_county_leader(live_server):
    """The principal leader of 中原区教育局 (the group leader), as the sharing page would grant."""
    from portal.demo.populate import add_accounts

    app = live_server.app
    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    try:
        leader = ("zy_leader", "马卫东", "/zhongyuan", "principal_leader")
        add_accounts(conn.root()["portal"], (leader,), registry=app.registry)
        transaction.commit()
    finally:
        conn.close()
        manager.pop()


def stored_row(live_server, path):
    app = live_server.app
    conn = app.registry._zodb_databases[""].open()
    try:
        rows = conn.root()["portal"].assessments.rows
        return next(row for (year, p), row in rows.items() if p == path)
    finally:
        transaction.abort()
        conn.close()


def press(page, title):
    with page.expect_navigation():
        page.locator("#transition-form").get_by_role("button", name=title, exact=True).click()


def submit(page, name):
    with page.expect_navigation():
        page.locator("#portal-form").get_by_role("button", name=name).click()


def test_decision_incident_and_assessment(page, live_server, sign_in, sign_out, shot):
    add_county_leader(live_server)

    # a school registers a major decision and assesses its stability risk
    sign_in(page, "zy_s01_liaison")
    page.goto("/zhongyuan/s01/@@decisions")
    with page.expect_navigation():
        page.get_by_role("link", name="登记重大决策").first.click()
    form = page.locator("#portal-form")
    form.locator("input[name=matter]").fill("调整学校招生片区")
    form.locator("select[name=matter_kind]").select_option("major_decision")
    form.locator("textarea[name=summary]").fill("调整本校招生片区，涉及约800户家庭。")
    submit(page, "登记并开始评估")
    expect(page.locator(".alert-success")).to_contain_text("已登记重大决策事项")
    with page.expect_navigation():
        page.get_by_role("link", name="填写评估报告").click()
    form = page.locator("#portal-form")
    form.locator("textarea[name=team]").fill("校长、分管副校长、家委会代表")
    form.locator("textarea[name=survey]").fill("发放问卷800份，回收760份。")
    form.locator("textarea[name=analysis]").fill("多数家庭支持，少数担心上学距离。")
    form.locator(".item-risk_level input[type=radio][value=high]").check()
    form.locator("select[name=conclusion]").select_option("proceed_with_measures")
    submit(page, "保存评估报告")  # a high risk without measures is refused at the field
    expect(page.locator("#portal-form")).to_contain_text("风险等级为高、中的，须填写防范化解措施")
    form = page.locator("#portal-form")
    form.locator("textarea[name=measures]").fill("设置两年过渡期，开通校车。")
    form.locator("textarea[name=contingency_plan]").fill("成立应急处置小组，现场接待家长。")
    submit(page, "保存评估报告")
    expect(page.locator("#assessment-rows")).to_contain_text("设置两年过渡期")
    press(page, "报送评估报告")
    expect(page.locator("#decision-state")).to_have_text("评估报告已报送")
    shot(page, "1-decision-reported")

    # the school reports an incident
    page.goto("/zhongyuan/s01/@@incidents")
    with page.expect_navigation():
        page.get_by_role("link", name="报告突发信访事件").click()
    form = page.locator("#portal-form")
    form.locator("input[name=place]").fill("学校门口")
    form.locator("input[name=headcount]").fill("60")
    form.locator("select[name=level]").select_option("major")
    form.locator("input[name=subject]").fill("家长聚集反映招生片区调整")
    form.locator("textarea[name=description]").fill("约六十名家长聚集校门口。")
    form.locator("textarea[name=demands]").fill("要求暂缓调整片区。")
    form.locator("textarea[name=measures_taken]").fill("校长到场劝导。")
    form.locator("input[name=reporter_phone]").fill("13912345678")
    submit(page, "立即报告")
    expect(page.locator("#incident-state")).to_have_text("已报告，待决定启动预案")
    incident = re.sub(r"^https?://[^/]+", "", page.url)
    sign_out(page)

    # the county sees the decision; its group leader activates the plan
    sign_in(page, "zy_officer")
    page.goto("/zhongyuan/@@decisions")
    row = page.locator("#decision-lines tr[data-unit='中原区第一中学']")
    expect(row).to_contain_text("调整学校招生片区")
    expect(row).to_contain_text("落实化解措施后实施")
    expect(row).to_contain_text("评估报告已报送")
    shot(page, "2-county-register")
    page.goto(incident)
    expect(page.locator("#transition-form")).to_have_count(0)  # the officer does not decide
    sign_out(page)
    sign_in(page, "zy_leader")
    page.goto(incident)
    press(page, "启动应急预案")
    expect(page.locator("#incident-state")).to_have_text("预案已启动，处置中")
    expect(page.locator("#report-badge")).to_be_visible()
    with page.expect_navigation():
        page.locator("#major-event-link").click()
    expect(page.locator("main")).to_contain_text("家长聚集反映招生片区调整")
    shot(page, "3-major-event-report")
    sign_out(page)

    # the city sees the open incident with its clock
    sign_in(page, "city_officer")
    page.goto("/@@emergencies")
    row = page.locator("#open-incidents tr[data-unit='中原区第一中学']")
    expect(row).to_contain_text("家长聚集反映招生片区调整")
    expect(row.locator(".incident-clock")).to_have_text(re.compile(r"\d+小时\d+分"))
    sign_out(page)

    # the city assesses the county, with a veto; the ranked table shows the computed score
    sign_in(page, "assessor")
    page.goto("/@@assessment")
    county = page.locator("#county-ranking tr[data-unit='中原区教育局']")
    expect(county).to_contain_text("未考评")
    with page.expect_navigation():
        county.get_by_role("link", name="考评").click()
    expect(page.locator("#computed-figures")).to_contain_text("月报表按时报送率")
    form = page.locator("#portal-form")
    form.locator("select[name=organisation]").select_option("good")
    form.locator("select[name=standardisation]").select_option("fairly_good")
    form.locator("select[name=screening]").select_option("fair")
    form.locator("input[type=checkbox][value=mishandling]").check()
    form.locator("textarea[name=veto_details]").fill("家长聚集事件处置不力，造成重大影响。")
    form.locator("textarea[name=overall_comment]").fill("排查化解工作有待加强。")
    submit(page, "保存并计算")
    expect(page.locator(".alert-success")).to_contain_text("一票否决")
    total = stored_row(live_server, "/zhongyuan").total
    expect(page.locator("#unit-total")).to_have_text(str(total))
    page.goto("/@@assessment-board")
    county = page.locator("#county-ranking tr[data-unit='中原区教育局']")
    expect(county.locator(".county-final")).to_have_text(str(total))  # no school assessed yet
    expect(county).to_contain_text("不合格（一票否决）")
    expect(county).to_contain_text("因思想麻痹、推诿扯皮、处置不力造成重大影响")
    shot(page, "4-city-ranking")
