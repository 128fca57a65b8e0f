"""HTTP caching of the public area: every page, feed and JSON has a validator and answers 304
to a conditional request, with a short shared-cache max-age; a change gives a new validator at
once; static files carry a content token and a year of max-age."""

import re

import pytest
from webtest import TestApp

from .conftest import FULL

PUBLIC = (
    "/public/",
    "/public/progress",
    "/public/feed.atom",
    "/public/statistics",
    "/public/statistics.json",
    "/public/reception",
    "/public/rules",
)


def test_every_public_answer_has_a_validator_and_answers_304(app, seed, staff_app, publish_case, anon):
    publish_case(staff_app("zy_officer"), seed(steps=FULL))
    key = anon.get("/public/progress").html.select_one("a[href*='/public/progress/']")["href"]
    for url in PUBLIC + (key,):
        res = anon.get(url)
        tag = res.headers["ETag"]
        assert re.fullmatch(r"public, max-age=\d+", res.headers["Cache-Control"]), url
        again = anon.get(url, headers={"If-None-Match": tag}, status=304)
        assert again.body == b"" and again.headers["ETag"] == tag, url
        anon.get(url, headers={"If-None-Match": '"something-else"'}, status=200)


def test_forms_and_answers_for_one_visitor_are_not_shared(app, anon):
    for url in ("/public/query", "/public/petition"):
        res = anon.get(url)
        assert "public" not in res.headers.get("Cache-Control", "") and "ETag" not in res.headers


def test_publishing_changes_the_validators_at_once(app, seed, staff_app, publish_case, anon):
    officer = staff_app("zy_officer")
    publish_case(officer, seed(steps=FULL))
    tags = {url: anon.get(url).headers["ETag"] for url in ("/public/progress", "/public/feed.atom")}
    second = seed(subject="反映学校食堂问题", steps=("accept",))
    publish_case(officer, second)
    for url, tag in tags.items():
        res = anon.get(url, headers={"If-None-Match": tag}, status=200)
        assert res.headers["ETag"] != tag and "反映学校食堂问题" in res.text, url


def test_a_progress_page_changes_with_its_case(app, seed, staff_app, publish_case, anon, site_of):
    officer = staff_app("zy_officer")
    path = seed(steps=("accept",))
    publish_case(officer, path)
    url = anon.get("/public/progress").html.select_one("a[href*='/public/progress/']")["href"]
    tag = anon.get(url).headers["ETag"]
    publish_case(officer, path, summary="学校已退还全部费用。")  # republished: new projection
    res = anon.get(url, headers={"If-None-Match": tag}, status=200)
    assert res.headers["ETag"] != tag and "学校已退还全部费用" in res.text


def test_a_revalidation_never_renders_the_page(app, seed, staff_app, publish_case, anon, monkeypatch):
    from portal.public import views_progress

    publish_case(staff_app("zy_officer"), seed(steps=FULL))
    url = anon.get("/public/progress").html.select_one("a[href*='/public/progress/']")["href"]
    tag = anon.get(url).headers["ETag"]

    def refuse(*args, **kw):
        raise AssertionError("rendered")

    monkeypatch.setattr(views_progress, "progress_page", refuse)
    router = TestApp(app.app)  # the application itself, without the answer cache
    router.get(url, headers={"If-None-Match": tag}, status=304)


def test_the_answer_cache_never_shares_a_cookie_or_a_staff_page(app, seed, staff_app, anon):
    officer = staff_app("zy_officer")
    officer.get("/public/")  # a signed-in visitor on a public page
    res = anon.get("/public/")
    assert "Set-Cookie" not in res.headers
    assert "zy_officer" not in res.text and "刘洋" not in res.text
    assert anon.get("/zhongyuan/", status=302).headers["Cache-Control"] == "private, no-store"


def test_static_urls_carry_a_content_token_and_a_year_of_max_age(app, anon, staff_app):
    import hashlib
    from importlib.resources import files

    page = anon.get("/public/")
    css = page.html.select_one("link[rel=stylesheet]")["href"]
    digest = hashlib.sha1(files("portal.public").joinpath("static/public.css").read_bytes())
    assert css == f"/public-static/public.css?v={digest.hexdigest()[:12]}"
    res = anon.get(css)
    assert "max-age=31536000" in res.headers["Cache-Control"] and b"public frame" in res.body
    staff = staff_app("zy_officer").get("/")
    links = [a["href"] for a in staff.html.select("link[rel=stylesheet]")] + [
        s["src"] for s in staff.html.select("script[src]")
    ]
    assert links and all(re.search(r"\?v=[0-9a-f]{12}$", u) for u in links), links


