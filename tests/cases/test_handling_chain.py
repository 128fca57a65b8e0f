"""A case travels the tree: city -> county -> school and back, each level seeing and doing what
its relation to the case gives it (issue 11). Written from the symptoms seen on the demo."""

from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from portal.security.principals import user_principal as U

from .conftest import DUE


def number_of(flow, path):
    with flow.site_of(flow.app) as site:
        return find_resource(site, path).number


def test_a_county_given_a_case_finds_it_in_todo_ledger_and_bell(flow):
    path = flow.instructed()
    number = number_of(flow, path)
    assert "已交办给“中原区教育局”" in flow.assign("city_officer", path, "/zhongyuan").follow().text
    home = flow.home("zy_officer")
    assert number in home and "待办理" in home
    assert "共 1 件" in flow.ledger("zy_officer", "/zhongyuan")
    assert any(number in t and "待办理" in t for t in flow.notices("zy_officer"))
    assert flow.user("zy_officer").get(path).status_int == 200
    # the city still sees it, as supervising; the other county does not
    assert "下级办理中（中原区教育局）" in flow.ledger("city_officer")
    flow.user("js_officer").get(path, status=403)
    assert number not in flow.home("js_officer")


def test_the_county_hands_on_to_a_school_and_keeps_supervising(flow):
    path = flow.instructed()
    number = number_of(flow, path)
    flow.assign("city_officer", path, "/zhongyuan")
    page = flow.assign("zy_officer", path, "/zhongyuan/s01", "/zhongyuan/jichu").follow()
    assert "已转办给“中原区第一中学”" in page.text  # not a 403 under a success message
    chain = page.html.select_one("#handling-chain").text
    assert chain.index("郑州市教育局") < chain.index("中原区教育局") < chain.index("中原区第一中学")
    assert "下级办理中（中原区第一中学）" in flow.ledger("zy_officer", "/zhongyuan")
    assert number not in flow.home("zy_officer")  # nothing for the county to do now
    assert number in flow.home("zy_s01_liaison")
    assert any(number in t for t in flow.notices("zy_s01_liaison"))
    # the city can still take it back and reassign: its picker offers the whole city
    form = flow.user("city_officer").get(path + "@@assign").forms["portal-form"]
    targets = [v for v, _s, _t in form["target"].options]
    assert "/zhongyuan/s01" in targets and "/jinshui/s01" in targets and len(targets) > 100
    # one field for the responsible unit, not two with the same label
    labels = [label.text.replace("*（必填）", "").strip() for label in form.html.select("label")]
    assert labels.count("承办单位") == 1
    # the county's own picker is limited to its subtree
    county = flow.user("zy_officer").get(path + "@@assign").forms["portal-form"]
    assert {v for v, _s, _t in county["target"].options} <= {
        p for p in targets if p.startswith("/zhongyuan/")
    }


def test_a_colleague_granted_after_the_assignment_sees_the_case_and_loses_it_on_revoke(flow, app, site_of):
    from portal.identity.users import User
    from portal.security.localroles import grant, revoke

    path = flow.instructed()
    number = number_of(flow, path)
    flow.assign("city_officer", path, "/s01" if False else "/zhongyuan/s01")
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            user = site.users.add(User("zy_s01_new", "新同事"))
            user.set_password("Demo-2026-xinfang")
            grant(site["zhongyuan"]["s01"], U("zy_s01_new"), "unit_liaison", app.registry)
    finally:
        manager.pop()
    assert number in flow.home("zy_s01_new")
    assert flow.user("zy_s01_new").get(path).status_int == 200
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            revoke(site["zhongyuan"]["s01"], U("zy_s01_new"), "unit_liaison", app.registry)
    finally:
        manager.pop()
    assert number not in flow.home("zy_s01_new")
    flow.user("zy_s01_new").get(path, status=403)


def test_reports_entry_for_a_school_liaison_after_an_assignment(flow):
    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan/s01")
    res = flow.user("zy_s01_liaison").get("/@@reports")
    assert res.status_int == 302 and "/zhongyuan/s01/" in res.location


def test_instruction_cannot_be_skipped(flow):
    path = flow.register()
    flow.docs(path, "acceptance_notice")
    flow.must("city_officer", path, "accept")
    flow.user("city_officer").get(path + "@@assign", status=403)
    assert "待阅批" in flow.home("city_leader")
    assert "待交办" not in flow.home("city_officer")


