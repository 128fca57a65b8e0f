"""A county's own report rolls up its schools', is reviewed by its head, then goes to the city."""

from pyramid.traversal import find_resource

from .conftest import MONTH

COUNTY_URL = f"/zhongyuan/report-{MONTH}"


def _fire(t, transition, comment="", path=COUNTY_URL, status=302):
    return t.post(
        f"{path}/@@transition",
        {"transition": transition, "comment": comment, "csrf_token": t.token},
        status=status,
    )


def _state(app, site_of, path=COUNTY_URL):
    with site_of(app) as site:
        return find_resource(site, path).workflow_state


def test_county_report_rolls_up_reviewed_then_submitted(app, site_of, user, file_monthly, add_liaison):
    add_liaison("zy_s02_liaison", "/zhongyuan/s02")
    file_monthly(user("zy_s01_liaison"), "/zhongyuan/s01", skipping=1)
    file_monthly(user("zy_s02_liaison"), "/zhongyuan/s02", risks=2, values=None)
    officer, head = user("zy_officer"), user("zy_head")
    form = officer.get(f"/zhongyuan/@@monthly-report?month={MONTH}")
    assert "【中原区第一中学】教师绩效工资0" in form.text
    assert "【中原区实验小学】校车停运1" in form.text
    # the officer compiles and submits for the county's own review
    data = form.forms["portal-form"]
    data["reporter"] = "刘洋"
    data["reporter_phone"] = "0371-66660000"
    data["unit_leader"] = "陈国庆"
    data.submit("submit", status=302)
    assert _state(app, site_of) == "under_review"
    # the officer cannot approve their own compilation (only the head reviews)
    _fire(officer, "approve", status=403)
    # the head of another county cannot; nor can the county head accept it for the city
    _fire(head, "approve")
    assert _state(app, site_of) == "submitted"
    page = _fire(head, "accept", status=302).follow()
    assert "只能由上一级信访部门审核" in page.text
    with site_of(app) as site:
        report = find_resource(site, COUNTY_URL)
        values = report.document().appstruct
        assert len(values["level_skipping"]) == 1 and len(values["risks"]) == 2
    city = user("city_officer")
    board = city.get(f"/@@reports-dashboard?month={MONTH}")
    assert "中原区教育局" in board.text and "已报送待审核" in board.text
    _fire(city, "accept")
    assert _state(app, site_of) == "accepted"


def test_county_head_sends_back_with_reason(app, site_of, user):
    officer, head = user("zy_officer"), user("zy_head")
    form = officer.get(f"/zhongyuan/@@monthly-report?month={MONTH}").forms["portal-form"]
    form["reporter"], form["reporter_phone"], form["unit_leader"] = "刘洋", "0371-66660000", "陈国庆"
    form.submit("submit", status=302)
    _fire(head, "send_back", "")
    assert _state(app, site_of) == "under_review"
    _fire(head, "send_back", "请补充学校隐患排查情况")
    assert _state(app, site_of) == "draft"
    assert "请补充学校隐患排查情况" in officer.get(f"/zhongyuan/@@monthly-report?month={MONTH}").text


def test_a_liaison_cannot_compile_the_county_report(user):
    user("zy_s01_liaison").get(f"/zhongyuan/@@monthly-report?month={MONTH}", status=403)
    # the city's officer may read the county's page but does not file for it
    page = user("city_officer").get(f"/zhongyuan/@@monthly-report?month={MONTH}")
    assert "portal-form" not in page.text


def test_county_dashboard_shows_its_own_report(user):
    officer = user("zy_officer")
    assert "本级月报：未报送" in officer.get(f"/zhongyuan/@@reports-dashboard?month={MONTH}").text
