"""The sharing page: who may grant what, and the changes that are refused."""

from portal.security.principals import user_principal as U
from portal.testing.web import csrf_token, login


def post(testapp, path, **params):
    params["csrf_token"] = csrf_token(testapp)
    return testapp.post(path, params, status=302).follow()


def grants(site_of, app, path):
    from pyramid.traversal import find_resource

    with site_of(app) as site:
        return {p: tuple(r) for p, r in find_resource(site, path).__local_roles__.items()}


def test_head_grants_staff_role_in_own_county(testapp, site_of, app):
    login(testapp, "zy_head")
    page = post(
        testapp, "/zhongyuan/s01/@@sharing", action="grant", principal="js_s01_liaison", role="unit_liaison"
    )
    assert "已授予" in page.text
    assert grants(site_of, app, "/zhongyuan/s01")[U("js_s01_liaison")] == ("unit_liaison",)


def test_head_cannot_grant_admin_roles(testapp, site_of, app):
    login(testapp, "zy_head")
    form_page = testapp.get("/zhongyuan/@@sharing")
    options = [v for v, *_ in form_page.forms["grant-form"]["role"].options]
    assert "unit_liaison" in options and "site_admin" not in options and "petition_head" not in options
    page = post(testapp, "/zhongyuan/@@sharing", action="grant", principal="zy_officer", role="site_admin")
    assert "您无权授予或撤销“系统管理员”角色" in page.text
    assert grants(site_of, app, "/zhongyuan")[U("zy_officer")] == ("petition_officer",)


def test_unknown_principal_is_refused(testapp):
    login(testapp, "zy_head")
    page = post(testapp, "/zhongyuan/@@sharing", action="grant", principal="nobody", role="leader")
    assert "找不到用户或用户组“nobody”" in page.text


def test_officer_cannot_open_sharing(testapp):
    login(testapp, "zy_officer")
    testapp.get("/zhongyuan/@@sharing", status=403)


def test_revoke_and_group_grant(testapp, site_of, app):
    login(testapp, "zy_head")
    post(
        testapp,
        "/zhongyuan/@@sharing",
        action="grant",
        principal="group:zhongyuan-petition",
        role="petition_officer",
    )
    assert grants(site_of, app, "/zhongyuan")["group:zhongyuan-petition"] == ("petition_officer",)
    page = post(
        testapp,
        "/zhongyuan/@@sharing",
        action="revoke",
        principal="group:zhongyuan-petition",
        role="petition_officer",
    )
    assert "已撤销" in page.text
    assert "group:zhongyuan-petition" not in grants(site_of, app, "/zhongyuan")


def test_last_manager_cannot_be_revoked(testapp, site_of, app):
    login(testapp, "admin")
    page = post(testapp, "/@@sharing", action="revoke", principal="admin", role="site_admin")
    assert "此项修改会使您失去本机构的权限管理权，已拒绝" in page.text
    assert "site_admin" in grants(site_of, app, "/")[U("admin")]


def test_blocking_inheritance_must_not_lock_the_grantor_out(testapp, site_of, app):
    login(testapp, "admin")
    page = post(testapp, "/zhongyuan/s03/@@sharing", action="block", block="1")
    assert "此项修改会使" in page.text
    with site_of(app) as site:
        assert not site["zhongyuan"]["s03"].__block_inheritance__


def test_blocking_allowed_when_a_local_manager_remains(testapp, site_of, app):
    login(testapp, "zy_head")
    post(testapp, "/zhongyuan/s01/@@sharing", action="grant", principal="zy_officer", role="unit_liaison")
    login(testapp, "admin")
    post(testapp, "/zhongyuan/@@sharing", action="grant", principal="admin", role="petition_head")
    page = post(testapp, "/zhongyuan/@@sharing", action="block", block="1")
    assert "已停止继承" in page.text
    # the city's head no longer reaches the county; the county head still does
    login(testapp, "city_head")
    testapp.get("/zhongyuan/", status=403)
    login(testapp, "zy_head")
    assert testapp.get("/zhongyuan/").status_int == 200


def test_grant_without_csrf_token_changes_nothing(testapp, site_of, app):
    login(testapp, "zy_head")
    res = testapp.post(
        "/zhongyuan/@@sharing", {"action": "grant", "principal": "js_officer", "role": "leader"}, status=400
    )
    assert "页面已过期" in res.text
    assert U("js_officer") not in grants(site_of, app, "/zhongyuan")


def test_last_manager_of_a_blocked_node_cannot_be_revoked(testapp, site_of, app):
    """A group is the only manager of a node that blocks inheritance: revoking it would leave
    the node unmanageable, and is refused even though the grantor manages it through that group."""
    from pyramid.threadlocal import manager

    from portal.security import localroles

    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            site.users.get("zy_officer").groups = ("group:s02-admins",)
            localroles.grant(site["zhongyuan"]["s02"], "group:s02-admins", "site_admin", app.registry)
    finally:
        manager.pop()
    login(testapp, "zy_officer")
    assert "已停止继承" in post(testapp, "/zhongyuan/s02/@@sharing", action="block", block="1").text
    page = post(
        testapp, "/zhongyuan/s02/@@sharing", action="revoke", principal="group:s02-admins", role="site_admin"
    )
    assert "此项修改会使本机构无人能够管理权限，已拒绝" in page.text
    assert grants(site_of, app, "/zhongyuan/s02")["group:s02-admins"] == ("site_admin",)


def test_role_picker_offers_the_least_powerful_role_first(testapp):
    from portal.security.roles import role_permissions

    login(testapp, "admin")
    options = [v for v, *_ in testapp.get("/@@sharing").forms["grant-form"]["role"].options]
    assert options[-1] == "site_admin" and options[0] != "site_admin"
    sizes = [len(role_permissions(r)) for r in options]
    assert sizes == sorted(sizes)


def test_people_are_listed_by_name_and_unit_and_found_by_name(testapp, site_of, app):
    """Issue 17, item 3: the grants name people (孙丽华（郑州市教育局）), never their logins; a
    person may be granted by name, and a name two people share asks for the login."""
    login(testapp, "zy_head")
    page = post(testapp, "/zhongyuan/s01/@@sharing", action="grant", principal="何丽", role="unit_liaison")
    assert "已授予何丽（金水区第一中学）“单位信访工作人员”角色" in page.text
    assert grants(site_of, app, "/zhongyuan/s01")[U("js_s01_liaison")] == ("unit_liaison",)
    text = page.html.find("main").get_text(" ")
    assert "黄静（中原区第一中学）" in text and "孙丽华（郑州市教育局）" in text
    for login_name in ("js_s01_liaison", "zy_s01_liaison", "city_deputy", "zy_head"):
        assert login_name not in text
    with site_of(app, commit=True) as site:
        from portal.identity.users import User

        site.users.add(User("other_heli", "何丽"))
    page = post(testapp, "/zhongyuan/s02/@@sharing", action="grant", principal="何丽", role="unit_liaison")
    assert "有2名用户名为“何丽”，请填写账号" in page.text
