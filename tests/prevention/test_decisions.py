"""Stability risk assessment of major decisions (第六章第二节): whoever decides assesses — a
school, a county bureau, a city department — the body above and the petition office are told
and see the register; a risky decision carries its measures and contingency plan and cannot be
implemented without them, nor against its assessment's conclusion."""

import datetime
from urllib.parse import urlparse

from pyramid.traversal import find_resource

from portal.prevention.views.decisions import DecisionSchema
from portal.testing.web import schema_form_fields

from .conftest import YEAR

TOKEN = "d0d0d0d0d0d0d0d0"


def _register(t, unit, matter="调整学区划分方案", token=TOKEN, status=302):
    values = {
        "matter": matter,
        "matter_kind": "major_decision",
        "summary": "调整本校招生片区，涉及约800户家庭。",
        "planned_on": datetime.date(YEAR + 1, 3, 1),
    }
    data = schema_form_fields(
        DecisionSchema(), values, [("csrf_token", t.token), ("save", "save"), ("form_token", token)]
    )
    return t.post(f"{unit}/@@add-decision", data, status=status)


def _assessment(level="high", conclusion="proceed_with_measures", measures=True):
    return {
        "matter": "调整学区划分方案",
        "matter_kind": "major_decision",
        "decision_unit": "中原区第一中学",
        "team": "校长、分管副校长、家委会代表",
        "start_on": datetime.date(YEAR, 11, 2),
        "end_on": datetime.date(YEAR, 11, 16),
        "survey": "发放问卷800份，回收760份。",
        "analysis": "多数家庭支持，少数担心上学距离。",
        "risk_level": level,
        "conclusion": conclusion,
        "measures": "设置两年过渡期，开通校车。" if measures else "",
        "contingency_plan": "成立应急处置小组，现场接待家长。" if measures else "",
        "reported_to": frozenset({"party_organisation", "petition_office"}),
        "reported_on": datetime.date(YEAR, 11, 18),
    }


def _assess(t, fields, path, values, status=302):
    data = fields("stability_risk_assessment", values, [("csrf_token", t.token), ("save", "save")])
    return t.post(f"{path}@@assessment", data, status=status)


def _fire(t, path, transition, comment=""):
    return t.post(
        f"{path}@@transition",
        {"csrf_token": t.token, "transition": transition, "comment": comment},
        status=302,
    )


def _state(app, site_of, path):
    with site_of(app) as site:
        return find_resource(site, path).workflow_state


def test_a_school_assesses_its_decision_and_the_county_sees_it(
    app, site_of, signed_in, registry_fields, notices
):
    school = signed_in("zy_s01_liaison")
    res = _register(school, "/zhongyuan/s01")
    path = urlparse(res.location).path
    assert path == f"/zhongyuan/s01/decision-{TOKEN}/"
    assert "已登记重大决策事项" in res.follow().text
    # resubmitting the same form registers nothing more
    assert "未重复保存" in _register(school, "/zhongyuan/s01").follow().text
    county = signed_in("zy_officer")
    assert "调整学区划分方案" not in county.get("/zhongyuan/@@decisions").text  # a draft

    # a high risk without measures and contingency plan is refused, nothing stored
    page = _assess(school, registry_fields, path, _assessment(measures=False), status=200)
    assert "风险等级为高、中的，须填写防范化解措施" in page.text
    assert "风险等级为高、中的，须拟制应急处置工作预案" in page.text
    with site_of(app) as site:
        assert find_resource(site, path).assessment() is None
    _assess(school, registry_fields, path, _assessment())
    _fire(school, path, "submit")
    assert _state(app, site_of, path) == "assessed"

    title = "中原区第一中学报送重大决策社会稳定风险评估报告：调整学区划分方案（风险等级：高）"
    assert notices("zy_officer") == [title] and notices("zy_head") == [title]
    assert notices("city_officer") == [] and notices("js_officer") == []
    register = county.get("/zhongyuan/@@decisions")
    assert "调整学区划分方案" in register.text and "落实化解措施后实施" in register.text
    assert "调整学区划分方案" in signed_in("city_officer").get("/@@decisions").text
    signed_in("js_officer").get("/zhongyuan/@@decisions", status=403)

    # the county reads; it does not decide for the school
    _fire(county, path, "implement")
    assert _state(app, site_of, path) == "assessed"
    _fire(school, path, "implement")
    assert _state(app, site_of, path) == "implemented"


def test_who_may_register_a_decision(signed_in):
    county = signed_in("zy_officer")
    _register(county, "/zhongyuan/s01", status=403)  # the school decides for itself
    _register(county, "/zhongyuan", token="e0e0e0e0e0e0e0e0")  # the county for itself
    _register(signed_in("js_officer"), "/zhongyuan/s01", status=403)
    _register(signed_in("jichu_handler"), "/jichu", token="f0f0f0f0f0f0f0f0")
    _register(signed_in("jichu_handler"), "/zhongyuan", status=403)
    signed_in("city_leader2").get("/zhongyuan/s01/@@add-decision", status=403)


def test_a_department_reports_to_the_city_office(app, site_of, signed_in, registry_fields, notices):
    dept = signed_in("jichu_handler")
    path = "/jichu/decision-f1f1f1f1f1f1f1f1/"
    _register(dept, "/jichu", matter="全市中小学课后服务收费调整", token="f1f1f1f1f1f1f1f1")
    _assess(dept, registry_fields, path, dict(_assessment(level="low"), decision_unit="基础教育处"))
    _fire(dept, path, "submit")
    for userid in ("city_officer", "city_head", "city_leader", "city_deputy"):
        assert len(notices(userid)) == 1, userid
    assert notices("zy_officer") == []


def test_implementation_follows_the_assessment(app, site_of, signed_in, registry_fields):
    school = signed_in("zy_s01_liaison")
    path = f"/zhongyuan/s01/decision-{TOKEN}/"
    _register(school, "/zhongyuan/s01")
    _assess(school, registry_fields, path, _assessment(level="medium", conclusion="postpone"))
    _fire(school, path, "submit")
    page = school.get(path)
    assert "暂不能决定实施：评估结论为暂缓实施或不予实施" in page.text
    assert 'value="implement"' not in page.text
    _fire(school, path, "implement")
    assert _state(app, site_of, path) == "assessed"
    _fire(school, path, "postpone")  # needs a reason
    assert _state(app, site_of, path) == "assessed"
    _fire(school, path, "postpone", "待过渡方案征求意见后重新评估")
    _fire(school, path, "reassess", "补充民意调查")
    assert _state(app, site_of, path) == "registered"
    # an assessment that lost its measures (stored before the rule) cannot be implemented
    with site_of(app, commit=True) as site:
        decision = find_resource(site, path)
        doc = decision.assessment()
        doc.appstruct = dict(doc.appstruct, conclusion="proceed", measures="", contingency_plan="")
    _fire(school, path, "submit")
    _fire(school, path, "implement")
    assert _state(app, site_of, path) == "assessed"
    assert "须落实防范化解措施和应急处置工作预案" in school.get(path).text


def test_a_tampered_form_token_is_refused_with_a_message_and_stores_nothing(app, site_of, signed_in):
    school = signed_in("zy_s01_liaison")
    res = _register(school, "/zhongyuan/s01", token="../../etc")
    assert urlparse(res.location).path == "/zhongyuan/s01/@@add-decision"
    assert "表单已失效，请重新打开登记页面填写" in res.follow().text
    with site_of(app) as site:
        assert not [k for k in find_resource(site, "/zhongyuan/s01").keys() if k.startswith("decision-")]
