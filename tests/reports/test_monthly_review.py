"""Reviewing monthly reports: return with a reason, correct and resubmit, accept -- and who
may not (the liaison on their own report, another county, the city on a county's school)."""

from pyramid.traversal import find_resource

from .conftest import MONTH

URL = f"/zhongyuan/s01/report-{MONTH}"


def _state(site_of, app, path=URL):
    with site_of(app) as site:
        return find_resource(site, path).workflow_state


def _fire(t, transition, comment="", path=URL, status=302):
    return t.post(
        f"{path}/@@transition",
        {"transition": transition, "comment": comment, "csrf_token": t.token},
        status=status,
    )


def test_county_returns_with_reason_school_corrects_and_county_accepts(
    app, site_of, user, file_monthly, inbox
):
    liaison, officer = user("zy_s01_liaison"), user("zy_officer")
    file_monthly(liaison, "/zhongyuan/s01")
    page = officer.get(URL + "/")
    assert "退回修改" in page.text and "采纳" in page.text
    # a return needs a reason
    _fire(officer, "return", "").follow()
    assert _state(site_of, app) == "submitted"
    _fire(officer, "return", "越级上访人数与登记不符，请核实")
    assert _state(site_of, app) == "returned"
    assert any("被退回修改" in title for title in inbox("zy_s01_liaison"))
    form = liaison.get(f"/zhongyuan/s01/@@monthly-report?month={MONTH}")
    assert "越级上访人数与登记不符，请核实" in form.text
    file_monthly(liaison, "/zhongyuan/s01", skipping=1)
    assert _state(site_of, app) == "submitted"
    _fire(officer, "accept")
    assert _state(site_of, app) == "accepted"
    history = officer.get(URL + "/").text
    assert history.count("退回修改") >= 1 and "已采纳" in history


def test_a_liaison_cannot_review_their_own_report(app, site_of, user, file_monthly):
    liaison = user("zy_s01_liaison")
    file_monthly(liaison, "/zhongyuan/s01")
    _fire(liaison, "accept", status=403)
    _fire(liaison, "return", "x", status=403)
    assert "审核意见" not in liaison.get(URL + "/").text
    assert _state(site_of, app) == "submitted"


def test_another_county_cannot_see_or_review(app, site_of, user, file_monthly):
    file_monthly(user("zy_s01_liaison"), "/zhongyuan/s01")
    other = user("js_officer")
    other.get(URL + "/", status=403)
    _fire(other, "accept", status=403)
    other.get("/zhongyuan/@@reports-dashboard", status=403)
    other.get("/zhongyuan/@@reports-export", status=403)
    assert _state(site_of, app) == "submitted"


def test_the_city_does_not_review_a_county_school(app, site_of, user, file_monthly):
    file_monthly(user("zy_s01_liaison"), "/zhongyuan/s01")
    city = user("city_officer")
    assert "审核意见" not in city.get(URL + "/").text  # it may read it, not review it
    page = _fire(city, "accept").follow()
    assert "只能由上一级信访部门审核" in page.text
    assert _state(site_of, app) == "submitted"


def test_accepted_reports_are_final(app, site_of, user, file_monthly):
    liaison = user("zy_s01_liaison")
    file_monthly(liaison, "/zhongyuan/s01")
    _fire(user("zy_officer"), "accept")
    res = file_monthly(liaison, "/zhongyuan/s01", skipping=3).follow()
    assert "未作改动" in res.text
    with site_of(app) as site:
        report = find_resource(site, URL)
        assert report.workflow_state == "accepted"
        assert report.document().appstruct["level_skipping"] == []
