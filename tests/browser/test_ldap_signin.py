"""A school liaison signs in with their directory account and lands in their school."""

import re

import pytest
from playwright.sync_api import expect

from portal.testing.slapd import FIXTURE_USERS, SlapdServer


@pytest.fixture(scope="module")
def live_server_settings(demo_db_dir):
    server = SlapdServer().start()
    yield server.settings()
    server.stop()


def test_liaison_signs_in_through_ldap_and_lands_in_school(page, sign_in, sign_out, shot):
    sign_in(page, "admin")
    page.goto("/zhongyuan/s01/@@sharing")
    page.fill("#principal", "group:zhongyuan-school-liaisons")
    page.select_option("#role", "unit_liaison")
    page.click("#grant-form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已授予")
    sign_out(page)

    user = FIXTURE_USERS["wangfang"]
    page.fill("#login", user.login)
    page.fill("#password", user.password)
    page.click("#login-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/zhongyuan/s01/$"))
    expect(page.locator("h1")).to_contain_text("中原区第一中学")
    expect(page.locator("header")).to_contain_text("王芳")
    shot(page)
    page.goto("/zhongyuan/s02/")
    expect(page.locator("h1")).to_contain_text("无权访问")


def test_wrong_directory_password_is_refused(page):
    page.goto("/login")
    page.fill("#login", "wangfang")
    page.fill("#password", "not-the-password")
    page.click("#login-form button[type=submit]")
    expect(page.locator(".alert-danger")).to_contain_text("用户名或密码错误")
