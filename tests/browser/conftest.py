"""Fixtures for the browser journeys: the real app served by waitress, driven by headless Chromium.

- ``live_server`` (module scope): a private copy of the session's demo database, the real app
  built on it, served by waitress on 127.0.0.1 and a free port in a daemon thread. Each test
  module gets its own copy, so a module that changes grants never affects another module.
- ``browser`` (session scope): one Chromium process (Debian's /usr/bin/chromium) for the suite.
  Missing Chromium skips the suite locally, and fails it under ``CI`` (which installs it).
- ``page`` (function scope): a fresh browser context (no cookies) per test, with ``base_url``;
  an uncaught JavaScript error on any page fails the test.
- ``sign_in`` / ``sign_out`` / ``shot``: helpers that act as a person would.
"""

import os
import re
import shutil
import threading
import warnings
from pathlib import Path

import pytest

from portal.demo.populate import DEMO_PASSWORD
from portal.testing.web import close_app, file_uri, make_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts" / "browser"
TIMEOUT_MS = 10_000


def _missing(reason):
    """Skip locally; under CI the test command installs Chromium, so its absence is a failure."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set, so the browser suite must run)", pytrace=False)
    pytest.skip(f"{reason}; install Debian's chromium to run the browser journeys")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        _missing(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in the testing extra
        _missing("the playwright Python package is not installed")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class LiveURL(str):
    """The live server's base URL; ``.app`` is the WSGI app it serves."""


@pytest.fixture(scope="module")
def live_server_settings():
    """Extra ini settings for this module's live server; a test module may override it."""
    return {}


@pytest.fixture(scope="module")
def live_server(demo_db_dir, tmp_path_factory, live_server_settings):
    """Base URL of the real app on a private copy of the demo database, served by waitress."""
    import waitress

    target = tmp_path_factory.mktemp("browser-db") / "db"
    shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    app = make_app(file_uri(target), **live_server_settings)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, name="browser-live-server", daemon=True)
    thread.start()
    try:
        url = LiveURL(f"http://127.0.0.1:{server.effective_port}")
        url.app = app  # for tests that prepare data behind the browser's back
        yield url
    finally:
        server.close()
        thread.join(timeout=5)
        close_app(app)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    script_errors = []
    page.on("pageerror", lambda exc: script_errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    if script_errors:
        pytest.fail("JavaScript errors on the page: " + "; ".join(script_errors), pytrace=False)


@pytest.fixture
def shot(request):
    """``shot(page)`` saves a full-page screenshot as test-artifacts/browser/<test-name>.png."""

    def take(page, suffix=""):
        from playwright.sync_api import Error

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = request.node.name + (f"-{suffix}" if suffix else "")
        name = re.sub(r"[^\w.\[\]-]+", "_", name)  # parametrized paths become one file name
        path = ARTIFACTS / f"{name}.png"
        # The screenshot is for people to review, not what a test checks: on a busy machine
        # Chromium sometimes cannot capture a frame (Page.captureScreenshot), so try again,
        # and then go on without it rather than fail the test over its artifact.
        for attempt in range(3):
            try:
                page.screenshot(path=str(path), full_page=True)
                return path
            except Error as exc:
                if "Unable to capture screenshot" not in str(exc):
                    raise
                page.wait_for_timeout(500 * (attempt + 1))
        warnings.warn(f"no screenshot for {name}: Chromium could not capture one", stacklevel=2)
        return None

    return take


def _sign_in(page, login, password=DEMO_PASSWORD):
    """Open /login, fill the form and press 登录; wait for the page it lands on."""
    page.goto("/login")
    form = page.locator("#login-form")
    form.locator("input[name=login]").fill(login)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.get_by_role("button", name="登录").click()


def _sign_out(page):
    """Press 退出 in the header; the portal sends the browser back to the sign-in page."""
    with page.expect_navigation():
        page.locator("header").get_by_role("button", name="退出").click()


@pytest.fixture
def sign_in():
    """``sign_in(page, login)`` through the real sign-in form (tests cannot import conftest)."""
    return _sign_in


@pytest.fixture
def sign_out():
    return _sign_out
