"""Sign-in and lookup against the real fixture directory (member and memberof modes)."""

import pytest

from portal.ldap import Directory, DirectoryUnavailable
from portal.testing.slapd import FIXTURE_USERS, GROUP_BASE, META_LOGIN

ENABLED = [u for u in FIXTURE_USERS.values() if u.enabled]


def expected_groups(user, mode, nested=True):
    groups = set(user.direct_groups)
    if nested:
        groups |= set(user.nested_groups)
    if mode == "member":
        groups |= set(user.unique_member_groups)
    return tuple(sorted(groups))


@pytest.fixture(params=["member", "memberof"])
def mode(request):
    return request.param


@pytest.fixture
def directory(settings, mode):
    return Directory(settings({"ldap.group_mode": mode}))


@pytest.mark.parametrize("login", [u.login for u in ENABLED])
def test_sign_in_returns_the_person(directory, mode, login):
    fixture = FIXTURE_USERS[login]
    user = directory.authenticate(login, fixture.password)
    assert user is not None
    assert user.login == login
    assert user.dn == fixture.dn or user.dn.replace("\\3D", "\\=") == fixture.dn
    assert user.display_name == fixture.display_name
    assert user.unit == fixture.unit
    assert user.email == fixture.email
    assert user.phone == fixture.phone
    assert user.groups == expected_groups(fixture, mode)
    assert len(user.group_dns) == len(user.groups)
    assert all(dn.endswith("," + GROUP_BASE) for dn in user.group_dns)


def test_zhangwei_in_detail(directory, mode):
    user = directory.authenticate("zhangwei", "Zhangwei-Pa55")
    assert user.display_name == "张伟"
    assert user.unit == "xinfangchu"
    assert "city-petition-office" in user.groups  # direct
    assert "education-staff" in user.groups  # nested, one level up
    assert ("reception-leaders" in user.groups) == (mode == "member")  # groupOfUniqueNames
    assert user.group_dns == tuple(sorted(user.group_dns))


def test_nested_two_levels_and_cycle(directory):
    wang = directory.authenticate("wangfang", "Wangfang-Pa55")
    assert wang.groups == ("education-staff", "school-liaisons", "zhongyuan-school-liaisons")
    liu = directory.authenticate("liuyang", "Liuyang-Pa55")
    assert liu.groups == ("cycle-a", "cycle-b", "jinshui-petition")


def test_without_nesting_only_direct_groups(settings, mode):
    directory = Directory(settings({"ldap.group_mode": mode, "ldap.nested_groups": "false"}))
    for fixture in ENABLED:
        user = directory.authenticate(fixture.login, fixture.password)
        assert user.groups == expected_groups(fixture, mode, nested=False)


def test_nesting_depth_limit(settings, mode):
    directory = Directory(settings({"ldap.group_mode": mode, "ldap.nested_groups_max_depth": "1"}))
    wang = directory.lookup("wangfang")
    # direct + one level: school-liaisons, but not education-staff (two levels up)
    assert wang.groups == ("school-liaisons", "zhongyuan-school-liaisons")


def test_group_mode_none(settings):
    user = Directory(settings({"ldap.group_mode": "none"})).authenticate("lina", "李娜的密码-2026")
    assert user.display_name == "李娜" and user.groups == () and user.group_dns == ()


def test_memberof_mode_reports_only_groups_under_group_base(settings):
    directory = Directory(
        settings({"ldap.group_mode": "memberof", "ldap.group_base": "ou=people,dc=zzedu,dc=test"})
    )
    assert directory.lookup("zhangwei").groups == ()


def test_display_name_falls_back_to_cn(directory):
    user = directory.authenticate("zhouqiang", "Zhouqiang-Pa55")
    assert user.display_name == "周强" and user.email is None and user.phone is None


def test_login_is_matched_case_insensitively_and_returned_as_stored(directory):
    user = directory.authenticate(" ZhangWei ", "Zhangwei-Pa55")
    assert user is not None and user.login == "zhangwei"


def test_non_ascii_password(directory):
    assert directory.authenticate("lina", "李娜的密码-2026").login == "lina"
    assert directory.authenticate("lina", "李娜的密码-2025") is None


