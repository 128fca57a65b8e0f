"""A newcomer walks the demo (issue 17 item 1) in real Chromium: as an anonymous visitor from
``/`` to the public area and a published progress page; then, signed in as each demo account,
finds work for their role on their home page (我的待办).

The module's live server runs on the demo database with its story (``story_db_dir``).
"""

import re

import pytest
from playwright.sync_api import expect

from portal.demo.populate import DEMO_ACCOUNTS
from portal.demo.story import STORY_ACCOUNTS

# The home page's work lists: cases waiting (#todo), standing duties (#duty-todo) and the
# overdue work of the units below (#todo-overdue-below).
WORK = "#todo tbody tr, #duty-todo tbody tr, #todo-overdue-below tbody tr"
# What each account's work holds first of all, by role: the worklist title or the kind.
EXPECTED = {
    "city_head": "待复核",
    "city_officer": "待复核",
    "city_leader": "待阅批",
    "city_deputy": "待阅批",
    "city_leader2": "待阅批",
    "jichu_handler": "待审核",
    "zy_head": "待受理",
    "zy_officer": "待受理",
    "zy_leader": "待阅批",
    "zy_deputy": "待阅批",
    "zy_jichu_handler": "待审核",
    "zy_s01_liaison": "待办理",
    "js_officer": "待交办",
    "js_s01_liaison": "待办理",
    "js_head": "待交办",
    "js_leader": "批示待反馈",
    "js_jichu_handler": "待审核",
}
# The administrator and the assessor have no case work: their home shows their units and
# roles; their jobs are the settings and the assessment pages (see the tour).
WITHOUT_CASE_WORK = {"admin", "assessor"}


@pytest.fixture(scope="module")
def demo_db_dir(story_db_dir):
    """This module's live server serves the demo with its story."""
    return story_db_dir


def test_an_anonymous_visitor_reaches_a_published_progress_page(page, shot):
    page.goto("/")
    if "/public" not in page.url:  # the sign-in page offers the public area to citizens
        page.get_by_role("link", name=re.compile("信访信息公开|办理进度公开")).first.click()
    expect(page).to_have_url(re.compile(r"/public/"))
    page.get_by_role("link", name="办理进度公开").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("办理进度公开")
    page.locator("main a[href*='/public/progress/']").first.click()
    article = page.locator("article#public-progress")
    expect(article).to_be_visible()
    expect(article).to_contain_text("承办单位")
    shot(page)


@pytest.mark.parametrize("login", [a[0] for a in DEMO_ACCOUNTS + STORY_ACCOUNTS])
def test_each_demo_account_finds_work_for_its_role_at_home(page, sign_in, login, shot):
    sign_in(page, login)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    if login in WITHOUT_CASE_WORK:
        expect(page.locator("main")).to_contain_text("我所在的机构和角色")
        return
    rows = page.locator(WORK)
    assert rows.count() > 0, f"{login}: nothing waits on the home page"
    expect(page.locator("#todo, #duty-todo").first).to_contain_text(EXPECTED[login])
    shot(page)
