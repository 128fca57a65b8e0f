"""The front door: a citizen at / reaches the public area, staff reach their to-do."""

from portal.testing.web import login


def test_anonymous_visitor_at_the_root_lands_on_the_public_area(testapp):
    res = testapp.get("/", status=302)
    assert res.location == "http://localhost/public/"
    public = res.follow()
    assert "办理进度公开" in public.text
    staff_link = public.html.select_one("a.staff-login")
    assert staff_link is not None and staff_link["href"] == "/login"


def test_other_staff_pages_still_ask_anonymous_visitors_to_sign_in(testapp):
    res = testapp.get("/zhongyuan/", status=302)
    assert res.location.startswith("http://localhost/login?came_from=")


def test_sign_in_page_links_to_the_public_area(testapp):
    page = testapp.get("/login")
    assert page.html.select_one("a[href='http://localhost/public/']") is not None


def test_staff_at_the_root_see_their_to_do(testapp):
    login(testapp, "zy_officer")
    assert "我的待办" in testapp.get("/").text
