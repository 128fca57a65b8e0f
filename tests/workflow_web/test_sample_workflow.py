"""The sample workflow driven through every transition over HTTP, allowed and refused by role."""

import xml.etree.ElementTree as ET

import pytest
from pyramid.threadlocal import manager
from webtest import TestApp

from portal import clock as portal_clock
from portal.catalog import index_object
from portal.security.localroles import grant
from portal.security.principals import user_principal as U
from portal.testing.web import csrf_token, login, make_app
from portal.testing.workflow import Specimen, SpecimenDocument
from portal.workflow import initialize
from portal.workflow.errors import WorkflowDefinitionError

URL = "/zhongyuan/s01/spec/"


@pytest.fixture
def wf_app(app, site_of):
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            today = portal_clock.today()
            spec = Specimen(f"中原区第一中学{today.year}年{today.month}月月报")
            site["zhongyuan"]["s01"].add("spec", spec, registry=app.registry)
            initialize(spec, app.registry["portal.workflows"]["sample"], "zy_s01_liaison", portal_clock.now())
            index_object(spec, site)
    finally:
        manager.pop()
    return app


def act(t, transition, comment=""):
    return t.post(
        URL + "@@transition",
        {"transition": transition, "comment": comment, "csrf_token": csrf_token(t)},
        status=302,
    ).follow()


def state(site_of, app):
    with site_of(app) as site:
        spec = site["zhongyuan"]["s01"]["spec"]
        return spec.workflow_state, len(spec.workflow_history)


def test_every_transition_with_guards_comments_and_documents(wf_app, site_of):
    liaison, officer = TestApp(wf_app), TestApp(wf_app)
    login(liaison, "zy_s01_liaison")
    login(officer, "zy_officer")

    refused = officer.post(  # the registration of ``submit`` names ``file_report``
        URL + "@@transition", {"transition": "submit", "csrf_token": csrf_token(officer)}, status=403
    )
    assert "无权访问" in refused.text and "Traceback" not in refused.text
    page = act(liaison, "submit")
    assert "执行“提交”前须提交以下文件：信访工作月报表" in page.text
    assert state(site_of, wf_app) == ("draft", 1)

    with site_of(wf_app, commit=True) as site:
        site["zhongyuan"]["s01"]["spec"].add(
            "doc-0001", SpecimenDocument("monthly_report"), send_events=False
        )
    page = act(liaison, "submit")
    assert "当前状态：已提交" in page.text
    assert 'value="accept"' not in liaison.get(URL + "@@history").text  # not offered to the liaison
    assert 'value="accept"' in officer.get(URL + "@@history").text

    liaison.post(
        URL + "@@transition", {"transition": "accept", "csrf_token": csrf_token(liaison)}, status=403
    )
    assert state(site_of, wf_app)[0] == "submitted"
    assert "执行“退回修改”须填写意见" in act(officer, "return").text
    assert state(site_of, wf_app)[0] == "submitted"
    act(officer, "return", "第三项数字有误，请核实")
    assert state(site_of, wf_app)[0] == "returned"
    act(liaison, "submit")
    act(officer, "accept")
    assert state(site_of, wf_app) == ("accepted", 5)

    history = officer.get(URL + "@@history").text
    for text in ("创建", "提交", "退回修改", "采纳", "第三项数字有误，请核实", "已采纳"):
        assert text in history


def test_four_eyes_condition(wf_app, site_of, app):
    manager.push({"registry": wf_app.registry, "request": None})
    try:
        with site_of(wf_app, commit=True) as site:
            s01 = site["zhongyuan"]["s01"]
            grant(s01, U("zy_s01_liaison"), "petition_officer", wf_app.registry)
            s01["spec"].add("doc-0001", SpecimenDocument("monthly_report"), send_events=False)
    finally:
        manager.pop()
    t = TestApp(wf_app)
    login(t, "zy_s01_liaison")
    act(t, "submit")
    page = act(t, "accept")
    assert "不能审核自己提交的材料" in page.text
    assert state(site_of, wf_app)[0] == "submitted"


def test_state_acl_decides_who_sees_the_object(wf_app):
    t = TestApp(wf_app)
    login(t, "js_officer")
    t.get(URL + "@@history", status=403)
    t.post(URL + "@@transition", {"transition": "submit", "csrf_token": csrf_token(t)}, status=403)
    login(t, "zy_officer")
    assert t.get(URL + "@@history").status_int == 200


def test_no_view_edits_history(wf_app, site_of):
    t = TestApp(wf_app)
    login(t, "zy_officer")
    before = state(site_of, wf_app)
    t.post(URL + "@@history", {"csrf_token": csrf_token(t), "comment": "篡改"})
    t.post(URL + "@@history", {"comment": "篡改"}, status=400)
    assert state(site_of, wf_app) == before


def test_admin_sees_the_diagram_others_do_not(wf_app):
    t = TestApp(wf_app)
    login(t, "admin")
    assert "示例文书流程" in t.get("/@@workflows").text
    svg = t.get("/@@workflow-diagram", {"id": "sample"})
    assert svg.content_type == "image/svg+xml"
    ET.fromstring(svg.body)
    t.get("/@@workflow-diagram", {"id": "nope"}, status=404)
    login(t, "zy_head")
    t.get("/@@workflows", status=403)
    t.get("/@@workflow-diagram", {"id": "sample"}, status=403)


def test_a_bad_definition_stops_start_up(tmp_path):
    (tmp_path / "bad.toml").write_text(
        'id = "bad"\ntitle = "坏流程"\ninitial_state = "nowhere"\npermissions = ["fly"]\n', encoding="utf-8"
    )
    from pyramid.exceptions import ConfigurationExecutionError

    with pytest.raises((WorkflowDefinitionError, ConfigurationExecutionError)) as info:
        make_app("memory://", **{"portal.workflows_dir": str(tmp_path)})
    assert "nowhere" in str(info.value) and "fly" in str(info.value)


def test_the_portal_itself_loads_no_sample(app_factory):
    """Issue 17, item 3: the reference example is for the tests; administrators never see it."""
    plain = app_factory()
    assert "sample" not in plain.registry["portal.workflows"]
    t = TestApp(plain)
    login(t, "admin")
    assert "示例文书流程" not in t.get("/@@workflows").text


def test_the_workflow_page_names_permissions_and_documents(wf_app):
    """Titles, never codes: 审核报表 not review_report, 信访工作月报表 not monthly_report."""
    from portal.security.permissions import ALL, TITLES

    assert ALL <= set(TITLES)
    t = TestApp(wf_app)
    login(t, "admin")
    page = t.get("/@@workflows")
    text = page.html.find("main").get_text(" ")
    assert "审核报表" in text and "信访工作月报表" in text
    for code in ("review_report", "file_report", "monthly_report", "sample"):
        assert code not in text
