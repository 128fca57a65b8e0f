"""DirectorySettings.from_settings: parsing, defaults and clear errors."""

import pytest

from portal.ldap import Directory, DirectoryConfigError, DirectorySettings

BASE = {
    "ldap.enabled": "true",
    "ldap.uris": "ldaps://ldap1.zzedu.test\n  ldap://ldap2.zzedu.test:3389/",
    "ldap.bind_dn": "cn=portal,ou=services,dc=zzedu,dc=test",
    "ldap.bind_password": "s3cret",
    "ldap.user_base": "ou=people,dc=zzedu,dc=test",
    "ldap.group_base": "ou=groups,dc=zzedu,dc=test",
}


def parse(**changes):
    values = dict(BASE)
    for key, value in changes.items():
        key = "ldap." + key.replace("__", ".")
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return DirectorySettings.from_settings(values)


def problems(**changes):
    with pytest.raises(DirectoryConfigError) as info:
        parse(**changes)
    return "\n".join(info.value.problems)


def test_defaults_and_uri_list():
    s = parse()
    assert s.enabled
    assert s.uris == ("ldaps://ldap1.zzedu.test", "ldap://ldap2.zzedu.test:3389/")
    assert (s.connect_timeout, s.receive_timeout) == (3.0, 5)
    assert (s.max_concurrent, s.breaker_threshold, s.breaker_cooldown, s.refuse_disabled) == (
        4,
        2,
        30.0,
        True,
    )
    assert (s.attr_login, s.attr_display_name, s.attr_email, s.attr_phone, s.attr_unit) == (
        "uid",
        "displayName",
        "mail",
        "telephoneNumber",
        "departmentNumber",
    )
    assert s.group_mode == "member" and not s.nested_groups and not s.start_tls
    assert s.user_filter == "(&(objectClass=inetOrgPerson)(uid={login}))"


def test_typed_values():
    s = parse(
        start_tls="yes",
        connect_timeout="1.5",
        receive_timeout="3",
        group_mode="memberof",
        nested_groups="on",
        nested_groups_max_depth="4",
        attr__unit="ou",
        attr__login="sAMAccountName",
    )
    assert s.start_tls and s.nested_groups
    assert (s.connect_timeout, s.receive_timeout, s.nested_groups_max_depth) == (1.5, 3, 4)
    assert s.attr_unit == "ou"
    assert s.user_filter == "(&(objectClass=inetOrgPerson)(sAMAccountName={login}))"


def test_disabled_needs_nothing_else():
    s = DirectorySettings.from_settings({"ldap.enabled": "false", "other.key": "x"})
    assert not s.enabled
    assert DirectorySettings.from_settings({}).enabled is False
    directory = Directory({"ldap.enabled": "false"})
    assert directory.authenticate("zhangwei", "x") is None
    assert directory.lookup("zhangwei") is None
    report = directory.test_connection()
    assert not report.ok and "未启用" in report.message


def test_password_file(tmp_path):
    secret = tmp_path / "bind.secret"
    secret.write_text("from-file-secret\n")
    assert parse(bind_password=None, bind_password_file=str(secret)).bind_password == "from-file-secret"
    assert "cannot be read" in problems(bind_password=None, bind_password_file=str(tmp_path / "missing"))
    (tmp_path / "empty").write_text("\n")
    assert "is empty" in problems(bind_password=None, bind_password_file=str(tmp_path / "empty"))
    assert "only one of" in problems(bind_password_file=str(secret))
    assert "anonymous bind" in problems(bind_password=None)


def test_password_is_not_in_repr():
    assert "s3cret" not in repr(parse())


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"uris": ""}, "ldap.uris is required"),
        ({"uris": "http://ldap.zzedu.test"}, "must look like ldap://host"),
        ({"uris": "ldap://ldap.zzedu.test/dc=zzedu,dc=test"}, "must not carry a DN"),
        ({"uris": "ldap://a ldap://a"}, "same URI twice"),
        ({"uris": "ldap://a:99999"}, "not a valid URI"),
        ({"enabled": "maybe"}, "ldap.enabled must be true or false"),
        ({"start_tls": "si"}, "ldap.start_tls must be true or false"),
        ({"bind_dn": None}, "ldap.bind_dn is required"),
        ({"bind_dn": "not a dn"}, "ldap.bind_dn is not a valid DN"),
        ({"user_base": None}, "ldap.user_base is required"),
        ({"connect_timeout": "soon"}, "ldap.connect_timeout must be a number of seconds"),
        ({"connect_timeout": "0"}, "ldap.connect_timeout must be between"),
        ({"receive_timeout": "0.5"}, "ldap.receive_timeout must be a whole number of seconds"),
        ({"user_filter": "(uid=x)"}, "must contain {login}"),
        ({"user_filter": "(&(uid={login})"}, "not a valid LDAP filter"),
        ({"attr__unit": "dept number"}, "ldap.attr.unit is not an attribute name"),
        ({"group_mode": "nested"}, "ldap.group_mode must be one of member, memberof, ad_chain"),
        ({"group_base": None}, "ldap.group_base is required"),
        ({"ca_file": "/nonexistent/ca.pem"}, "ldap.ca_file '/nonexistent/ca.pem' does not exist"),
        ({"start_tsl": "true"}, "unknown setting 'ldap.start_tsl'"),
        ({"nested_groups_max_depth": "-1"}, "nested_groups_max_depth must be between"),
    ],
)
def test_errors(changes, expected):
    assert expected in problems(**changes)


def test_all_problems_reported_at_once():
    text = problems(uris="", bind_dn=None, receive_timeout="x")
    assert "ldap.uris" in text and "ldap.bind_dn" in text and "ldap.receive_timeout" in text


def test_memberof_mode_needs_no_group_base():
    assert parse(group_mode="memberof", group_base=None).group_base is None


def test_directory_accepts_raw_settings_and_rejects_bad_ones():
    assert Directory(dict(BASE)).settings.uris[0] == "ldaps://ldap1.zzedu.test"
    with pytest.raises(DirectoryConfigError):
        Directory({**BASE, "ldap.uris": ""})
