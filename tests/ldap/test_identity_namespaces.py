"""Attack class: identity confusion between sources, and user ids posing as principals.

A directory entry must never become a local account (whatever the letter case or Unicode form
of its uid), and no uid can be shaped into a role or group principal. The directory here holds
names chosen by an attacker who controls entries in it (not the project's fixture users).
"""

import textwrap

import pytest
from webtest import TestApp

from portal.security.principals import group_principal
from portal.testing.slapd import USER_BASE
from portal.testing.web import login

BAD = "用户名或密码错误"
PASSWORD = "Impostor-Pa55"
IMPOSTORS = (
    "ADMIN",
    "ZY_OFFICER",
    "Ｊｓ_ｏｆｆｉｃｅｒ",
    "role:site_admin",
    "group:zhongyuan-petition",
    "user:admin",
    "system.Authenticated",
)


def _entry(uid, index):
    return textwrap.dedent(f"""\
        dn: uid={uid},{USER_BASE}
        objectClass: inetOrgPerson
        uid: {uid}
        cn: 冒名者{index}
        sn: 冒
        displayName: 冒名者{index}
        departmentNumber: zhongyuan
        userPassword: {PASSWORD}
        """)


@pytest.fixture(scope="module")
def impostor_directory(directory_from):
    return directory_from("impostors", "\n".join(_entry(uid, i) for i, uid in enumerate(IMPOSTORS)))


@pytest.fixture
def ldap_app(app_on, impostor_directory):
    return app_on(impostor_directory, "/zhongyuan", group_principal("zhongyuan-petition"), "petition_officer")


@pytest.mark.parametrize(
    "uid,local_login",
    [("ADMIN", "admin"), ("ZY_OFFICER", "zy_officer"), ("Ｊｓ_ｏｆｆｉｃｅｒ", "js_officer")],
)
def test_directory_user_never_becomes_the_local_account_of_the_same_name(ldap_app, site_of, uid, local_login):
    with site_of(ldap_app) as site:
        local = site.users.get(local_login)
        before = (local.title, local.source)
    t = TestApp(ldap_app)
    page = login(t, uid, PASSWORD, status=200)
    assert "与本地账号同名" in page.text
    t.get("/@@settings", status=302)  # still anonymous: redirected to sign in
    t.get("/zhongyuan/", status=302)
    with site_of(ldap_app) as site:
        local = site.users.get(local_login)
        assert (local.title, local.source) == before
        assert not [u for u in site.users.values() if u.source == "ldap"]
        admin_notices = [n.title for n in _inbox(site, "admin")]
    assert any("与本地账号同名" in title for title in admin_notices)


def test_conflict_is_told_to_the_administrator_once_per_name(ldap_app, site_of):
    t = TestApp(ldap_app)
    for _ in range(3):
        login(t, "ADMIN", PASSWORD, status=200)
    with site_of(ldap_app) as site:
        titles = [n.title for n in _inbox(site, "admin") if "与本地账号同名" in n.title]
    assert len(titles) == 1


def test_local_account_signs_in_whatever_the_letter_case(ldap_app):
    t = TestApp(ldap_app)
    res = login(t, "ZY_Officer")
    assert res.location == "http://localhost/"
    assert "刘洋" in res.follow().text


@pytest.mark.parametrize("uid", ["role:site_admin", "group:zhongyuan-petition", "user:admin"])
def test_uid_shaped_like_a_principal_is_refused(ldap_app, site_of, uid):
    t = TestApp(ldap_app)
    page = login(t, uid, PASSWORD, status=200)
    assert BAD in page.text
    t.get("/zhongyuan/", status=302)
    with site_of(ldap_app) as site:
        assert not [u for u in site.users.values() if u.source == "ldap"]


def test_uid_equal_to_a_pyramid_system_principal_gains_nothing(ldap_app, site_of):
    t = TestApp(ldap_app)
    login(t, "system.Authenticated", PASSWORD)
    t.get("/zhongyuan/", status=403)
    t.get("/@@settings", status=403)


def test_principals_of_a_user_are_namespaced(ldap_app, site_of):
    from portal.security.principals import user_principal

    t = TestApp(ldap_app)
    login(t, "zy_officer")
    with site_of(ldap_app) as site:
        grants = dict(site["zhongyuan"].__local_roles__.items())
    assert grants.get(user_principal("zy_officer")) == ("petition_officer",)
    assert "zy_officer" not in grants


def _inbox(site, userid):
    from portal.notifications.centre import notifications_of

    return list(notifications_of(site, userid))
