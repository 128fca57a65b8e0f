"""A unit's page lists what each concern offers there, and only what the user may open.

Each concern declares its links with ``config.add_unit_action``; the orgtree knows none of them.
A link is shown when the view's permission and the concern's own rule both hold, so no button
on a unit's page answers 403 (issue 17, item 5: 零报告 and 月报汇总 did for several roles).
"""

import pytest
from pyramid.exceptions import ConfigurationError, ConfigurationExecutionError

from portal import make_config
from portal.testing.web import BASE_SETTINGS

REPORTS = "报表"


def offered(res):
    """``{title: href}`` of the unit page's action buttons and menu entries."""
    links = res.html.select("a.btn-outline-primary, a.dropdown-item")
    return {a.get_text(strip=True): a["href"] for a in links}


def menu_titles(res):
    return [b.get_text(strip=True) for b in res.html.select("button.dropdown-toggle")]


def test_a_school_liaison_files_the_school_reports(signed_in):
    res = signed_in("zy_s01_liaison").get("/zhongyuan/s01/")
    links = offered(res)
    assert links["零报告"].endswith("/zhongyuan/s01/@@zero-report")
    assert links["月报表"].endswith("/zhongyuan/s01/@@monthly-report")
    assert links["信访事项台账"].endswith("/zhongyuan/s01/@@cases")
    assert "月报汇总" not in links  # a school is no board
    assert "接待日安排" not in links  # managing units is the bureau's
    assert REPORTS in menu_titles(res)


def test_a_county_officer_reviews_at_the_county_but_files_nothing_at_a_school(signed_in):
    officer = signed_in("zy_officer")
    county = offered(officer.get("/zhongyuan/"))
    assert county["月报汇总"].endswith("/zhongyuan/@@reports-dashboard")
    assert county["零报告"].endswith("/zhongyuan/@@zero-report")  # the bureau's own filer
    school = offered(officer.get("/zhongyuan/s01/"))
    assert "零报告" not in school and "月报汇总" not in school
    assert "月报表" in school  # reads the school's report


def test_a_department_does_not_report_monthly(signed_in):
    links = offered(signed_in("city_officer").get("/jichu/"))
    assert "月报表" not in links and "零报告" not in links
    assert "信访事项台账" in links


def test_the_head_manages_reception_days(signed_in):
    assert "接待日安排" in offered(signed_in("zy_head").get("/zhongyuan/"))


def test_actions_keep_their_declared_order(signed_in):
    res = signed_in("zy_officer").get("/zhongyuan/")
    assert menu_titles(res) == ["报表", "预防与问责"]
    items = [a.get_text(strip=True) for a in res.html.select("a.dropdown-item")]
    assert items[:3] == ["月报表", "月报汇总", "零报告"]
    buttons = [a.get_text(strip=True) for a in res.html.select("a.btn-outline-primary")]
    assert buttons.index("信访事项台账") < buttons.index("文书")


@pytest.mark.parametrize(
    "login, path",
    [
        ("zy_s01_liaison", "/zhongyuan/s01/"),
        ("zy_officer", "/zhongyuan/"),
        ("zy_officer", "/zhongyuan/s01/"),
        ("zy_head", "/zhongyuan/"),
        ("city_officer", "/"),
        ("city_officer", "/jichu/"),
        ("jichu_handler", "/jichu/"),
        ("city_leader", "/"),
        ("assessor", "/"),
    ],
)
def test_no_offered_link_is_forbidden(signed_in, login, path):
    user = signed_in(login)
    page = path + "@@unit" if path == "/" else path
    for title, href in offered(user.get(page)).items():
        res = user.get(href, status="*")
        assert res.status_int in (200, 302), (login, title, href, res.status)


def _config_with(*actions):
    config = make_config(dict(BASE_SETTINGS, **{"zodbconn.uri": "memory://"}))
    for args in actions:
        config.add_unit_action(*args)
    return config


def test_a_link_to_a_view_no_concern_registers_stops_start_up():
    config = _config_with(("no-such-page", "不存在的页面"))
    with pytest.raises(ConfigurationExecutionError, match="no-such-page"):
        config.commit()


def test_two_concerns_declaring_one_view_stop_start_up():
    def one(config):
        config.add_unit_action("documents", "文书")

    def other(config):
        config.add_unit_action("documents", "又一个文书")

    config = _config_with()
    config.include(one)
    config.include(other)
    with pytest.raises(ConfigurationError, match="documents"):
        config.commit()


def test_a_title_is_required_and_the_rule_must_be_callable():
    with pytest.raises(ConfigurationError, match="title"):
        _config_with(("cases", ""))
    with pytest.raises(ConfigurationError, match="callable"):
        _config_with(("cases", "台账", "", 42))
