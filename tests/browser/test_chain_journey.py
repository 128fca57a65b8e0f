"""One case city -> county -> school and back, in Chromium, as the seven people involved:

  city_officer      郑州市教育局信访处: registers, assigns to the county, replies, archives
  city_leader       郑州市教育局 主要领导: instructs (阅批)
  zy_officer        中原区教育局信访科: hands the case on to the school (转办), concludes
  zy_head           中原区教育局信访科负责人: grants a new colleague at the school; takes and
                    answers the petitioner's 复查 (the body one level above the school)
  zy_s01_liaison    中原区第一中学: handles it
  zy_s01_teacher    a colleague granted at the school *after* the assignment: sees it at once
  zy_jichu_handler  中原区教育局基础教育科: reviews the handling opinion (⑤)

At each step the test looks at what each of them is shown in 我的待办, in the ledger, on the
case page and in the bell. Documents are added behind the browser's back (the documents
journey covers the forms); everything else is done through the pages.
"""

import re
from datetime import timedelta

import transaction
from playwright.sync_api import expect
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from tests.cases.conftest import DUE

SUBJECT = "反映学校食堂饭菜质量问题"


def behind(live_server, fn):
    """Run ``fn(site)`` in its own committed transaction (data a person would have entered)."""
    app = live_server.app
    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    try:
        result = fn(conn.root()["portal"])
        transaction.commit()
        return result
    finally:
        conn.close()
        manager.pop()


def add_documents(live_server, path, *codes, actor="city_officer", signed=False):
    """Stand-in for filling (and, with ``signed``, signing off) documents: the documents
    journey (test_case_documents.py) covers their pages."""
    from portal.documents.api import add_document, sign_off

    def add(site):
        case = find_resource(site, path)
        for code in codes:
            doc = add_document(case, code, {"note": code}, actor, registry=live_server.app.registry)
            if signed:
                sign_off(doc, actor, registry=live_server.app.registry)

    behind(live_server, add)


def press(page, title):
    with page.expect_navigation():
        page.locator("#transition-form").get_by_role("button", name=title, exact=True).click()


def no_button(page, title):
    return page.locator("main").get_by_role("button", name=title, exact=True)


def todo(page):
    """我的待办 (the page's main part: the list is absent when nothing waits)."""
    page.goto("/")
    return page.locator("main")


def bell_says_new(page, *words):
    """The bell shows unread notices, one of them with all ``words``; then all are marked read
    (so the next look at the bell shows only what came since)."""
    page.goto("/")
    expect(page.locator("header .notification-count")).to_be_visible()
    page.goto("/@@notifications")
    notice = page.locator("#notification-list tbody tr.fw-bold")
    for word in words:
        notice = notice.filter(has_text=word)
    expect(notice.first).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="全部标为已读").click()
    expect(page.locator("header .notification-count")).to_have_count(0)


def ledger_row(page, unit, number):
    page.goto(unit.rstrip("/") + "/@@cases")
    return page.locator("table.portal-table tbody tr").filter(has_text=number)


def assign(page, path, target, reviewing, search, shot=None):
    page.goto(path)
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name=re.compile("^(交办|转办)$")).click()
    form = page.locator("#portal-form")
    tree = form.locator("[data-unit-tree]")
    tree.locator("[data-unit-filter]").fill(search)
    expect(tree.locator("li[data-path]:visible")).not_to_have_count(0)
    tree.locator(f"input[name=target][value='{target}']").check()
    form.locator("select[name=reviewing]").select_option(reviewing)
    form.locator("input[name=date]").nth(1).fill(DUE)
    form.locator("textarea[name=requirements]").fill("请查实后书面反馈。")
    form.locator("input[name=contact_person]").fill("李晓燕")
    form.locator("input[name=contact_phone]").fill("0371-67000001")
    if shot is not None:
        shot(page, "assign-form")
    with page.expect_navigation():
        form.get_by_role("button", name=re.compile("^(交办|转办)$")).click()


