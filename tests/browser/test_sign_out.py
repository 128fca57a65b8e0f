"""Signing out must end the session, not only forget it in this browser: a copy of the
session cookie taken before 退出 (a shared office computer, a proxy log) must stop working."""

import re

from playwright.sync_api import expect


def test_cookie_copied_before_sign_out_no_longer_works(page, browser, live_server, sign_in, sign_out, shot):
    sign_in(page, "zy_s01_liaison")
    copied = page.context.cookies()
    sign_out(page)
    expect(page).to_have_url(re.compile(r"/login$"))

    other = browser.new_context(base_url=live_server)
    try:
        other.add_cookies(copied)
        replay = other.new_page()
        replay.goto("/zhongyuan/s01/")
        shot(replay)
        assert re.search(r"/login\?came_from=", replay.url), "still signed in after 退出"
    finally:
        other.close()
