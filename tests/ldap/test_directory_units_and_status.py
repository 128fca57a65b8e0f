"""Directory entries as real directories have them: unit attributes holding Chinese text (a
DN, a path of unit names) and accounts the directory marks as disabled.

- A unit value is never used as a tree path: administrators map values to units on
  /@@directory; an unmapped value signs the user in without a unit and tells the
  administrators once per value (issue 12, item 3: every such first sign-in ended in 500).
- shadowExpire reached, pwdAccountLockedTime set and AD's userAccountControl bit 2 are refused
  by default, with the portal's clock for "today" (item 4: the default filter let them in).
"""

import textwrap
from datetime import UTC, date

import pytest
from webtest import TestApp

from portal.security.principals import group_principal
from portal.testing.clock import start_from_environment
from portal.testing.slapd import GROUP_BASE, USER_BASE
from portal.testing.web import csrf_token, login

PASSWORD = "Real-Dir-Pa55"
BAD = "用户名或密码错误"
# shadowExpire counts days since 1970-01-01; the suite's clock (fixed before any test runs)
TODAY = (start_from_environment().date() - date(1970, 1, 1)).days
DN_UNIT = "ou=中原区第一中学,ou=中原区教育局,dc=zzedu,dc=test"
PATH_UNIT = "郑州市教育局/中原区教育局/中原区第一中学"


def _entry(uid, unit, *extra, classes=()):
    lines = [
        f"dn: uid={uid},{USER_BASE}",
        "objectClass: inetOrgPerson",
        *(f"objectClass: {c}" for c in classes),
        f"uid: {uid}",
        f"cn: {uid}",
        "sn: 测",
        f"displayName: 测试{uid}",
        f"departmentNumber: {unit}",
        f"userPassword: {PASSWORD}",
        *extra,
    ]
    return "\n".join(lines) + "\n"


ENTRIES = [
    _entry("dn_user", DN_UNIT),
    _entry("path_user", PATH_UNIT),
    _entry("sneaky_user", "zhongyuan/s02"),  # shaped like a tree path: still only a value
    _entry("traversal_user", "../@@settings"),
    _entry("expired_user", "zhongyuan", f"shadowExpire: {TODAY - 1}", classes=("shadowAccount",)),
    _entry("expires_today", "zhongyuan", f"shadowExpire: {TODAY}", classes=("shadowAccount",)),
    _entry("expires_later", "zhongyuan", f"shadowExpire: {TODAY + 30}", classes=("shadowAccount",)),
    _entry("never_expires", "zhongyuan", "shadowExpire: -1", classes=("shadowAccount",)),
    _entry("locked_user", "zhongyuan", "pwdAccountLockedTime: 20260101000000Z"),
    _entry("ad_disabled", "zhongyuan", "userAccountControl: 514", classes=("portalTestAdAccount",)),
    _entry("ad_normal", "zhongyuan", "userAccountControl: 512", classes=("portalTestAdAccount",)),
]
GROUP = textwrap.dedent(f"""\
    dn: cn=real-staff,{GROUP_BASE}
    objectClass: groupOfNames
    cn: real-staff
    """) + "".join(f"member: uid={e.split(',')[0].split('=')[1]},{USER_BASE}\n" for e in ENTRIES)


@pytest.fixture(scope="module")
def real_directory(directory_from):
    return directory_from("real", "\n".join(ENTRIES) + "\n" + GROUP)


@pytest.fixture
def ldap_app(app_on, real_directory):
    return app_on(real_directory, "/zhongyuan", group_principal("real-staff"), "unit_liaison")


def _notices(site, text):
    from portal.notifications.centre import notifications_of

    return [n.title for n in notifications_of(site, "admin") if text in n.title]


@pytest.mark.parametrize(
    "uid,value",
    [
        ("dn_user", DN_UNIT),
        ("path_user", PATH_UNIT),
        ("sneaky_user", "zhongyuan/s02"),
        ("traversal_user", "../@@settings"),
    ],
)
def test_unmapped_unit_signs_in_without_a_unit_and_tells_the_administrator_once(
    ldap_app, site_of, uid, value
):
    t = TestApp(ldap_app)
    for _ in range(2):
        res = login(t, uid, PASSWORD)
        assert res.location == "http://localhost/"  # home, not a unit, and not a 500
        assert "我的待办" in res.follow().text
    with site_of(ldap_app) as site:
        assert site.users.get(uid).unit_path is None
        assert len(_notices(site, f"目录中的单位“{value.casefold()}”尚未对应")) == 1