def test_the_department_review_cannot_be_skipped(flow):
    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan")
    flow.assign("zy_officer", path, "/zhongyuan/s01", "/zhongyuan/jichu")
    flow.must("zy_s01_liaison", path, "start_handling")
    flow.docs(path, "investigation_report", "handling_opinion", "closing_report", actor="zy_s01_liaison")
    flow.must("zy_s01_liaison", path, "submit_opinion")
    number = number_of(flow, path)
    assert number in flow.home("zy_jichu_handler") and "待审核" in flow.home("zy_jichu_handler")
    assert any(number in t for t in flow.notices("zy_jichu_handler"))
    for who in ("zy_officer", "city_officer", "jichu_handler", "zy_s01_liaison"):
        flow.refused(who, path, "conclude")  # not before the department review
        flow.refused(who, path, "approve_opinion")  # only the reviewing department
    flow.must("zy_jichu_handler", path, "approve_opinion")
    flow.refused("city_officer", path, "conclude")  # the county assigned it: the county
    flow.refused("zy_s01_liaison", path, "conclude")
    assert number in flow.home("zy_officer") and "待办结" in flow.home("zy_officer")
    flow.must("zy_officer", path, "conclude")
    assert number in flow.home("city_officer") and "待答复" in flow.home("city_officer")


def test_an_urgent_case_keeps_its_same_day_deadline_open_until_concluded(flow):
    path = flow.instructed(urgent=True)

    def deadlines(case):
        return {name: d.is_open for name, d in case.deadlines.items()}

    assert flow.case(path, deadlines) == {"urgent_case": True, "acceptance_notice": False}
    flow.assign("city_officer", path, "/zhongyuan/s01", "/jichu")
    flow.must("zy_s01_liaison", path, "start_handling")
    flow.docs(path, "investigation_report", "handling_opinion", "closing_report", actor="zy_s01_liaison")
    flow.must("zy_s01_liaison", path, "submit_opinion")
    flow.must("jichu_handler", path, "approve_opinion")
    assert flow.case(path, deadlines)["urgent_case"] is True
    flow.must("city_officer", path, "conclude")
    assert flow.case(path, deadlines)["urgent_case"] is False


def test_the_leaders_counters_add_up_to_the_items_listed(flow):
    path = flow.register(urgent=True)
    flow.docs(path, "acceptance_notice")
    flow.must("city_officer", path, "accept")
    page = flow.user("city_leader").get("/")
    listed = len(page.html.select("#todo tbody tr"))
    counters = sum(int(c.text) for c in page.html.select(".todo-count"))
    assert listed == 1 and counters == listed


def test_return_and_take_back_move_the_case_back_up_the_chain(flow):
    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan")
    flow.assign("zy_officer", path, "/zhongyuan/s01", "/zhongyuan/jichu")
    # the school returns it within 5 working days: back to the county, not to the city
    flow.must("zy_s01_liaison", path, "return_case_up", "不属于本校职责")
    assert flow.case(path, lambda c: c.responsible_unit) == "/zhongyuan"
    flow.user("zy_s01_liaison").get(path, status=403)
    assert "待办理" in flow.home("zy_officer")
    # the county returns it to the city, which assigns it again
    flow.must("zy_officer", path, "return_case", "应由市直学校办理")
    assert flow.state(path) == "instructed" and "待交办" in flow.home("city_officer")
    flow.user("zy_officer").get(path, status=403)
    flow.assign("city_officer", path, "/zhongyuan")
    flow.assign("zy_officer", path, "/zhongyuan/s01", "/zhongyuan/jichu")
    # the city takes it back from the school in one step; the county is off the chain
    flow.must("city_officer", path, "withdraw", "市局直接办理")
    assert flow.state(path) == "instructed"
    flow.user("zy_officer").get(path, status=403)
    flow.user("zy_s01_liaison").get(path, status=403)


def test_the_county_takes_a_case_back_from_its_school(flow):
    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan")
    flow.assign("zy_officer", path, "/zhongyuan/s01", "/zhongyuan/jichu")
    flow.must("zy_s01_liaison", path, "start_handling")
    flow.must("zy_officer", path, "withdraw_down", "区局直接办理")
    assert flow.state(path) == "assigned"
    assert flow.case(path, lambda c: c.responsible_unit) == "/zhongyuan"
    assert "待办理" in flow.home("zy_officer")
    flow.user("zy_s01_liaison").get(path, status=403)