def test_a_steady_page_is_answered_from_memory_until_the_database_changes(
    app, seed, staff_app, publish_case, anon, monkeypatch
):
    """On FileStorage (and ZEO) the answer cache keeps a public answer until a transaction is
    committed, however long ago it was computed; after a publication it asks the application
    again, and the changed page is never answered 304 to the old validator."""
    import types

    from portal.caching import microcache

    officer = staff_app("zy_officer")
    path = seed(steps=("accept",))
    publish_case(officer, path)
    url = anon.get("/public/progress").html.select_one("a[href*='/public/progress/']")["href"]
    tag = anon.get(url).headers["ETag"]
    assert app.trust is None  # the tests' FileStorage

    def refuse(environ, start_response):
        raise AssertionError(f"the application was asked for {environ['PATH_INFO']}")

    later = types.SimpleNamespace(monotonic=lambda: 1e12)  # far later than any stored answer
    with monkeypatch.context() as m:
        m.setattr(microcache, "time", later)  # much later, nothing committed
        m.setattr(app, "app", refuse)
        anon.get(url, headers={"If-None-Match": tag}, status=304)
        assert anon.get(url).headers["ETag"] == tag
    publish_case(officer, path, summary="学校已退还全部费用。")
    res = anon.get(url, headers={"If-None-Match": tag}, status=200)
    assert res.headers["ETag"] != tag and "学校已退还全部费用" in res.text
    anon.get(url, headers={"If-None-Match": res.headers["ETag"]}, status=304)


def test_answers_are_trusted_briefly_on_a_storage_that_polls():
    import types

    from ZODB.FileStorage import FileStorage  # noqa: F401  (named in PUSHED)

    from portal.caching.microcache import TRUST_SECONDS, trust_seconds

    class RelStorage:  # what RelStorage's class looks like to the cache: not in PUSHED
        pass

    assert trust_seconds(types.SimpleNamespace(storage=RelStorage())) == TRUST_SECONDS


@pytest.mark.parametrize("spec", ["portal.public:static/public.css", "portal.layout:static/portal.css"])
def test_a_static_file_is_read_once_and_revalidated_by_its_token(app, anon, staff_app, monkeypatch, spec):
    """The first GET reads the file through the application; later ones come from memory, even
    with the application gone: the same bytes and length, its content token as the ETag (the
    same in every process), a year of max-age for every cache, 304 to ``If-None-Match``, the
    security headers, no body to a HEAD."""
    from pyramid.path import AssetResolver

    data = AssetResolver().resolve(spec).stream().read()
    page = anon.get("/public/") if spec.startswith("portal.public") else staff_app("zy_officer").get("/")
    name = spec.rsplit("/", 1)[1]
    links = [a["href"] for a in page.html.select("link[rel=stylesheet]")]
    url = next(u for u in links if f"/{name}?" in u).replace("http://localhost", "")
    token = url.rsplit("?v=", 1)[1]
    first = anon.get(url)
    assert first.body == data and first.headers["ETag"] == f'"{token}"'
    assert first.headers["Content-Length"] == str(len(data))
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"

    def refuse(environ, start_response):
        raise AssertionError(f"the application was asked for {environ['PATH_INFO']}")

    monkeypatch.setattr(app.files, "app", refuse)
    again = anon.get(url)
    assert again.body == data and again.headers["ETag"] == f'"{token}"'
    assert again.headers["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in again.headers
    for tags in (f'"{token}"', f'"other", "{token}"', "*"):
        res = anon.get(url, headers={"If-None-Match": tags}, status=304)
        assert res.body == b"" and res.headers["ETag"] == f'"{token}"'
    anon.get(url, headers={"If-None-Match": '"other"'}, status=200)
    head = anon.head(url)
    assert head.body == b"" and head.headers["Content-Length"] == str(len(data))


def test_a_missing_static_file_is_a_404_every_time(app, anon):
    calls = []
    inner = app.files.app

    def counting(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    app.files.app = counting
    for _ in range(2):
        anon.get("/public-static/no-such-file.css", status=404)
    assert calls == ["/public-static/no-such-file.css"] * 2 and not app.files.files
