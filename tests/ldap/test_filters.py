"""Filter building: escaping of every value, and the AD in-chain filter."""

from portal.ldap import ad_chain_groups_filter, member_groups_filter, user_filter

TEMPLATE = "(&(objectClass=inetOrgPerson)(uid={login})(!(employeeType=disabled)))"


def test_user_filter_escapes_metacharacters():
    assert (
        user_filter(TEMPLATE, "*)(|(uid=*")
        == r"(&(objectClass=inetOrgPerson)(uid=\2a\29\28|\28uid=\2a)(!(employeeType=disabled)))"
    )
    assert user_filter("(uid={login})", "a\\b\x00") == r"(uid=a\5cb\00)"
    assert user_filter("(uid={login})", "张伟") == "(uid=张伟)"
    assert user_filter("(|(uid={login})(mail={login}))", "*") == r"(|(uid=\2a)(mail=\2a))"


def test_ad_chain_filter():
    assert ad_chain_groups_filter("CN=Zhang Wei,OU=Staff,DC=zzedu,DC=test") == (
        "(&(objectClass=group)(member:1.2.840.113556.1.4.1941:=CN=Zhang Wei,OU=Staff,DC=zzedu,DC=test))"
    )


def test_ad_chain_filter_escapes_the_dn():
    assert ad_chain_groups_filter(r"CN=a*\2C(b),DC=x") == (
        r"(&(objectClass=group)(member:1.2.840.113556.1.4.1941:=CN=a\2a\5c2C\28b\29,DC=x))"
    )


def test_member_groups_filter():
    assert member_groups_filter(["uid=a,dc=x"]) == (
        "(|(&(objectClass=groupOfNames)(member=uid=a,dc=x))"
        "(&(objectClass=groupOfUniqueNames)(uniqueMember=uid=a,dc=x)))"
    )
    both = member_groups_filter(["uid=b*,dc=x", "uid=a,dc=x"])
    assert "(|(member=uid=a,dc=x)(member=uid=b\\2a,dc=x))" in both
