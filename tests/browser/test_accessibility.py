"""axe-core in real Chromium over every public page and the main staff pages: no serious or
critical violation (issue 17, item 10). axe-core comes with the ``axe-playwright-python``
package (its axe.min.js), injected into each page after it has loaded.
"""

import pytest

from tests.browser.main_pages import PUBLIC, STAFF, seed_demo_copy

PATHS = {}
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def live_server_settings(demo_db_dir, tmp_path_factory):
    settings, paths = seed_demo_copy(tmp_path_factory, demo_db_dir)
    PATHS.update(paths)
    return settings


def _node(node):
    """Where, and for contrast the colours axe measured."""
    where = " ".join(node["target"])
    data = next((c.get("data") for c in node.get("any", []) if isinstance(c.get("data"), dict)), None)
    if data and "contrastRatio" in data:
        where += f" [{data['fgColor']} on {data['bgColor']}: {data['contrastRatio']}]"
    return where


def blocking_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at " + "; ".join(map(_node, v["nodes"]))
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_page_has_no_serious_violation(page, path):
    response = page.goto(path.format(**PATHS))
    assert response.status == 200, path
    found = blocking_violations(page)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("login, path", STAFF)
def test_staff_page_has_no_serious_violation(page, sign_in, login, path):
    sign_in(page, login)
    response = page.goto(path.format(**PATHS))
    assert response.status == 200, (login, path)
    found = blocking_violations(page)
    assert not found, "\n".join(found)
