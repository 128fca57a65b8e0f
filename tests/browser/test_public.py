"""The public area in real Chromium: a citizen petitions online and gets a query code (at
phone width), a visitor reads a published case, a petitioner looks their case up by code,
rates it and asks for review, and brute-forcing codes is throttled.

The module's live server runs on a private copy of the demo database seeded beforehand (see
``live_server_settings``): one published case, one recently replied case with a known query
code, and one more case with a code for the brute-force attempt.
"""

import re
import shutil
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal import clock as portal_clock
from portal.testing.web import close_app, file_uri, make_app
from tests.public.seeding import FULL, PETITIONER, SECOND, Seeder

SEEDED = {}
PHONE = (390, 844)


def _in_site(app, fn):
    import transaction
    from pyramid.threadlocal import manager

    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    try:
        result = fn(conn.root()["portal"])
        transaction.commit()
        return result
    finally:
        conn.close()
        manager.pop()


@pytest.fixture(scope="module")
def live_server_settings(demo_db_dir, tmp_path_factory):
    """Seed a private copy of the demo database and point the live server at it."""
    from pyramid.traversal import find_resource

    from portal.public import publication, querycodes

    target = tmp_path_factory.mktemp("public-browser-db") / "db"
    shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    app = make_app(file_uri(target))
    try:
        seed = Seeder(app)
        published = seed(subject=f"{PETITIONER['name']}反映学校违规收费问题", steps=FULL)
        today = portal_clock.today()
        replied = seed(
            person=SECOND,
            subject="反映校车接送时间问题",
            received_on=today - timedelta(days=10),
            days_per_step=1,
            steps=FULL,
        )
        other = seed(subject="反映食堂卫生问题", steps=("accept",))

        def prepare(site):
            publication.publish(
                find_resource(site, published),
                "zy_officer",
                f"答复{PETITIONER['name']}：经查，学校已全额退还资料费。",
            )
            store = site.public_area
            return {
                "published_key": published.strip("/").replace("/", "."),
                "replied_code": querycodes.issue(store, replied, SECOND, "zy_officer"),
                "other_code": querycodes.issue(store, other, PETITIONER, "zy_officer"),
            }

        SEEDED.update(_in_site(app, prepare))
    finally:
        close_app(app)
    return {"zodbconn.uri": file_uri(target), "portal.public.min_form_seconds": "0"}


def test_citizen_submits_an_online_petition_and_gets_a_query_code(page, shot):
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    page.goto("/public/")
    expect(page.get_by_role("heading", level=1)).to_have_text("信访信息公开")
    page.get_by_role("navigation", name="公开栏目").get_by_role("link", name="网上信访").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("网上信访")
    page.get_by_label("受理单位").select_option(label="中原区教育局")
    page.get_by_label("姓名").fill("郭小燕")
    page.get_by_label("联系电话").fill("13700001234")
    page.get_by_label("事由（标题）").fill("反映学校延长在校时间问题")
    page.get_by_label("反映的主要问题").fill("学校要求学生每天晚上8点后离校。")
    page.get_by_label("主要诉求").fill("要求按规定安排作息时间。")
    answer = page.get_by_label(re.compile("验证题"))
    question = re.search(r"验证题：(.+?)等于几", page.locator("label[for=answer]").inner_text()).group(1)
    digits = "零一二三四五六七八九十"
    a, op, b = re.match(r"(.)([加减])(.)", question).groups()
    answer.fill(str(digits.index(a) + digits.index(b) if op == "加" else digits.index(a) - digits.index(b)))
    shot(page, "form")
    answer.press("Enter")  # keyboard submission
    expect(page.get_by_role("heading", level=1)).to_have_text("您的信访事项已提交")
    code = page.locator("#query-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    expect(page.locator("main")).to_contain_text("中原教信〔")
    shot(page)
    # the code works at once
    page.get_by_role("link", name="查询我的信访").first.click()
    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话或身份证号码后四位").fill("1234")
    page.get_by_role("button", name="查询").click()
    expect(page.locator("article#public-progress")).to_contain_text("已登记，待受理")


def test_visitor_reads_a_published_case(page, shot):
    page.goto("/public/")
    page.get_by_role("navigation", name="公开栏目").get_by_role("link", name="办理进度公开").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("办理进度公开")
    page.get_by_role("link", name=re.compile("中原教信")).first.click()
    expect(page).to_have_url(re.compile(SEEDED["published_key"].replace(".", r"\.") + "$"))
    article = page.locator("article#public-progress")
    expect(article).to_contain_text("已书面答复信访人")
    expect(article).to_contain_text("承办单位：中原区第一中学")
    expect(article).to_contain_text("学校已全额退还资料费")
    expect(article).to_contain_text("欧阳某")
    text = page.content()
    for value in PETITIONER.values():
        assert value not in text
    shot(page)
    page.get_by_role("link", name="统计公开").click()
    expect(page.get_by_role("img", name=re.compile("各月收到与办结"))).to_be_visible()
    expect(page.locator("#month-table")).to_contain_text("全年合计")
    shot(page, "statistics")


def test_petitioner_looks_up_rates_and_asks_for_review(page, shot):
    page.goto("/public/query")
    page.get_by_label("查询码").fill(SEEDED["replied_code"].lower())
    page.get_by_label("联系电话或身份证号码后四位").fill(SECOND["id_number"][-4:])
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我的信访事项")
    expect(page.locator("article#public-progress")).to_contain_text("已答复")
    shot(page, "found")
    page.get_by_role("group", name="总体评价").get_by_label("基本满意").check()
    page.get_by_role("group", name="办理时效").get_by_label("满意", exact=True).check()
    page.get_by_label("意见和建议").fill("希望以后及时通知。")
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_role("status").first).to_contain_text("满意度评价已提交")
    page.get_by_label("请求复查的事项及理由").fill("校车时间仍未调整，请求复查。")
    page.get_by_role("button", name="提交复查申请").click()
    expect(page.get_by_role("status").first).to_contain_text("复查申请已提交")
    expect(page.get_by_role("button", name="提交复查申请")).to_have_count(0)
    shot(page)


def test_brute_forcing_codes_is_throttled(page, shot):
    page.goto("/public/query")
    for i in range(5):
        page.get_by_label("查询码").fill(SEEDED["other_code"])
        page.get_by_label("联系电话或身份证号码后四位").fill(f"{i:04d}")
        page.get_by_role("button", name="查询").click()
        expect(page.get_by_role("alert")).to_contain_text("查询码或验证信息不正确")
    page.get_by_label("查询码").fill(SEEDED["other_code"])
    page.get_by_label("联系电话或身份证号码后四位").fill(PETITIONER["phone"][-4:])
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("alert")).to_contain_text("尝试次数过多")
    shot(page)