def test_wrong_password_and_unknown_user_are_both_none(directory):
    assert directory.authenticate("zhangwei", "wrong") is None
    assert directory.authenticate("zhangwei", "zhangwei-pa55") is None  # passwords are case-sensitive
    assert directory.authenticate("nobody", "Zhangwei-Pa55") is None
    assert directory.authenticate("", "Zhangwei-Pa55") is None
    assert directory.authenticate("x" * 1000, "Zhangwei-Pa55") is None


def test_another_users_password_does_not_work(directory):
    assert directory.authenticate("lina", "Zhangwei-Pa55") is None


def test_disabled_user_is_not_found(directory):
    zhao = FIXTURE_USERS["zhaolei"]
    assert not zhao.enabled
    assert directory.authenticate("zhaolei", zhao.password) is None
    assert directory.lookup("zhaolei") is None


def test_disabled_user_exists_without_the_filter(settings):
    """Proves the fixture: the same password works when the filter does not exclude him."""
    directory = Directory(settings({"ldap.user_filter": "(&(objectClass=inetOrgPerson)(uid={login}))"}))
    assert directory.authenticate("zhaolei", "Zhaolei-Pa55").display_name == "赵磊"


@pytest.mark.parametrize("password", ["", None])
def test_empty_password_never_reaches_a_server(silent, settings, password):
    """An empty password would be an unauthenticated bind; the client must not even connect."""
    directory = Directory(settings({"ldap.uris": silent.uri, "ldap.receive_timeout": "5"}))
    assert directory.authenticate("zhangwei", password) is None
    assert silent.take_connections() == 0


def test_empty_password_on_the_real_server(directory):
    assert directory.authenticate("zhangwei", "") is None
    assert directory.authenticate(FIXTURE_USERS["zhangwei"].dn, "") is None


@pytest.mark.parametrize(
    "login", ["*", "*)(|(uid=*", "zhangwei)(uid=*", "zhang*", "*)(uid=*))(|(uid=*", "zhangwei\x00", "\\2a"]
)
def test_filter_injection_does_not_sign_in_as_someone_else(directory, login):
    for fixture in FIXTURE_USERS.values():
        user = directory.authenticate(login, fixture.password)
        if user is not None:  # only the metacharacter user, with exactly their own password
            assert login == META_LOGIN and fixture.login == META_LOGIN
            assert user.login == META_LOGIN


def test_wildcard_lookup_finds_nobody(directory):
    assert directory.lookup("*") is None
    assert directory.lookup("zhang*") is None


def test_metacharacter_user_signs_in_with_own_password_only(directory, mode):
    meta = FIXTURE_USERS[META_LOGIN]
    user = directory.authenticate(META_LOGIN, meta.password)
    assert user.login == META_LOGIN and user.display_name == "孙明"
    assert user.groups == expected_groups(meta, mode)  # member mode searched with its escaped DN
    for other in FIXTURE_USERS.values():
        if other.login != META_LOGIN:
            assert directory.authenticate(META_LOGIN, other.password) is None


def test_lookup_returns_groups_and_no_password(directory, mode):
    user = directory.lookup("chenjing")
    assert user.display_name == "陈静" and user.unit == "jinshui/s01"
    assert user.groups == expected_groups(FIXTURE_USERS["chenjing"], mode)
    assert "Pa55" not in repr(user)
    assert directory.lookup("nobody") is None


def test_user_base_missing_is_unavailable(settings):
    directory = Directory(settings({"ldap.user_base": "ou=nowhere,dc=zzedu,dc=test"}))
    with pytest.raises(DirectoryUnavailable) as info:
        directory.authenticate("zhangwei", "Zhangwei-Pa55")
    assert info.value.failures[0].kind == "search_base"


def test_wrong_service_password_is_unavailable_not_none(settings):
    directory = Directory(settings({"ldap.bind_password": "not-the-password"}))
    with pytest.raises(DirectoryUnavailable) as info:
        directory.authenticate("zhangwei", "Zhangwei-Pa55")
    assert info.value.failures[0].kind == "service_bind"
    assert "not-the-password" not in str(info.value)
