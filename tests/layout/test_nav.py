"""The left navigation: entries each concern declares with ``config.add_nav_item``, shown to
those who hold the entry's permission on the site root, in one order for everyone."""

import pytest
from pyramid.exceptions import ConfigurationConflictError, ConfigurationError

from portal import make_config
from portal.security import permissions as P
from portal.testing.web import BASE_SETTINGS

EVERYONE = (
    ("我的待办", "/"),
    ("信访事项台账", "/@@ledger"),
    ("我包案的事项", "/@@owned-cases"),
    ("报表", "/@@reports"),
    ("接访", "/@@my-receptions"),
    ("工作制度", "/@@my-duties"),
    ("排查与风险", "/@@prevention"),
    ("应急处置", "/@@emergencies"),
    ("年度考评", "/@@assessment"),
    ("责任追究", "/@@accountability"),
)
PUBLISHING = (("公开", "/@@public-pages"),)
UNITS_AND_SEARCH = (("机构与权限", "/@@units"), ("搜索", "/@@search"))
ADMINISTRATION = (
    ("系统设置", "/@@settings"),
    ("统一身份认证", "/@@directory"),
    ("身份信息查看日志", "/@@identity-audit"),
    ("流程定义", "/@@workflows"),
    ("节假日设置", "/@@holiday-calendar"),
)

# The menus as the hard-coded list in portal/layout/frame.py showed them, per demo account.
MENUS = {
    "admin": EVERYONE + PUBLISHING + UNITS_AND_SEARCH + ADMINISTRATION,
    "city_officer": EVERYONE + PUBLISHING + UNITS_AND_SEARCH,
    "city_head": EVERYONE + PUBLISHING + UNITS_AND_SEARCH,
    "city_leader": EVERYONE + UNITS_AND_SEARCH,
    "assessor": EVERYONE + UNITS_AND_SEARCH,
    "zy_officer": EVERYONE + UNITS_AND_SEARCH,
    "zy_head": EVERYONE + UNITS_AND_SEARCH,
    "zy_s01_liaison": EVERYONE + UNITS_AND_SEARCH,
    "js_s01_liaison": EVERYONE + UNITS_AND_SEARCH,
}


@pytest.mark.parametrize("login", sorted(MENUS))
def test_each_role_sees_its_menu_in_order(signed_in, login):
    res = signed_in(login).get("/")
    shown = tuple(
        (a.get_text(strip=True), a["href"].replace("http://localhost", ""))
        for a in res.html.select("nav.portal-nav a")
    )
    assert shown == MENUS[login]


def test_the_entry_of_the_page_shown_is_marked_active(signed_in):
    res = signed_in("city_officer").get("/@@search")
    active = [a.get_text(strip=True) for a in res.html.select("nav.portal-nav a.active")]
    assert active == ["搜索"]


def test_a_signed_out_visitor_gets_no_menu(testapp):
    res = testapp.get("/login")
    assert not res.html.select("nav.portal-nav a")


def _config():
    return make_config(dict(BASE_SETTINGS, **{"zodbconn.uri": "memory://"}))


def _ledger_again(config):
    config.add_nav_item("ledger", "台账", P.VIEW_HOME, order=25)


def test_two_concerns_declaring_one_entry_conflict():
    config = _config()
    config.include(_ledger_again)
    with pytest.raises(ConfigurationConflictError):
        config.commit()


@pytest.mark.parametrize(
    ("view", "title", "permission", "message"),
    [
        ("no-such-page", "无此页", P.VIEW_HOME, "no such view"),
        ("search-empty", "", P.VIEW_HOME, "title"),
        ("search-again", "搜索", "see_everything", "unknown permission"),
    ],
)
def test_a_bad_entry_stops_start_up(view, title, permission, message):
    config = _config()

    def concern(config):
        config.add_nav_item(view, title, permission, order=200)

    config.include(concern)
    with pytest.raises(ConfigurationError, match=message):
        config.commit()
