"""A crawl as every demo account: what the frame, the home page and the user's unit pages offer.

Issue 17: a menu link that answers 403 makes staff distrust the system (items 5), and a login
or an internal path where a name or a title belongs tells them nothing (item 3). The crawl
follows the navigation, the header, the home page and each of the user's unit pages (with
their action menus), one level deep, by GET only.
"""

import re
from urllib.parse import urlsplit

import pytest

from portal.demo.data import CITY_DEPARTMENTS, COUNTIES, DIRECT_UNITS
from portal.demo.populate import DEMO_ACCOUNTS
from portal.demo.story import STORY_ACCOUNTS

LOGINS = sorted({a[0] for a in DEMO_ACCOUNTS + STORY_ACCOUNTS}, key=len, reverse=True)
UNIT_PATHS = [f"/{key}" for key, *_ in COUNTIES + CITY_DEPARTMENTS + DIRECT_UNITS] + [
    f"/{key}/s0{i}" for key, _ in COUNTIES for i in range(1, 6)
]
# A login or a path standing on its own in visible text (not inside a longer word or URL).
LEAKS = re.compile(
    r"(?<![\w/.:-])(%s)(?![\w-])|(?<![\w/.:])(%s)(?![\w/])"
    % ("|".join(map(re.escape, LOGINS)), "|".join(map(re.escape, UNIT_PATHS)))
)
# Links that change something or leave the pages (a GET that acts, sign-out, switching locale).
SKIP = re.compile(r"@@(logout|set-locale|set-active|export-tree)|/login|/static/|[?&]format=")


@pytest.fixture(scope="module")
def demo_db_dir(story_db_dir):
    """Crawl the demo as ``./dev demo`` builds it: with its story (cases in every state...)."""
    return story_db_dir


def _visible_text(res):
    html = res.html
    for tag in html(["script", "style", "template"]):
        tag.decompose()
    for tag in html.select(".account-login"):  # the accounts list shows logins as data
        tag.decompose()
    return html.get_text(" ", strip=True)


def _links(res, selectors):
    out = []
    for selector in selectors:
        for a in res.html.select(selector):
            href = a.get("href", "")
            parts = urlsplit(href)
            if (
                href
                and not href.startswith(("#", "mailto:", "tel:"))
                and parts.netloc in ("", "localhost")
                and not SKIP.search(href)
            ):
                out.append((a.get_text(" ", strip=True), href))
    return out


FRAME = ("header a", "nav.portal-nav a")
UNIT_ACTIONS = ("main a.btn", "main a.dropdown-item")


def crawl(user):
    """``{url: (status, text)}`` of every page reached, with where each link was found."""
    seen, found, pages = {}, [], []
    home = user.get("/")
    pages.append(("/", home))
    for label, href in _links(home, FRAME + ("main a",)):
        found.append(("/", label, href))
    units = [
        href
        for _, label, href in found
        if re.search(r"(/[a-z0-9]+/|/@@unit)$", href) and "/public/" not in href
    ]
    for url in dict.fromkeys(units):
        res = user.get(url, status="*")
        if res.status_int == 200:
            for label, href in _links(res, UNIT_ACTIONS):
                found.append((url, label, href))
    for origin, label, href in found:
        if href in seen:
            continue
        res = user.get(href, status="*")
        if res.status_int in (301, 302, 303):
            res = res.follow(status="*")
        seen[href] = (origin, label, res.status_int)
        if res.status_int == 200 and res.content_type == "text/html":
            pages.append((href, res))
    return seen, pages


@pytest.mark.parametrize("login", [a[0] for a in DEMO_ACCOUNTS + STORY_ACCOUNTS])
def test_no_link_offered_to_a_demo_account_is_forbidden_or_names_a_login(signed_in, login):
    user = signed_in(login)
    seen, pages = crawl(user)
    assert len(seen) > 5, seen
    forbidden = [
        (origin, label, href, status) for href, (origin, label, status) in seen.items() if status >= 400
    ]
    assert forbidden == [], forbidden
    leaks = []
    for url, res in pages:
        for match in LEAKS.finditer(_visible_text(res)):
            leaks.append((url, match.group(0)))
    assert leaks == [], leaks
