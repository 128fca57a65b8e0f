"""第二章: the leading group is recorded from the unit's people, chaired by its principal
leader, meets monthly; a missed month shows on the unit's page and to the level above."""

import datetime

from .conftest import at

NOV = datetime.date(2026, 11, 16)


def _group_form(page):
    return page.forms["portal-form"]


def test_the_units_own_petition_staff_record_the_group_chaired_by_the_principal(user, opened):
    officer = user("zy_officer")
    page = officer.get("/zhongyuan/@@leading-group")
    assert "尚未记录领导小组组成" in page.text
    form = _group_form(page)
    # the defaults come from the unit's leaders: the principal leader chairs
    assert form.get("userid", 0).value == "zy_leader"
    assert form.get("group_role", 0).value == "chair"
    # and a responsible leader (分管领导) is proposed as deputy
    assert form.get("userid", 1).value == "zy_deputy"
    assert form.get("group_role", 1).value == "deputy"
    page = form.submit("save").follow()
    assert "已保存领导小组组成" in page.text
    members = page.html.find(id="group-members").text
    assert "马卫东" in members and "组长" in members and "马丽娟" in members
    with opened() as site:
        group = site.duties.groups[site["zhongyuan"].__docid__]
        assert group.chair.userid == "zy_leader"
        doc = site["zhongyuan"][group.document]
        assert doc.code == "leading_group"
        assert [m["name"] for m in doc.appstruct["members"]] == ["马卫东", "马丽娟"]


def test_a_chair_who_is_not_the_principal_leader_is_refused(user, opened):
    officer = user("zy_officer")
    form = _group_form(officer.get("/zhongyuan/@@leading-group"))
    form.set("group_role", "member", 0)
    form.set("group_role", "chair", 1)  # 马丽娟, the leader in charge
    page = form.submit("save")
    assert "组长应由本单位主要领导担任" in page.text
    with opened() as site:
        assert site["zhongyuan"].__docid__ not in site.duties.groups


def test_people_are_picked_not_typed(user, opened):
    officer = user("zy_officer")
    form = _group_form(officer.get("/zhongyuan/@@leading-group"))
    form.get("userid", 1).force_value("js_officer")  # not one of 中原区's people
    page = form.submit("save")
    assert "组成人员须从本单位人员中选择" in page.text
    with opened() as site:
        assert site["zhongyuan"].__docid__ not in site.duties.groups


def test_who_may_and_may_not_record_the_group(user):
    for login in ("city_head", "js_officer", "zy_s01_liaison", "zy_leader"):
        t = user(login)
        page = t.get("/zhongyuan/@@leading-group", status=(200, 403))
        assert page.status_int == 403 or "portal-form" not in page.forms
        t.post("/zhongyuan/@@leading-group", {"csrf_token": t.token, "save": "save"}, status=403)
    # a school's liaison keeps the school's group
    page = user("zy_s01_liaison").get("/zhongyuan/s01/@@leading-group")
    assert "portal-form" in page.forms


def _meeting(t, path, held_on, kind="leading_group"):
    page = t.get(f"{path}/@@add-meeting", {"kind": kind})
    form = page.forms["portal-form"]
    form["date"] = held_on.isoformat()  # the held_on date widget
    form["place"] = "第一会议室"
    form["host"] = "zy_leader"
    form["recorder"] = "zy_officer"
    form["attendees"] = ["zy_leader", "zy_deputy", "zy_officer"]
    form["agenda"] = "研判本月信访形势"
    form["content"] = "各科室汇报本月信访情况。"
    return form.submit("save")


def test_monthly_meeting_reminded_then_missed_and_seen_above(user, sweep, since, inbox, clock, app, opened):
    since("2026-11")
    clock.set(at(NOV))
    report = sweep(at(datetime.date(2026, 11, 19)))
    assert not any("领导小组会议" in t for t in inbox("zy_officer"))
    sweep(at(datetime.date(2026, 11, 20)))  # from the 20th
    assert "请召开中原区教育局2026年11月信访工作领导小组会议" in inbox("zy_officer")
    assert "请召开中原区教育局2026年11月信访工作领导小组会议" in inbox("zy_leader")
    assert sweep(at(datetime.date(2026, 11, 20), 15)).duties == 0  # once a day, once only
    sweep(at(datetime.date(2026, 11, 21)))  # the next day: not again
    assert inbox("zy_officer").count("请召开中原区教育局2026年11月信访工作领导小组会议") == 1
    # 中原区 meets on the 25th; 金水区 never does
    clock.set(at(datetime.date(2026, 11, 25)))
    res = _meeting(user("zy_officer"), "/zhongyuan", datetime.date(2026, 11, 25))
    assert res.status_int == 302
    report = sweep(at(datetime.date(2026, 12, 1)))
    assert report.duties > 0
    assert "金水区教育局2026年11月未召开信访工作领导小组会议" in inbox("js_officer")
    assert not any("中原区教育局2026年11月未召开" in t for t in inbox("zy_officer"))
    # the level above learns it through the escalation of overdue work (下级逾期)
    city = inbox("city_officer")
    assert "下级逾期：金水区教育局 2026年11月信访工作领导小组会议已逾期1天（2026-11-30到期）" in city
    assert not any("中原区教育局 2026年11月信访工作领导小组会议" in t for t in city)
    assert sweep(at(datetime.date(2026, 12, 1), 16)).duties == 0
    # the unit's page marks the missed month; the level above sees it on its board
    clock.set(at(datetime.date(2026, 12, 2)))
    page = user("js_officer").get("/jinshui")
    assert "2026年11月未召开" in page.html.find(id="duties-panel").text
    assert "2026年11月未召开" not in user("zy_officer").get("/zhongyuan").html.find(id="duties-panel").text
    below = user("city_officer").get("/@@overdue-below").text
    assert "2026年11月信访工作领导小组会议" in below and "金水区教育局" in below
    board = user("city_officer").get("/@@duties-board", {"month": "2026-11"})
    rows = {r["data-unit"]: r.text for r in board.html.find(id="duties-board").find_all("tr")[1:]}
    assert "未召开" in rows["/jinshui"] and "已召开" in rows["/zhongyuan"]
    missed = user("city_officer").get("/@@duties-board", {"month": "2026-11", "status": "group_missed"})
    units = [r["data-unit"] for r in missed.html.find(id="duties-board").find_all("tr")[1:]]
    assert "/jinshui" in units and "/zhongyuan" not in units


def test_months_before_the_portal_was_in_use_are_not_judged(sweep, since, inbox):
    since("2026-12")
    sweep(at(datetime.date(2026, 12, 1)))
    assert not any("未召开" in t for t in inbox("js_officer"))
