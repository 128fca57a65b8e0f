"""A case driven from registration to archive over HTTP, each step by the right role."""
from portal.security.principals import user_principal as U
from pyramid.traversal import find_resource

from portal.testing.web import csrf_token, login

from .conftest import DUE, YEAR


def path_of(res):
    return res.location.replace("http://localhost", "")


def act(t, path, transition, comment="", status=302):
    res = t.post(path + "@@transition", {"transition": transition, "comment": comment,
                                         "csrf_token": csrf_token(t)}, status=status)
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


def test_full_lifecycle(app, register, add_docs, site_of):
    from webtest import TestApp
    officer, leader, liaison = TestApp(app), TestApp(app), TestApp(app)
    login(officer, "city_officer")
    login(leader, "city_leader")
    login(liaison, "zy_s01_liaison")
    path = path_of(register(officer))

    assert "须提交以下文件：信访事项受理告知单" in act(officer, path, "accept").text
    add_docs(path, "acceptance_notice")
    act(officer, path, "accept")
    assert case_state(site_of, app, path) == "accepted"
    assert "您无权执行“阅批”" in act(officer, path, "instruct", "请办理").text
    act(leader, path, "instruct", "请中原区教育局督促学校依法依规处理。")
    assert case_state(site_of, app, path) == "instructed"

    form = officer.get(path + "@@assign").forms["portal-form"]
    form["target"] = "/zhongyuan/s01"
    form["unit"] = "中原区第一中学"
    form.set("date", DUE, index=1)  # issued_on, due_on
    form["requirements"] = "请于期限内查实并反馈。"
    form["contact_person"] = "李晓燕"
    form["contact_phone"] = "0371-67000001"
    assert "已交办给“中原区第一中学”" in form.submit("save", status=302).follow().text
    assert case_state(site_of, app, path) == "assigned"

    page = liaison.get(path)
    assert "张**" in page.text and "张三丰" not in page.text
    assert 'action="http://localhost' + path + '@@reveal-identity"' not in page.text
    act(liaison, path, "start_handling")
    add_docs(path, "investigation_report", "handling_opinion", actor="zy_s01_liaison")
    act(liaison, path, "submit_opinion")
    assert case_state(site_of, app, path) == "opinion_submitted"
    act(officer, path, "reject_opinion", "处理意见未说明退费依据")
    assert case_state(site_of, app, path) == "handling"
    act(liaison, path, "submit_opinion")
    add_docs(path, "closing_report")
    act(officer, path, "conclude")
    add_docs(path, "reply")
    act(officer, path, "reply")
    add_docs(path, "satisfaction_rating")
    act(officer, path, "rate")
    add_docs(path, "review_request")
    act(officer, path, "request_review")
    add_docs(path, "review_opinion")
    act(officer, path, "answer_review")
    add_docs(path, "rereview_request")
    act(officer, path, "request_rereview")
    add_docs(path, "rereview_opinion")
    act(officer, path, "answer_rereview")
    act(officer, path, "archive")
    assert case_state(site_of, app, path) == "archived"

    with site_of(app) as site:
        case = find_resource(site, path)
        transitions = [e.transition for e in case.workflow_history]
        assert transitions == [None, "accept", "instruct", "assign", "start_handling",
                               "submit_opinion", "reject_opinion", "submit_opinion", "conclude",
                               "reply", "rate", "request_review", "answer_review",
                               "request_rereview", "answer_rereview", "archive"]
        assert not case.deadlines["acceptance_notice"].is_open
        assert not case.deadlines["handling"].is_open
        assert U("zy_s01_liaison") in dict(case.__local_roles__)
    # once archived the liaison no longer sees it; the registering office does
    liaison.get(path, status=403)
    assert officer.get(path).status_int == 200


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
    other.get(path, status=403)                            # another unit's registered case
    other.get("/@@register-case", status=403)              # cannot register for the city
    login(other, "zy_s01_liaison")
    other.get(path + "@@assign", status=403)
    other.get("/zhongyuan/s01/@@register-case", status=403)
