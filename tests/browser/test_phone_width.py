"""The main pages at phone width (375 px): nothing wider than the screen, no table squeezed
to a character or two per line (issue 17, item 8). Each page is also saved as a screenshot at
1366 and 390 px under test-artifacts/browser/ for review (not committed).
"""

import pytest

from tests.browser.main_pages import PUBLIC, STAFF, seed_demo_copy

PATHS = {}
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1366, "height": 900}
REVIEW_PHONE = {"width": 390, "height": 844}

# Elements wider than the viewport, outside a container that scrolls on its own; table cells
# narrower than three characters holding more than two (one or two characters a line); short
# button labels broken over two lines (搜索 did).
LAYOUT_PROBLEMS = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; }
    return false; };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const out = [];
  if (document.documentElement.scrollWidth > width + 1)
    out.push('page scrolls sideways: ' + document.documentElement.scrollWidth + 'px');
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 1 && !scrolls(el) && getComputedStyle(el).position !== 'absolute')
      out.push('wider than the screen: ' + name(el) + ' ' + Math.round(r.right) + 'px');
  }
  const em = parseFloat(getComputedStyle(document.body).fontSize);
  for (const cell of document.querySelectorAll('td, th')) {
    const text = cell.innerText.trim();
    if (text.length > 2 && cell.getBoundingClientRect().width < 3 * em)
      out.push('squeezed cell: ' + name(cell) + ' "' + text.slice(0, 12) + '"');
  }
  for (const b of document.querySelectorAll('button, .btn')) {
    const text = b.innerText.trim();
    if (!text || text.length > 8 || !b.offsetParent) continue;
    const range = document.createRange(); range.selectNodeContents(b);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > 1) out.push('button text wraps: ' + name(b) + ' "' + text + '"');
  }
  return out.slice(0, 10);
}"""


@pytest.fixture(scope="module")
def live_server_settings(demo_db_dir, tmp_path_factory):
    settings, paths = seed_demo_copy(tmp_path_factory, demo_db_dir)
    PATHS.update(paths)
    return settings


def check(page, shot, path):
    page.set_viewport_size(DESKTOP)
    response = page.goto(path.format(**PATHS))
    assert response.status == 200, path
    shot(page, "1366")
    page.set_viewport_size(REVIEW_PHONE)
    shot(page, "390")
    page.set_viewport_size(PHONE)
    problems = page.evaluate(LAYOUT_PROBLEMS)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", PUBLIC)
def test_public_page_fits_a_phone(page, shot, path):
    check(page, shot, path)


@pytest.mark.parametrize("login, path", STAFF)
def test_staff_page_fits_a_phone(page, sign_in, shot, login, path):
    sign_in(page, login)
    check(page, shot, path)


def test_the_menu_folds_away_on_a_phone(page, sign_in):
    from playwright.sync_api import expect

    page.set_viewport_size(PHONE)
    sign_in(page, "zy_officer")
    nav = page.get_by_role("navigation", name="主导航")
    expect(nav.get_by_role("link", name="信访事项台账")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    nav.get_by_role("button", name="菜单").click()
    nav.get_by_role("link", name="信访事项台账").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("台账")
    page.set_viewport_size(DESKTOP)
    expect(nav.get_by_role("button", name="菜单")).to_be_hidden()
    expect(nav.get_by_role("link", name="搜索")).to_be_visible()
