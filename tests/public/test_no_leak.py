"""The acceptance test of the public area's confidentiality: seed cases whose petitioners'
names, ID numbers, phones and addresses are known (and written into the problem and reply
texts), publish them, crawl every public page, feed and JSON response reachable from the
public home, and find none of those strings."""

from urllib.parse import urljoin, urlsplit

from .conftest import FULL, PETITIONER, REPRESENTATIVE, SECOND, SECRETS


def crawl(t, start="/public/"):
    seen, queue, bodies = set(), [start], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        res = t.get(url, status="*")
        assert res.status_int in (200, 302, 404), (url, res.status)
        if res.status_int == 302:
            queue.append(urlsplit(res.location).path)
            continue
        bodies[url] = res.text
        if "html" not in res.content_type:
            continue
        for a in res.html.find_all(["a", "link"], href=True):
            target = urljoin("http://localhost" + url, a["href"])
            parts = urlsplit(target)
            if parts.netloc == "localhost" and parts.path.startswith("/public"):
                queue.append(parts.path + (("?" + parts.query) if parts.query else ""))
    return bodies


def assert_clean(bodies):
    for url, body in bodies.items():
        for secret in SECRETS:
            assert secret not in body, f"{secret} found in {url}"


def test_nothing_of_the_petitioners_reaches_any_public_response(
    app, seed, anon, staff_app, publish_case, pending_code, do_lookup
):
    officer = staff_app("zy_officer")
    paths = [
        seed(person=PETITIONER, rep=REPRESENTATIVE, subject=f"{PETITIONER['name']}反映违规收费", steps=FULL),
        seed(
            person=SECOND,
            subject=f"{SECOND['name']}（{SECOND['id_number']}）反映食堂问题",
            steps=("accept", "assign"),
        ),
        seed(person=PETITIONER, subject="反映校车安全问题", steps=FULL + ("rate",)),
    ]
    for path in paths:
        publish_case(officer, path)
    officer.post(
        paths[0] + "/@@publication",
        {
            "action": "publish",
            "summary": f"答复{PETITIONER['name']}：电话{PETITIONER['phone']}，已退费。",
            "csrf_token": officer.get(paths[0] + "/@@publication").forms["publish-form"]["csrf_token"].value,
        },
    )
    # staff fill the reception days and rules with nothing personal; the crawl covers them too
    bodies = crawl(anon)
    assert any("/public/progress/" in url for url in bodies)
    assert len([u for u in bodies if u.startswith("/public/progress/")]) == 3
    assert "/public/feed.atom" in bodies and any("statistics.json" in u for u in bodies)
    assert any(u.startswith("/public/rules/") for u in bodies)
    assert_clean(bodies)
    page = bodies[[u for u in bodies if u.endswith(paths[0].strip("/").replace("/", "."))][0]]
    assert "欧阳某" in page and "已退费" in page

    # the petitioner's own pages (after a code lookup) are redacted in the same way
    code = pending_code(officer, paths[1])
    res = do_lookup(anon, code, SECOND["id_number"][-4:]).follow()
    assert "我的信访事项" in res.text
    own = crawl(anon, "/public/my-case")
    assert_clean(own)
