"""A case driven from registration to archive over HTTP, each step by the right role."""

from pyramid.traversal import find_resource

from portal.testing.web import csrf_token, login

from .conftest import YEAR


def path_of(res):
    return res.location.replace("http://localhost", "")


def act(t, path, transition, comment="", status=302):
    res = t.post(
        path + "@@transition",
        {"transition": transition, "comment": comment, "csrf_token": csrf_token(t)},
        status=status,
    )
    return res.follow() if status == 302 else res


def case_state(site_of, app, path):
    with site_of(app) as site:
        return find_resource(site, path).workflow_state


def test_registration_gives_a_number_deadline_and_masked_identity(testapp, register, site_of, app):
    login(testapp, "city_officer")
    res = register(testapp)
    path = path_of(res)
    assert path == f"/c{YEAR}-0001/"
    page = res.follow()
    assert f"已登记信访事项 郑教信〔{YEAR}〕0001" in page.text
    assert "张**" in page.text and "138****5678" in page.text and "4101**********123X" in page.text
    assert "张三丰" not in page.text and "13812345678" not in page.text
    assert "<div>受理告知</div>" in page.text  # the 15-day deadline's card
    with site_of(app) as site:
        case = find_resource(site, path)
        assert case.workflow_state == "registered"
        assert case.deadlines["acceptance_notice"].is_open
        assert [d.code for d in case.values()] == ["registration"]


def test_full_lifecycle(flow):
    """In the order of 第五章第一节, each step by the unit its relation to the case names."""
    path = flow.register()
    refused = flow.act("city_officer", path, "accept").text
    assert "执行“受理”前，“信访事项受理告知单”须由登记单位信访处（科）（郑州市教育局）起草" in refused
    flow.docs(path, "acceptance_notice")
    flow.must("city_officer", path, "accept")
    flow.refused("city_officer", path, "instruct", "请办理")
    flow.must("city_leader", path, "instruct", "请中原区教育局督促学校依法依规处理。")
    assert (
        "已交办给“中原区第一中学”"
        in flow.assign("city_officer", path, "/zhongyuan/s01", "/jichu").follow().text
    )
    assert flow.state(path) == "assigned"

    page = flow.user("zy_s01_liaison").get(path)
    assert "张**" in page.text and "张三丰" not in page.text
    assert 'action="http://localhost' + path + '@@reveal-identity"' not in page.text
    flow.must("zy_s01_liaison", path, "start_handling")
    flow.docs(path, "investigation_report", "handling_opinion", actor="zy_s01_liaison")
    flow.must("zy_s01_liaison", path, "submit_opinion")
    flow.must("jichu_handler", path, "reject_opinion", "处理意见未说明退费依据")
    flow.must("zy_s01_liaison", path, "submit_opinion")
    flow.must("jichu_handler", path, "approve_opinion")
    refused = flow.act("city_officer", path, "conclude").text
    assert "执行“办结”前，“结案报告”须由承办单位（中原区第一中学）起草" in refused
    flow.docs(path, "closing_report", actor="zy_s01_liaison")
    flow.must("city_officer", path, "conclude")
    flow.docs(path, "reply")
    flow.must("city_officer", path, "reply")
    flow.docs(path, "satisfaction_rating")
    flow.must("city_officer", path, "rate")
    # 复查: the school decided, so the county above it takes the request, not the city
    flow.docs(path, "review_request")
    flow.refused("city_officer", path, "request_review")
    flow.must("zy_head", path, "request_review")
    flow.docs(path, "review_opinion", actor="zy_officer")
    flow.must("zy_officer", path, "answer_review")
    # 复核: one level above the county
    flow.docs(path, "rereview_request")
    flow.refused("zy_officer", path, "request_rereview")
    flow.must("city_officer", path, "request_rereview")
    flow.docs(path, "rereview_opinion")
    flow.must("city_head", path, "answer_rereview")
    refused = flow.act("city_officer", path, "archive").html.select_one(".alert-danger").text
    assert "“结案报告”须由交办单位信访处（科）（郑州市教育局）或审核处（科）室（基础教育处）审核" in refused
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

    def check(case):
        transitions = [e.transition for e in case.workflow_history]
        assert transitions == [
            None,
            "accept",
            "instruct",
            "assign",
            "start_handling",
            "submit_opinion",
            "reject_opinion",
            "submit_opinion",
            "approve_opinion",
            "conclude",
            "reply",
            "rate",
            "request_review",
            "answer_review",
            "request_rereview",
            "answer_rereview",
            "archive",
        ]
        assert not case.deadlines["acceptance_notice"].is_open
        assert not case.deadlines["handling"].is_open
        assert not getattr(case, "__local_roles__", None)  # nothing granted on the case itself
        assert case.decided_by == "/zhongyuan/s01"

    flow.case(path, check)
    # once archived the liaison no longer sees it; the registering office does
    flow.user("zy_s01_liaison").get(path, status=403)
    assert flow.user("city_officer").get(path).status_int == 200


def test_case_numbers_are_per_unit_and_year(testapp, register):
    login(testapp, "city_officer")
    assert path_of(register(testapp)) == f"/c{YEAR}-0001/"
    assert path_of(register(testapp, subject="另一件事：食堂卫生", confirm_new=True)) == f"/c{YEAR}-0002/"
    login(testapp, "zy_officer")
    res = register(testapp, unit="/zhongyuan/", subject="中原区的一件事")
    assert path_of(res) == f"/zhongyuan/c{YEAR}-0001/"
    assert f"中原教信〔{YEAR}〕0001" in res.follow().text


def test_same_matter_is_shown_before_saving(testapp, register, site_of, app):
    login(testapp, "city_officer")
    register(testapp)
    res = register(testapp, subject="再次反映某中学违规收费", status=200)
    assert "可能为同一事项" in res.text and f"郑教信〔{YEAR}〕0001" in res.text
    with site_of(app) as site:
        assert f"c{YEAR}-0002" not in site
    path = path_of(register(testapp, subject="再次反映某中学违规收费", confirm_new=True))
    assert path == f"/c{YEAR}-0002/"


def test_refused_roles(app, register):
    from webtest import TestApp

    officer, other = TestApp(app), TestApp(app)
    login(officer, "city_officer")
    path = path_of(register(officer))
    login(other, "zy_officer")
    other.get(path, status=403)  # another unit's registered case
    other.get("/@@register-case", status=403)  # cannot register for the city
    login(other, "zy_s01_liaison")
    other.get(path + "@@assign", status=403)
    other.get("/zhongyuan/s01/@@register-case", status=403)