def test_administrator_maps_a_value_and_the_user_lands_in_that_unit(ldap_app, site_of):
    user = TestApp(ldap_app)
    login(user, "dn_user", PASSWORD)
    admin = TestApp(ldap_app)
    login(admin, "admin")
    page = admin.get("/@@directory", {"login": "dn_user"})
    assert "尚未对照到本平台的机构" in page.text
    assert DN_UNIT in page.html.find(id="unmapped-values").text
    form = page.forms["map-form"]
    assert form["value"].value == DN_UNIT
    form["unit"] = "/zhongyuan/s01"
    done = form.submit(status=302).follow()
    assert "已将目录单位" in done.text and "中原区第一中学" in done.html.find(id="mappings").text
    assert done.html.find(id="unmapped-values") is None
    # the same value written with other spacing and letter case is the same value
    res = login(TestApp(ldap_app), "dn_user", PASSWORD)
    assert res.location == "http://localhost/zhongyuan/s01/"
    with site_of(ldap_app) as site:
        assert site.users.get("dn_user").unit_path == "/zhongyuan/s01"
    # removing the mapping: the next sign-in has no unit again
    page = admin.get("/@@directory")
    unmap = [
        f
        for f in page.forms.values()
        if "action" in f.fields and f["action"].value == "unmap" and f["value"].value == DN_UNIT
    ]
    assert len(unmap) == 1
    unmap[0].submit(status=302)
    assert login(TestApp(ldap_app), "dn_user", PASSWORD).location == "http://localhost/"


def test_mapping_is_normalised():
    from portal.ldap.units import normalise_value

    assert normalise_value(" OU=中原区第一中学 , ou=中原区教育局,DC=zzedu,dc=test ") == DN_UNIT
    assert normalise_value("郑州市教育局 / 中原区教育局 /中原区第一中学") == PATH_UNIT
    assert normalise_value(None) == "" and normalise_value("  ") == ""


def test_only_administrators_map_units_and_only_with_the_token(ldap_app):
    head = TestApp(ldap_app)
    login(head, "zy_head")
    head.post(
        "/@@directory",
        {"action": "map", "value": "x", "unit": "/zhongyuan", "csrf_token": csrf_token(head)},
        status=403,
    )
    admin = TestApp(ldap_app)
    login(admin, "admin")
    admin.post("/@@directory", {"action": "map", "value": "x", "unit": "/zhongyuan"}, status=400)
    bad = admin.post(
        "/@@directory",
        {"action": "map", "value": "x", "unit": "/../etc", "csrf_token": csrf_token(admin)},
        status=302,
    ).follow()
    assert "请选择本平台的机构" in bad.text


@pytest.mark.parametrize("uid", ["expired_user", "expires_today", "locked_user", "ad_disabled"])
def test_disabled_accounts_are_refused(ldap_app, site_of, uid):
    t = TestApp(ldap_app)
    assert BAD in login(t, uid, PASSWORD, status=200).text
    t.get("/zhongyuan/", status=302)
    with site_of(ldap_app) as site:
        assert site.users.get(uid) is None


@pytest.mark.parametrize("uid", ["expires_later", "never_expires", "ad_normal"])
def test_enabled_accounts_sign_in(ldap_app, uid):
    assert login(TestApp(ldap_app), uid, PASSWORD).status_int == 302


def test_directory_page_says_an_account_is_disabled(ldap_app):
    admin = TestApp(ldap_app)
    login(admin, "admin")
    page = admin.get("/@@directory", {"login": "locked_user"})
    assert "目录中已停用" in page.html.find(id="entry-disabled").text


def test_status_checks_can_be_turned_off(app_factory, real_directory):
    app = app_factory(**real_directory.settings({"ldap.refuse_disabled": "false"}))
    assert login(TestApp(app), "ad_disabled", PASSWORD).status_int == 302


def test_today_is_the_portals_clock():
    """shadowExpire is compared with the date of the clock the directory is given."""
    from datetime import datetime

    from portal.ldap.accounts import disabled_reason
    from portal.ldap.connection import Entry

    entry = Entry("uid=x", {"shadowexpire": ["20000"]})  # 2024-10-04
    assert disabled_reason(entry, datetime(2024, 10, 3, 12, tzinfo=UTC)) is None
    assert disabled_reason(entry, datetime(2024, 10, 4, 0, tzinfo=UTC)) is not None
    assert (
        disabled_reason(Entry("uid=x", {"useraccountcontrol": ["junk"]}), start_from_environment())
        is not None
    )


def test_the_demo_maps_every_unit_value_of_the_fixture_directory():
    """development.ini points at the fixture directory; the demo maps its values (it does not
    read them from portal.testing: production code never imports test support)."""
    from portal.demo.populate import DIRECTORY_UNITS
    from portal.testing.slapd import FIXTURE_USERS

    assert {u.unit for u in FIXTURE_USERS.values()} <= set(DIRECTORY_UNITS)
