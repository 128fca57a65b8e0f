"""Each unit keeps its emergency plan, a document with versions and its response team; a unit
without one falls under its bureau's plan."""

import datetime

from pyramid.traversal import find_resource

from .conftest import YEAR


def plan_values(days=2, leader="张局长"):
    return {
        "plan_title": "中原区教育局信访突发事件应急预案",
        "unit": "中原区教育局",
        "scope": "本区教育系统内发生的集体上访、聚集等突发信访事件。",
        "principles": "统一领导、齐抓共管，快速处置、分级控制。",
        "group_leader": leader,
        "members": [
            {"name": leader, "post": "局长", "duty": "组长，决定启动预案", "phone": "13912345678"},
            {"name": "刘洋", "post": "信访科科员", "duty": "信息报送", "phone": "0371-67188888"},
        ],
        "activation": "接到突发信访事件报告后，由领导小组组长决定启动。",
        "response": "现场劝导，分类处置。",
        "immediate_report": "立即向市教育局信访处报告。",
        "written_report_days": days,
        "aftermath": "做好上访群众思想稳定工作。",
        "duty_phone": "0371-67188888",
        "adopted_on": datetime.date(YEAR - 1, 3, 1),
    }


def save_plan(t, fields, unit="/zhongyuan", status=302, **kw):
    data = fields("emergency_plan", plan_values(**kw), [("csrf_token", t.token), ("save", "save")])
    return t.post(f"{unit}/@@edit-emergency-plan", data, status=status)


def test_the_plan_is_kept_in_versions(app, site_of, signed_in, registry_fields):
    officer = signed_in("zy_officer")
    assert "尚未制定应急预案" in officer.get("/zhongyuan/@@emergency-plan").text
    save_plan(officer, registry_fields)
    page = officer.get("/zhongyuan/@@emergency-plan")
    assert "第 1 版 · 草稿" in page.text and "信息报送" in page.text
    head = signed_in("zy_head")
    head.post("/zhongyuan/doc-0001/@@sign-off", {"csrf_token": head.token, "confirm": "1"}, status=302)
    save_plan(officer, registry_fields, days=3)  # a revision of the signed plan
    with site_of(app) as site:
        county = find_resource(site, "/zhongyuan")
        from portal.emergencies.plans import current_plan, plan_versions

        plan = current_plan(county)
        assert plan.version == 2 and not plan.frozen and plan.appstruct["written_report_days"] == 3
        assert [v.version for v in plan_versions(county)] == [2, 1]
        assert (
            plan_versions(county)[1].frozen and plan_versions(county)[1].appstruct["written_report_days"] == 2
        )
    assert "历次版本" in officer.get("/zhongyuan/@@emergency-plan").text


def test_who_keeps_the_plan(signed_in, registry_fields):
    save_plan(signed_in("zy_s01_liaison"), registry_fields, status=403)  # the county's plan
    save_plan(signed_in("js_officer"), registry_fields, status=403)
    save_plan(signed_in("city_officer"), registry_fields, status=403)  # not the county's staff
    save_plan(signed_in("zy_officer"), registry_fields)
    school = signed_in("zy_s01_liaison").get("/zhongyuan/s01/@@emergency-plan")
    assert "适用中原区教育局的应急预案" in school.text
