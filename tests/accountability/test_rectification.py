"""Rectification notices to lower units and proposals to lower bureaus, kept apart by level;
their deadline swept at a fixed clock and escalated once to the unit above and the issuing
petition office; closed by the unit's rectification report."""

import datetime

from pyramid.traversal import find_resource

from .conftest import DUE, YEAR, at


def _at(day, hour=10):
    return at(day, hour)


def _escalated(titles):
    """The 下级逾期 notices about rectifications (missing monthly reports climb too)."""
    return [t for t in titles if t.startswith("下级逾期") and "整改" in t]


def _fire(t, path, transition, comment=""):
    return t.post(
        f"{path}@@transition",
        {"csrf_token": t.token, "transition": transition, "comment": comment},
        status=302,
    )


def _state(app, site_of, path):
    with site_of(app) as site:
        return find_resource(site, path).workflow_state


def test_notices_and_proposals_are_kept_apart_by_level(signed_in, issue_to):
    county, city = signed_in("zy_officer"), signed_in("city_officer")
    assert "向中原区第一中学下发整改通知书" in county.get("/zhongyuan/s01/@@issue-rectification").text
    assert "向中原区教育局下发整改建议书" in city.get("/zhongyuan/@@issue-rectification").text
    assert "向郑州市第一中学下发整改通知书" in city.get("/zz1z/@@issue-rectification").text
    issue_to(city, "/zhongyuan/s01", status=403)  # a county's school: the county issues
    issue_to(county, "/zhongyuan", status=403)  # nobody issues to their own unit
    issue_to(signed_in("js_officer"), "/zhongyuan/s01", status=403)
    issue_to(signed_in("zy_s01_liaison"), "/zhongyuan/s02", status=403)
    issue_to(signed_in("city_leader"), "/zhongyuan", status=403)
    notice = issue_to(county, "/zhongyuan/s01")
    proposal = issue_to(city, "/zhongyuan", token="f1f1f1f1f1f1f1f1")
    register = city.get("/@@rectifications")
    notices, proposals = register.html.select(".card")[:2]
    assert "中原区第一中学" in notices.text and "中原区第一中学" not in proposals.text
    assert "中原区教育局" in proposals.text
    assert notice.startswith("/zhongyuan/s01/rectification-")
    assert proposal.startswith("/zhongyuan/rectification-")
    menu = county.get("/zhongyuan/@@rectifications").html.select("#issue-targets a")
    assert [a.text for a in menu][:2] == ["中原区第一中学（整改通知书）", "中原区实验小学（整改通知书）"]


def test_the_notice_is_numbered_by_the_issuing_office(app, site_of, signed_in, issue_to):
    path = issue_to(signed_in("zy_officer"), "/zhongyuan/s01")
    with site_of(app) as site:
        doc = find_resource(site, path).document()
        assert doc.appstruct["document_ref"] == f"中原教信〔{YEAR}〕1号"  # pre-filled
    head = signed_in("zy_head")
    head.post(f"{path}doc-0001/@@sign-off", {"csrf_token": head.token, "confirm": "1"}, status=302)
    with site_of(app) as site:
        assert find_resource(site, path).document().number == f"中原教信〔{YEAR}〕1号"
    printed = signed_in("zy_s01_liaison").get(f"{path}doc-0001/@@print").text
    assert "中原区教育局" in printed  # issued by the county, not by the school it is kept on


def test_overdue_escalates_once_then_the_report_closes_it(
    app, site_of, signed_in, issue_to, swept, notices, clock
):
    county, school = signed_in("zy_officer"), signed_in("zy_s01_liaison")
    path = issue_to(county, "/zhongyuan/s01")
    told = f"中原区教育局向中原区第一中学下发整改通知书，整改期限至{DUE.isoformat()}"
    assert notices("zy_s01_liaison") == [told]
    swept(_at(DUE))  # due today: the school is warned, nobody above yet
    assert not _escalated(notices("zy_officer"))
    swept(_at(DUE + datetime.timedelta(days=1)))
    escalated = (
        f"下级逾期：中原区第一中学 《整改通知书》（中原教信〔{YEAR}〕1号）整改已逾期1天"
        f"（{DUE.isoformat()}到期）"
    )
    for userid in ("zy_officer", "zy_head"):  # the issuing petition office, the bureau above
        assert _escalated(notices(userid)) == [escalated], userid
    for userid in ("city_officer", "js_officer", "zy_s01_liaison"):
        assert not _escalated(notices(userid)), userid
    swept(_at(DUE + datetime.timedelta(days=2)))
    assert len(_escalated(notices("zy_officer"))) == 1  # once per level
    # a further period overdue: one level further up, the city
    swept(_at(DUE + datetime.timedelta(days=31)))
    assert _escalated(notices("city_officer")) == [
        f"下级逾期：中原区第一中学 《整改通知书》（中原教信〔{YEAR}〕1号）整改已逾期31天"
        f"（{DUE.isoformat()}到期）"
    ]

    # the school reports (late); the county returns it, accepts the second report
    clock.set(_at(DUE + datetime.timedelta(days=2)))
    form = school.get(f"{path}@@rectification-report").forms["portal-form"]
    assert form["reporting_unit"].value == "中原区第一中学"
    assert form["notice_ref"].value == f"中原教信〔{YEAR}〕1号"
    for name, value in (
        ("measures", "明确月报表报送责任人"),
        ("results", "11月份月报表已按时报送"),
        ("responsible_person", "黄静"),
        ("unit_leader", "周校长"),
    ):
        form[name] = value
    form.submit("save", status=302)
    _fire(signed_in("city_officer"), path, "report")  # not the school's own people
    assert _state(app, site_of, path) == "issued"
    _fire(school, path, "report")
    assert _state(app, site_of, path) == "reported"
    assert "中原区第一中学报送整改通知书整改情况（逾期报送）" in notices("zy_officer")
    with site_of(app) as site:
        assert find_resource(site, path).deadlines["rectification"].met_late is True
    _fire(signed_in("city_officer"), path, "accept")  # not the issuing office
    assert _state(app, site_of, path) == "reported"
    _fire(county, path, "return", "未附报送责任制文件")
    assert _state(app, site_of, path) == "issued"
    swept(_at(DUE + datetime.timedelta(days=33)))  # the same due date: told already
    assert len(_escalated(notices("zy_officer"))) == 1
    _fire(school, path, "report")
    _fire(county, path, "accept")
    assert _state(app, site_of, path) == "closed"