def test_a_case_goes_down_to_a_school_and_back(page, live_server, sign_in, sign_out, shot):
    # -- ① the city registers and accepts -----------------------------------------------------
    sign_in(page, "city_officer")
    page.goto("/@@register-case?channel=visit")
    form = page.locator("#portal-form")
    form.locator("input[name=name]").fill("王小明")
    form.locator("input[name=phone]").fill("13912345678")
    form.locator("input[name=subject]").fill(SUBJECT)
    form.locator("textarea[name=problem]").fill("学校食堂饭菜经常不熟，学生多次反映无果。")
    form.locator("textarea[name=demands]").fill("要求学校整改食堂管理。")
    with page.expect_navigation():
        form.get_by_role("button", name="提交").click()
    notice = page.locator(".alert-success", has_text="已登记信访事项")
    number = re.search(r"郑教信〔\d{4}〕\d{4}", notice.inner_text()).group(0)
    path = re.sub(r"^https?://[^/]+", "", page.url)
    expect(page.locator("#handling-chain")).to_contain_text("郑州市教育局（登记单位）")
    add_documents(live_server, path, "acceptance_notice")
    page.reload()
    press(page, "受理")
    expect(todo(page)).not_to_contain_text(number)  # nothing to do until 阅批
    sign_out(page)

    # -- ② the leader instructs ----------------------------------------------------------------
    sign_in(page, "city_leader")
    bell_says_new(page, number, "待阅批")
    expect(todo(page).locator("#todo tbody tr", has_text=number)).to_contain_text("待阅批")
    counters = sum(int(c.inner_text()) for c in page.locator(".todo-count").all())
    assert counters == page.locator("#todo tbody tr").count()
    page.locator("#todo").get_by_role("link", name=re.compile(SUBJECT)).click()
    page.locator("#comment").fill("请中原区教育局督促学校立即整改。")
    press(page, "阅批")
    sign_out(page)

    # -- ③ the city assigns to the county ---------------------------------------------------------
    sign_in(page, "city_officer")
    expect(todo(page).locator("#todo tbody tr", has_text=number)).to_contain_text("待交办")
    assign(page, path, "/zhongyuan", "/jichu", "中原区")
    expect(page.locator(".alert-success")).to_have_text(re.compile("已交办给“中原区教育局”"))
    expect(page.locator("#handling-chain")).to_contain_text("中原区教育局（承办单位）")
    expect(ledger_row(page, "/", number)).to_contain_text("下级办理中（中原区教育局）")
    shot(page, "city-ledger")
    sign_out(page)

    # -- the county receives it and hands it on to its school --------------------------------------
    sign_in(page, "zy_officer")
    bell_says_new(page, number, "待办理")
    expect(todo(page).locator("#todo tbody tr", has_text=number)).to_contain_text("待办理")
    expect(ledger_row(page, "/zhongyuan", number)).to_have_count(1)
    assign(page, path, "/zhongyuan/s01", "/zhongyuan/jichu", "第一中学", shot)
    expect(page.locator(".alert-success")).to_have_text(re.compile("已转办给“中原区第一中学”"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)  # not 无权访问
    chain = page.locator("#handling-chain")
    expect(chain).to_contain_text(re.compile("郑州市教育局.*→.*中原区教育局.*→.*中原区第一中学", re.S))
    expect(chain).to_contain_text("审核处（科）室：中原区教育局基础教育科")
    shot(page, "county-case-page")
    expect(page.locator("main").get_by_role("link", name="催办")).to_be_visible()
    expect(todo(page)).not_to_contain_text(number)
    expect(ledger_row(page, "/zhongyuan", number)).to_contain_text("下级办理中（中原区第一中学）")
    shot(page, "county-ledger")
    sign_out(page)

    # -- a colleague joins the school after the assignment -------------------------------------
    def add_colleague(site):
        from portal.identity.users import User

        user = site.users.add(User("zy_s01_teacher", "赵老师"))
        user.set_password("Demo-2026-xinfang")

    behind(live_server, add_colleague)
    sign_in(page, "zy_head")
    page.goto("/zhongyuan/s01/@@sharing")
    grant = page.locator("#grant-form")
    grant.get_by_label("姓名、账号或用户组").fill("zy_s01_teacher")
    grant.get_by_label("角色").select_option(label="单位信访工作人员")
    with page.expect_navigation():
        grant.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success")).to_contain_text("已授予")
    sign_out(page)
    sign_in(page, "zy_s01_teacher")
    expect(todo(page).locator("#todo tbody tr", has_text=number)).to_contain_text("待办理")
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    expect(page.locator("main")).not_to_contain_text("王小明")
    sign_out(page)

    # -- the school handles it and submits its opinion -------------------------------------------
    sign_in(page, "zy_s01_liaison")
    bell_says_new(page, number, "待办理")
    expect(todo(page).locator("#todo tbody tr", has_text=number)).to_contain_text("待办理")
    page.goto(path)
    press(page, "开始办理")
    add_documents(
        live_server,
        path,
        "investigation_report",
        "handling_opinion",
        "closing_report",
        actor="zy_s01_liaison",
    )
    page.reload()
    press(page, "提交处理意见")
    expect(page.locator(".alert-success", has_text="处理意见待审核")).to_be_visible()
    expect(todo(page)).not_to_contain_text(number)
    sign_out(page)

    # -- ⑤ the county's business section reviews it ---------------------------------------------
    sign_in(page, "zy_jichu_handler")
    bell_says_new(page, number, "待审核")
    expect(todo(page).locator("#todo tbody tr", has_text=number)).to_contain_text("待审核")
    page.goto(path)
    press(page, "审核通过")
    sign_out(page)

    # -- ⑥ the county concludes (it assigned the school) --------------------------------------
    sign_in(page, "zy_officer")
    bell_says_new(page, number, "待办结")
    expect(todo(page).locator("#todo tbody tr", has_text=number)).to_contain_text("待办结")
    page.goto(path)
    press(page, "办结")
    expect(page.locator(".alert-success", has_text="当前状态：已办结")).to_be_visible()
    sign_out(page)

    # -- ⑦ the city replies; the petitioner rates and asks for 复查 ---------------------------
    sign_in(page, "city_officer")
    bell_says_new(page, number, "待答复")
    expect(todo(page).locator("#todo tbody tr", has_text=number)).to_contain_text("待答复")
    add_documents(live_server, path, "reply")
    page.goto(path)
    press(page, "答复")
    add_documents(live_server, path, "satisfaction_rating")
    page.reload()
    press(page, "登记满意度评价")
    add_documents(live_server, path, "review_request")  # the petitioner asks within 30 days
    page.reload()
    expect(page.locator("main")).to_contain_text("复查申请由中原区教育局受理")
    expect(no_button(page, "受理复查申请")).to_have_count(0)  # the county's, not the city's
    expect(no_button(page, "归档")).to_have_count(0)  # not while a 复查 is pending
    sign_out(page)

    # -- 复查 at the level above the school: the county --------------------------------------
    sign_in(page, "zy_head")
    bell_says_new(page, number, "待受理复查")
    expect(todo(page).locator("#todo tbody tr", has_text=number)).to_contain_text("待受理复查")
    page.goto(path)
    press(page, "受理复查申请")
    add_documents(live_server, path, "review_opinion", actor="zy_head")
    page.reload()
    press(page, "出具复查意见")
    expect(page.locator("main")).to_contain_text("复核申请由郑州市教育局受理")
    sign_out(page)

    # -- ⑧ the city archives once the 复核 window has passed --------------------------------
    sign_in(page, "city_officer")
    page.goto(path)
    expect(no_button(page, "归档")).to_have_count(0)  # the 复核 window is open

    def delivered_long_ago(site):
        from portal.clock import today

        case = find_resource(site, path)
        case.deliveries = {"rereview": today() - timedelta(days=40)}

    behind(live_server, delivered_long_ago)
    page.reload()
    press(page, "归档")  # the volume holds signed versions: refused, and says what is missing
    expect(page.locator(".alert-danger")).to_contain_text("“结案报告”须由")
    add_documents(
        live_server,
        path,
        "acceptance_notice",
        "investigation_report",
        "handling_opinion",
        "closing_report",
        "reply",
        signed=True,
    )
    page.reload()
    press(page, "归档")
    expect(page.locator(".alert-success", has_text="当前状态：已归档")).to_be_visible()
    expect(ledger_row(page, "/", number)).to_contain_text("已归档")
    shot(page, "archived")
    sign_out(page)

    sign_in(page, "zy_s01_liaison")
    expect(todo(page)).not_to_contain_text(number)
    assert page.goto(path).status == 403
    sign_out(page)
