"""A county's petition officer sees and changes only their own county (direct URLs too)."""

import pytest

from portal.testing.web import csrf_token, login


@pytest.fixture
def zy(testapp):
    login(testapp, "zy_officer")
    return testapp


def test_officer_sees_own_county_and_its_schools(zy):
    page = zy.get("/zhongyuan/")
    assert "中原区教育局" in page.text
    assert "中原区第一中学" in page.text
    assert zy.get("/zhongyuan/s01/").status_int == 200


@pytest.mark.parametrize(
    "path",
    ["/jinshui/", "/jinshui/s01/", "/@@unit", "/xinfangchu/", "/jinshui/@@sharing", "/jinshui/@@export-tree"],
)
def test_officer_cannot_open_another_county_or_the_city(zy, path):
    res = zy.get(path, status=403)
    assert "无权访问" in res.text
    assert "金水区第一中学" not in res.text


@pytest.mark.parametrize(
    "path,params",
    [
        ("/jinshui/@@edit-unit", {"title": "被篡改", "code": "", "save": "1"}),
        ("/jinshui/@@set-active", {"active": "0"}),
        ("/jinshui/@@add-unit", {"title": "假学校", "kind": "school", "save": "1"}),
        ("/jinshui/@@sharing", {"action": "grant", "principal": "zy_officer", "role": "petition_head"}),
        ("/zhongyuan/@@edit-unit", {"title": "被篡改", "code": "", "save": "1"}),
    ],
)
def test_officer_cannot_change_any_county(zy, path, params, site_of, app):
    params = dict(params, csrf_token=csrf_token(zy))
    zy.post(path, params, status=403)
    with site_of(app) as site:
        assert site["jinshui"].title == "金水区教育局"
        assert site["jinshui"].active
        assert "zy_officer" not in dict(site["jinshui"].__local_roles__)
        assert site["zhongyuan"].title == "中原区教育局"


def test_search_finds_only_reachable_units(zy):
    res = zy.get("/@@search", {"q": "第一中学"})
    assert "中原区第一中学" in res.text
    assert "金水区第一中学" not in res.text


def test_county_head_may_manage_own_county_but_not_another(testapp, site_of, app):
    login(testapp, "zy_head")
    token = csrf_token(testapp)
    testapp.post(
        "/zhongyuan/s01/@@edit-unit",
        {"title": "中原区第一高级中学", "code": "ZY01", "save": "1", "csrf_token": token},
        status=302,
    )
    testapp.post(
        "/jinshui/s01/@@edit-unit",
        {"title": "被篡改", "code": "", "save": "1", "csrf_token": token},
        status=403,
    )
    with site_of(app) as site:
        assert site["zhongyuan"]["s01"].title == "中原区第一高级中学"
        assert site["jinshui"]["s01"].title == "金水区第一中学"


def test_anonymous_is_sent_to_sign_in(testapp):
    res = testapp.get("/zhongyuan/", status=302)
    assert res.location.startswith("http://localhost/login?came_from=")
