"""Attack class: cross-site scripting through text users type.

Markup typed into a case (subject, problem), a unit title, a reception-day entry and a rules
page reaches staff pages, printable documents, the public pages, the charts and the Atom feed
only as text: no page holds a script or an event handler that came from the input.
"""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from pyramid.traversal import find_resource, resource_path
from webtest import TestApp

from portal.testing.web import csrf_token, login
from tests.public.seeding import FULL, PETITIONER, Seeder

SCRIPT = "<script>alert('xss')</script>"
IMG = '"><img src=x onerror="alert(\'xss\')">'
PAYLOAD = f"反映{SCRIPT}食堂{IMG}问题"


def assert_inert(res):
    """No script or handler from the input: only escaped text."""
    body = res.text
    assert "<script>alert(" not in body and "<img src=x" not in body, res.request.path
    if res.content_type in ("text/html", "image/svg+xml"):
        soup = BeautifulSoup(body, "html.parser")
        for tag in soup.find_all(True):
            assert tag.name != "img" or tag.get("src") != "x", res.request.path
            for name, value in tag.attrs.items():
                assert not (name.startswith("on") and "alert" in str(value)), res.request.path
        for script in soup.find_all("script"):
            assert "alert(" not in (script.string or ""), res.request.path


@pytest.fixture(scope="module")
def planted(tmp_path_factory, demo_db_dir):
    import shutil

    import transaction

    from portal.testing.web import close_app, file_uri, make_app

    target = tmp_path_factory.mktemp("xss") / "db"
    shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    app = make_app(file_uri(target))
    case = Seeder(app)("/zhongyuan", PETITIONER, subject=PAYLOAD, received_on=date(2026, 11, 2), steps=FULL)
    db = app.registry._zodb_databases[""]
    conn = db.open()
    site = conn.root()["portal"]
    site["jinshui"].title = f"金水{SCRIPT}区教育局"
    site["zhongyuan"]["s01"].title = f"中原{IMG}第一中学"
    doc = next(d for d in find_resource(site, case).values() if getattr(d, "code", "") == "registration")
    paths = {"case": case, "doc": resource_path(doc)}
    transaction.commit()
    conn.close()
    head = TestApp(app)
    login(head, "zy_head")
    page = head.get(case + "/@@publication").forms["publish-form"]
    page["summary"] = f"经查{SCRIPT}属实{IMG}"
    page.submit("action", value="publish", status=302)
    from portal import clock

    form = head.get("/zhongyuan/@@reception-days").forms["schedule-form"]
    form["leader"] = "zy_leader"
    form["leader_post"] = f"局长{SCRIPT}"
    form["field"] = f"信访{IMG}"
    form["date"] = (clock.today() + timedelta(days=7)).isoformat()
    form.get("time", 0).value, form.get("time", 1).value = "09:00", "11:00"
    form["place"] = "局机关"
    form.submit("save", status=302)
    city = TestApp(app)
    login(city, "city_officer")
    city.post(
        "/@@public-pages?page=procedures",
        {
            "title": f"办理程序{SCRIPT}",
            "body": f"第一段{IMG}\n第二段{SCRIPT}",
            "csrf_token": csrf_token(city),
        },
        status=302,
    )
    yield app, paths
    close_app(app)


STAFF = [
    "{case}",
    "{case}/@@history",
    "{case}/@@publication",
    "{doc}",
    "{doc}/@@print",
    "/zhongyuan/@@cases",
    "/zhongyuan/@@cases?q=%E9%A3%9F%E5%A0%82",
    "/@@search?q=%E9%A3%9F%E5%A0%82%E9%97%AE%E9%A2%98",
    "/zhongyuan/",
    "/",
    "/zhongyuan/@@reception-days",
    "/@@notifications",
]
PUBLIC = [
    "/public/",
    "/public/progress",
    "/public/progress/{key}",
    "/public/feed.atom",
    "/public/statistics",
    "/public/rules/procedures",
    "/public/reception",
]


SHOWN = {
    "{case}",
    "{doc}",
    "{doc}/@@print",
    "/zhongyuan/@@cases",
    "/zhongyuan/",
    "/zhongyuan/@@reception-days",
    "/public/progress/{key}",
    "/public/rules/procedures",
    "/public/reception",
}


def assert_shown(res, path):
    """The payload is on the page, escaped (so the test is not passing on an empty page)."""
    if path in SHOWN:
        assert (
            "&lt;script&gt;" in res.text
            or "&#34;&gt;&lt;img" in res.text
            or "&quot;&gt;&lt;img" in res.text
            or "&lt;img" in res.text
        ), path


@pytest.mark.parametrize("path", STAFF)
def test_staff_pages_show_typed_markup_as_text(planted, path):
    app, paths = planted
    t = TestApp(app)
    login(t, "zy_head")
    res = t.get(path.format(**paths))
    assert_inert(res)
    assert_shown(res, path)


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_show_typed_markup_as_text(planted, path):
    app, paths = planted
    key = paths["case"].strip("/").replace("/", ".")
    res = TestApp(app).get(path.format(key=key))
    assert_inert(res)
    assert_shown(res, path)


def test_the_city_sees_the_counties_chart_and_list_escaped(planted):
    app, _paths = planted
    t = TestApp(app)
    login(t, "city_officer")
    for path in ("/", "/@@units", "/@@reports-units", "/jinshui/"):
        assert_inert(t.get(path))
