"""In Chromium: the main staff and public pages satisfy the Content-Security-Policy (no
violation reported) while deform's widgets still work (sequence add/remove, their callbacks),
and a script injected into the page without the nonce does not run."""

import pytest
from playwright.sync_api import expect

RECORD = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});
"""

STAFF_PAGES = {
    "zy_officer": [
        "/",
        "/zhongyuan/",
        "/zhongyuan/s01/",
        "/zhongyuan/@@register-case",
        "/zhongyuan/@@cases",
        "/zhongyuan/@@reports-dashboard",
        "/@@notifications",
        "/@@search?q=第一中学",
        "/zhongyuan/@@risk-ledger",
    ],
    "zy_s01_liaison": ["/zhongyuan/s01/@@monthly-report"],
    "admin": ["/@@settings", "/@@holiday-calendar", "/zhongyuan/@@sharing", "/@@directory", "/@@workflows"],
}
PUBLIC_PAGES = [
    "/public/",
    "/public/progress",
    "/public/query",
    "/public/petition",
    "/public/statistics",
    "/public/rules",
    "/public/reception",
    "/login",
]


@pytest.fixture
def watched(page):
    """The page with CSP violations recorded (DOM events and console reports)."""
    console = []
    page.add_init_script(RECORD)
    page.on(
        "console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None
    )

    def violations():
        return console + page.evaluate("window.__csp || []")

    page.violations = violations
    return page


def _visit(page, path):
    response = page.goto(path)
    assert response.status < 500, path
    page.wait_for_load_state("load")
    assert page.violations() == [], path


@pytest.mark.parametrize("login", sorted(STAFF_PAGES))
def test_staff_pages_raise_no_violation(watched, sign_in, login):
    sign_in(watched, login)
    for path in STAFF_PAGES[login]:
        _visit(watched, path)


def test_public_pages_raise_no_violation(watched):
    for path in PUBLIC_PAGES:
        _visit(watched, path)


def test_deform_sequences_and_callbacks_still_work(watched, sign_in):
    page = watched
    sign_in(page, "zy_officer")
    page.goto("/zhongyuan/@@register-case")
    form = page.locator("#portal-form")
    add = form.get_by_text("添加代表")
    add.click()
    add.click()
    expect(form.locator(".deform-seq-item")).to_have_count(2)
    form.locator(".deform-close-button").first.click()
    expect(form.locator(".deform-seq-item")).to_have_count(1)
    assert page.violations() == []

    sign_in(page, "zy_s01_liaison")
    page.goto("/zhongyuan/s01/@@monthly-report")
    form = page.locator("#portal-form")
    form.get_by_text("添加越级上访").click()
    expect(form.locator("input[type=date]").last).to_be_visible()
    assert page.violations() == []


def test_injected_inline_script_does_not_run(watched):
    page = watched
    page.goto("/public/")
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__pwned = true';
        document.body.appendChild(s);
    }""")
    assert page.evaluate("window.__pwned === true") is False
    assert any("script-src" in v for v in page.violations())
