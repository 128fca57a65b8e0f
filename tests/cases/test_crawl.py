"""A crawl as every demo account, over cases at every level of the tree: no page answers 5xx,
and no link of the menu, the header or a page's action buttons leads to 403 (a link is shown
only to whoever may follow it)."""

from collections import deque
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from portal.demo.populate import DEMO_ACCOUNTS
from portal.demo.story import STORY_ACCOUNTS

HOST = "http://localhost"
SKIP = ("@@logout", "@@set-locale", "/login", "/public", "/static", "/deform_static", "/public-static")
BINARY = ("export", "@@pdf", ".pdf", ".xlsx", "@@download")
PAGES_PER_ACCOUNT = 120


@pytest.fixture(scope="module")
def demo_db_dir(story_db_dir):
    """Crawl the demo as ``./dev demo`` builds it: with its story (cases in every state...)."""
    return story_db_dir


def seed_cases(flow):
    """Cases the demo's people meet: at the city, passed down to a school, at a county."""
    city = flow.instructed()
    flow.assign("city_officer", city, "/zhongyuan", "/jichu")
    flow.assign("zy_officer", city, "/zhongyuan/s01", "/zhongyuan/jichu")
    flow.must("zy_s01_liaison", city, "start_handling")
    direct = flow.instructed(subject="来信反映校车安全", confirm_new=True)
    flow.assign("city_officer", direct, "/jinshui/s01", "/jichu")
    county = flow.register("zy_officer", "/zhongyuan", subject="区里登记的事项")
    flow.docs(county, "acceptance_notice", actor="zy_officer")
    flow.must("zy_officer", county, "accept")
    report = flow.register(subject="举报中原区某校长", reported_unit="/zhongyuan/s01", confirm_new=True)
    return [city, direct, county, report]


def internal(href, base):
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    url = urldefrag(urljoin(base, href))[0]
    parsed = urlparse(url)
    if parsed.netloc not in ("localhost", "") or any(s in parsed.path for s in SKIP):
        return None
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def crawl(t, start_paths):
    seen, problems, queue, fetched = set(), [], deque(start_paths), 0
    guarded = {}  # link -> the page whose menu or buttons offered it
    while queue and fetched < PAGES_PER_ACCOUNT:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        res = t.get(path, expect_errors=True)
        fetched += 1
        while res.status_int in (301, 302, 303) and res.location.startswith(HOST):
            res = t.get(res.location.replace(HOST, ""), expect_errors=True)
        if res.status_int >= 500:
            problems.append(f"{res.status_int} {path}")
        if res.status_int == 403 and path in guarded:
            problems.append(f"403 {path} (offered on {guarded[path]})")
        if res.content_type != "text/html" or any(b in path for b in BINARY):
            continue
        html = res.html
        offered = html.select("nav.portal-nav a, header a, main a.btn")
        for a in offered:
            link = internal(a.get("href"), HOST + path)
            if link and not any(b in link for b in BINARY):
                guarded.setdefault(link, path)
        for a in html.select("a[href]"):
            link = internal(a.get("href"), HOST + path)
            if link and link not in seen:
                (queue.appendleft if link in guarded else queue.append)(link)
    # links the menu offered but the crawl had no time for are still checked
    for link, origin in guarded.items():
        if link not in seen and not any(b in link for b in BINARY):
            res = t.get(link, expect_errors=True)
            if res.status_int == 403:
                problems.append(f"403 {link} (offered on {origin})")
            elif res.status_int >= 500:
                problems.append(f"{res.status_int} {link}")
    return problems, len(seen)


def test_every_demo_account_crawls_without_5xx_or_forbidden_links(flow):
    cases = seed_cases(flow)
    problems, pages = {}, 0
    for login, *_rest in DEMO_ACCOUNTS + STORY_ACCOUNTS:
        found, n = crawl(flow.user(login), ["/"] + cases)
        pages += n
        if found:
            problems[login] = found
    assert not problems, problems
    assert pages > 300
