"""Staff sign in through the real slapd: profiles, groups as principals, landing, failures."""

import logging

import pytest
from pyramid.threadlocal import manager
from webtest import TestApp

from portal.security.localroles import grant
from portal.testing.slapd import FIXTURE_USERS, META_LOGIN
from portal.testing.web import csrf_token, login

BAD = "用户名或密码错误"


@pytest.fixture
def ldap_app(app_factory, slapd, site_of):
    app = app_factory(**slapd.settings())
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            grant(site["zhongyuan"]["s01"], "group:zhongyuan-school-liaisons", "unit_liaison")
            grant(site["jinshui"], "group:jinshui-petition", "petition_officer")
    finally:
        manager.pop()
    return app


def pw(login_name):
    return FIXTURE_USERS[login_name].password


def test_school_liaison_lands_in_their_school(ldap_app, site_of):
    """The demo maps the fixture directory's unit values to its units (``populate``)."""
    t = TestApp(ldap_app)
    res = login(t, "wangfang", pw("wangfang"))
    assert res.location == "http://localhost/zhongyuan/s01/"
    page = res.follow()
    assert "中原区第一中学" in page.text and "王芳" in page.text
    t.get("/zhongyuan/s02/", status=403)
    t.get("/jinshui/s01/", status=403)
    with site_of(ldap_app) as site:
        user = site.users.get("wangfang")
        assert user.source == "ldap" and user.title == "王芳"
        assert user.unit_path == "/zhongyuan/s01" and user.email == "wangfang@zzedu.test"
        assert "group:zhongyuan-school-liaisons" in user.groups
        assert user.password_hash is None


def test_nested_group_grants_apply(ldap_app):
    t = TestApp(ldap_app)
    login(t, "liuyang", pw("liuyang"))
    assert "金水区第一中学" in t.get("/jinshui/").text
    t.get("/zhongyuan/", status=403)


def test_profile_is_refreshed_at_each_sign_in(ldap_app, site_of):
    t = TestApp(ldap_app)
    login(t, "lina", pw("lina"))
    with site_of(ldap_app, commit=True) as site:
        site.users.get("lina").title = "旧名字"
        site.users.get("lina").groups = ("group:stale",)
    login(t, "lina", pw("lina"))
    with site_of(ldap_app) as site:
        assert site.users.get("lina").title == "李娜"
        assert "group:stale" not in site.users.get("lina").groups


@pytest.mark.parametrize(
    "name,password",
    [
        ("wangfang", "wrong"),
        ("nobody", "whatever"),
        ("zhaolei", "Zhaolei-Pa55"),  # disabled
        ("*", "Wangfang-Pa55"),
        ("*)(|(uid=*", "Wangfang-Pa55"),
        ("wang*", "Wangfang-Pa55"),
    ],
)
def test_bad_credentials_disabled_and_injection_all_get_one_answer(ldap_app, name, password):
    t = TestApp(ldap_app)
    res = login(t, name, password, status=200)
    assert BAD in res.text
    t.get("/zhongyuan/s01/", status=302)


def test_metacharacter_user_signs_in_as_themselves_only(ldap_app, site_of):
    t = TestApp(ldap_app)
    login(t, META_LOGIN, pw(META_LOGIN))
    with site_of(ldap_app) as site:
        assert site.users.get(META_LOGIN).title == "孙明"
        assert site.users.get("chenjing") is None


def test_local_account_name_is_not_taken_over(ldap_app, site_of):
    t = TestApp(ldap_app)
    assert BAD in login(t, "admin", "anything", status=200).text
    assert login(t, "admin").status_int == 302


def test_unreachable_directory_gives_a_clear_message_and_admin_still_works(app_factory, slapd):
    from portal.testing.slapd import free_port

    app = app_factory(
        **slapd.settings({"ldap.uris": f"ldap://127.0.0.1:{free_port()}/", "ldap.connect_timeout": "1"})
    )
    t = TestApp(app)
    res = login(t, "wangfang", pw("wangfang"), status=200)
    assert "统一身份认证服务暂时无法连接" in res.text
    assert login(t, "admin").status_int == 302


def test_ldap_failures_are_throttled_like_local_ones(ldap_app):
    t = TestApp(ldap_app)
    for _ in range(5):
        login(t, "wangfang", "wrong", status=200)
    assert "登录失败次数过多" in login(t, "wangfang", pw("wangfang"), status=200).text


def test_no_password_is_logged(ldap_app, caplog):
    caplog.set_level(logging.DEBUG)
    t = TestApp(ldap_app)
    login(t, "wangfang", "Secret-typo-1", status=200)
    login(t, "wangfang", pw("wangfang"))
    assert "Secret-typo-1" not in caplog.text and pw("wangfang") not in caplog.text


def test_admin_directory_page_maps_groups_to_roles(ldap_app):
    t = TestApp(ldap_app)
    login(t, "admin")
    page = t.get("/@@directory", {"login": "wangfang"})
    assert "王芳" in page.text and "zhongyuan-school-liaisons" in page.text
    assert "中原区第一中学" in page.text and "单位信访工作人员" in page.text
    assert pw("wangfang") not in page.text
    report = t.post("/@@directory", {"action": "test", "csrf_token": csrf_token(t)})
    assert "alert-success" in report.text


def test_directory_page_is_for_administrators_only(ldap_app):
    t = TestApp(ldap_app)
    login(t, "zy_head")
    t.get("/@@directory", {"login": "wangfang"}, status=403)


def test_development_ini_points_at_the_fixture_directory():
    """Turning directory sign-in on in development.ini is one setting: the rest match the fixture."""
    from pathlib import Path

    from pyramid.paster import get_appsettings

    from portal.testing import slapd

    ini = Path(__file__).resolve().parents[2] / "development.ini"
    ini_settings = {k: v for k, v in get_appsettings(str(ini)).items() if k.startswith("ldap.")}
    fixture = slapd.SlapdServer(port=3890).settings()
    assert ini_settings.pop("ldap.enabled") == "false"
    for key, value in ini_settings.items():
        if key in fixture and key not in ("ldap.receive_timeout",):
            assert fixture[key] == value, key
    assert {
        "ldap.uris",
        "ldap.bind_dn",
        "ldap.bind_password",
        "ldap.user_base",
        "ldap.user_filter",
        "ldap.group_base",
    } <= set(ini_settings)
