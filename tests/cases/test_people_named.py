"""People appear by name (and unit), never by login: the case page's recent history, the
history page, 包案领导 and the identity-view log (issue 17, item 3)."""

from pyramid.traversal import find_resource

from portal.testing.web import csrf_token, login


def path_of(res):
    return res.location.replace("http://localhost", "")


def visible(res):
    """The page's text as a reader sees it (no scripts, no attribute values)."""
    html = res.html
    for tag in html(["script", "style"]):
        tag.decompose()
    return html.get_text(" ")


def test_history_names_the_person_not_the_login(testapp, register):
    login(testapp, "zy_officer")
    path = path_of(register(testapp, "/zhongyuan"))
    for page in (testapp.get(path), testapp.get(path + "@@history")):
        text = visible(page)
        assert "刘洋" in text
        assert "zy_officer" not in text


def test_the_owning_leader_is_named(app, register, site_of, add_docs):
    from webtest import TestApp

    officer, leader = TestApp(app), TestApp(app)
    login(officer, "city_officer")
    login(leader, "city_leader")
    path = path_of(register(officer, subject="赴京上访：反映教师待遇", confirm_new=True))
    with site_of(app, commit=True) as site:
        find_resource(site, path).level_skipping = "beijing"
    add_docs(path, "acceptance_notice")
    officer.post(path + "@@transition", {"transition": "accept", "csrf_token": csrf_token(officer)})
    leader.post(path + "@@take-ownership", {"csrf_token": csrf_token(leader)}, status=302)
    text = visible(officer.get(path))
    assert "包案领导：赵志刚" in text
    assert "city_leader" not in text


def test_identity_view_log_names_the_viewer_and_unit(app, register):
    from webtest import TestApp

    officer, admin = TestApp(app), TestApp(app)
    login(officer, "zy_officer")
    path = path_of(register(officer, "/zhongyuan"))
    officer.post(path + "@@reveal-identity", {"csrf_token": csrf_token(officer)})
    login(admin, "admin")
    text = visible(admin.get("/@@identity-audit"))
    assert "刘洋（中原区教育局）" in text
    assert "zy_officer" not in text