def test_reminders_and_supervision_reach_the_unit_holding_the_case(flow):
    path = flow.instructed()
    number = number_of(flow, path)
    flow.assign("city_officer", path, "/zhongyuan")
    flow.assign("zy_officer", path, "/zhongyuan/s01", "/zhongyuan/jichu")
    for who in ("city_officer", "zy_officer"):
        form = flow.user(who).get(path + "@@remind").forms["portal-form"]
        form.set("date", DUE, index=1)
        form["requirements"] = "请抓紧办理"
        form["contact_person"] = "李晓燕"
        form["contact_phone"] = "0371-67000001"
        form["reminder_number"] = "1"
        assert "已催办" in form.submit("save", status=302).follow().text
    notices = [t for t in flow.notices("zy_s01_liaison") if "催办" in t]
    assert len(notices) == 2 and all(number in t for t in notices)
    flow.user("zy_s01_liaison").get(path + "@@remind", status=403)
    flow.user("js_officer").get(path + "@@supervise", status=403)


def test_returns_and_ownership_reach_the_people_who_hold_the_case(flow):
    path = flow.instructed()
    number = number_of(flow, path)
    flow.assign("city_officer", path, "/zhongyuan")
    flow.assign("zy_officer", path, "/zhongyuan/s01", "/zhongyuan/jichu")
    flow.must("zy_s01_liaison", path, "return_case_up", "不属于本校职责")
    assert any(number in t and "退回交办" in t for t in flow.notices("zy_officer"))
    assert not any("退回交办" in t for t in flow.notices("zy_s01_liaison"))  # the actor
    flow.assign("zy_officer", path, "/zhongyuan/s01", "/zhongyuan/jichu")
    from portal.testing.web import csrf_token

    leader = flow.user("city_leader")
    leader.post(path + "@@take-ownership", {"csrf_token": csrf_token(leader)}, status=302)
    assert any(number in t and "领导包案" in t for t in flow.notices("zy_s01_liaison"))


def test_review_requests_come_within_thirty_days_and_archiving_waits_for_the_windows(flow):
    from datetime import timedelta

    from portal.clock import today

    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan/s01", "/jichu")
    flow.must("zy_s01_liaison", path, "start_handling")
    flow.docs(path, "investigation_report", "handling_opinion", "closing_report", actor="zy_s01_liaison")
    flow.must("zy_s01_liaison", path, "submit_opinion")
    flow.must("jichu_handler", path, "approve_opinion")
    flow.must("city_officer", path, "conclude")
    flow.docs(path, "reply")
    flow.must("city_officer", path, "reply")
    page = flow.act("city_officer", path, "archive")  # the 复查 window is open
    assert "复查（复核）申请期限届满" in page.text and flow.state(path) == "replied"

    def delivered(days_ago):
        def set_(case):
            case.deliveries = {"review": today() - timedelta(days=days_ago)}

        return set_

    # a request dated after the 30 days is refused by the body above the school
    flow.case(path, delivered(40))
    from portal.documents.api import add_document

    def late_request(case):
        add_document(case, "review_request", {"requested_on": today()}, "city_officer")

    flow.case(path, late_request)
    page = flow.act("zy_head", path, "request_review")
    assert "复查申请已超过期限" in page.text and flow.state(path) == "replied"
    # within the window it is taken
    flow.case(path, delivered(10))
    flow.must("zy_head", path, "request_review")
    flow.docs(path, "review_opinion", actor="zy_head")
    flow.must("zy_head", path, "answer_review")
    page = flow.act("city_officer", path, "archive")  # now the 复核 window is open
    assert flow.state(path) == "reviewed"

    def review_delivered_long_ago(case):
        case.deliveries = {"rereview": today() - timedelta(days=40)}

    flow.case(path, review_delivered_long_ago)
    flow.docs(
        path,
        "acceptance_notice",
        "investigation_report",
        "handling_opinion",
        "closing_report",
        "reply",
        signed=True,
    )  # the volume holds signed versions
    flow.must("city_officer", path, "archive")
