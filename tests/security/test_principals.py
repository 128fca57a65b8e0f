"""Principals: user ids, groups and roles live in separate namespaces no input can cross."""

import pytest

from portal.identity.logins import InvalidLogin, normalise_login
from portal.security.principals import group_principal, role_principal, user_principal, userid_of


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("ZY_Officer", "zy_officer"),
        ("  admin ", "admin"),
        ("Ｚｙ_ｏｆｆｉｃｅｒ", "zy_officer"),
        ("ad\u200bmin", "admin"),
        ("王芳", "王芳"),
        ("*)(|(uid=*", "*)(|(uid=*"),
    ],
)
def test_logins_compare_in_one_normalised_form(raw, expected):
    assert normalise_login(raw) == expected


@pytest.mark.parametrize(
    "raw", ["role:site_admin", "group:x", "user:admin", "a：b", "", " ", "line\nbreak", "x" * 300]
)
def test_logins_that_could_cross_a_namespace_are_refused(raw):
    with pytest.raises(InvalidLogin):
        normalise_login(raw)


def test_each_kind_has_its_own_prefix():
    assert user_principal("admin") == "user:admin"
    assert group_principal("zhongyuan-petition") == "group:zhongyuan-petition"
    assert role_principal("site_admin") == "role:site_admin"
    assert userid_of("user:admin") == "admin"
    assert userid_of("group:admin") is None and userid_of("role:site_admin") is None
    assert userid_of("admin") is None
    with pytest.raises(ValueError):
        user_principal("role:site_admin")


def test_policy_principals_carry_the_prefix(app, site_of):
    from portal.security.policy import PortalSecurityPolicy

    class Request:
        pass

    with site_of(app) as site:
        user = site.users.get("zy_officer")
        policy = PortalSecurityPolicy(lambda request: user)
        principals = policy.user_principals(Request())
    assert "user:zy_officer" in principals and "zy_officer" not in principals
