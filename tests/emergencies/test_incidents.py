"""An incident: reported by the unit, activated only by the group leader (the principal leader
of the unit whose plan applies), reported upward at once as a major event report, followed by
the written report within the plan's days (swept and escalated when overdue), closed by the
aftermath record; the city sees every open incident with its clock."""

import datetime
from urllib.parse import urlparse

from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from portal.emergencies.views import IncidentSchema
from portal.notifications.sweep import sweep
from portal.testing.web import schema_form_fields

from .conftest import TODAY
from .conftest import at as clock_at
from .test_plans import save_plan

TOKEN = "c0c0c0c0c0c0c0c0"
PATH = f"/zhongyuan/s01/incident-{TOKEN}/"


def _report(t, unit="/zhongyuan/s01", status=302, day=TODAY):
    values = {
        "occurred_at": clock_at(day, 8, 30),
        "place": "学校门口",
        "headcount": 60,
        "level": "major",
        "subject": "家长聚集反映分班问题",
        "description": "约六十名家长聚集校门口。",
        "demands": "要求重新分班。",
        "measures_taken": "校长到场劝导。",
        "reporter": "黄静",
        "reporter_phone": "13912345678",
    }
    data = schema_form_fields(
        IncidentSchema(), values, [("csrf_token", t.token), ("save", "save"), ("form_token", TOKEN)]
    )
    return t.post(f"{unit}/@@report-incident", data, status=status)


def _fire(t, transition, comment="", path=PATH):
    return t.post(
        f"{path}@@transition",
        {"csrf_token": t.token, "transition": transition, "comment": comment},
        status=302,
    )


def _incident(app, site_of, attr):
    with site_of(app) as site:
        return getattr(find_resource(site, PATH), attr)


def _sweep(app, site_of, when):
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            return sweep(site, app.registry, when)
    finally:
        manager.pop()


def _escalated(titles):
    """The 下级逾期 notices about incidents (missing monthly reports may climb too)."""
    return [t for t in titles if t.startswith("下级逾期") and "突发信访事件" in t]


def _escalation_day(app, site_of):
    """The day escalation was switched on (items due before it never climb: see
    portal.escalation.store); the incident below happens on it."""
    from portal.escalation.store import get_store

    with site_of(app) as site:
        return get_store(site).since


def test_activation_reports_upward_and_the_written_report_is_due(
    app, site_of, signed_in, registry_fields, notices, county_leader, clock
):
    day = _escalation_day(app, site_of)
    at = lambda hour, minute=0, days=0: clock_at(  # noqa: E731
        day + datetime.timedelta(days=days), hour, minute
    )
    clock.set(at(8, 45))
    officer = signed_in("zy_officer")
    save_plan(officer, registry_fields, days=2)
    school = signed_in("zy_s01_liaison")
    res = _report(school, day=day)
    assert urlparse(res.location).path == PATH
    when = f"{day.month}月{day.day}日 08:30"
    asked = (
        f"【突发信访事件】中原区第一中学报告：{when}发生重大突发信访事件，请领导小组组长决定是否启动应急预案"
    )
    assert notices("zy_leader") == [asked] and notices("zy_officer") == [asked]
    assert notices("city_officer") == []  # not yet: the group leader decides first

    # only the group leader decides: not the officer (403 from the registration of
    # ``transition``, which names the guard's permission), not the city's principal leader
    # (who holds it, but the guard's condition refuses: a message)
    data = {"csrf_token": officer.token, "transition": "activate", "comment": ""}
    officer.post(f"{PATH}@@transition", data, status=403)
    _fire(signed_in("city_leader"), "activate")
    assert _incident(app, site_of, "workflow_state") == "reported"
    clock.set(at(9))
    leader = signed_in("zy_leader")
    _fire(leader, "activate")
    assert _incident(app, site_of, "workflow_state") == "activated"
    assert _incident(app, site_of, "event_path") == f"/zhongyuan/s01/event-{TOKEN}"
    event = f"【重大信访事项】中原区第一中学报告：事件发生于{when}"
    for userid in ("city_officer", "city_head", "city_leader", "zy_officer"):
        assert event in notices(userid), userid
    due = day + datetime.timedelta(days=2)  # the plan's two days
    with site_of(app) as site:
        incident = find_resource(site, PATH)
        assert incident.deadlines["emergency_written_report"].due.due_date == due
        assert not find_resource(site, f"/zhongyuan/s01/event-{TOKEN}").late  # within the hour

    # the sweep at a fixed clock: the day after the due date the bureau above hears of it once
    late = at(10, days=3)
    _sweep(app, site_of, late)
    escalated = _escalated(notices("zy_officer"))
    assert escalated == [
        f"下级逾期：中原区第一中学 中原区第一中学突发信访事件（{when}）书面报告"
        f"已逾期1天（{due.isoformat()}到期）"
    ]
    assert not _escalated(notices("city_officer"))
    assert any("突发信访事件书面报告期限已超期" in t for t in notices("zy_s01_liaison"))
    _sweep(app, site_of, late)
    assert len(_escalated(notices("zy_officer"))) == 1  # once

    # written report (late: filed the day after its due date), then the aftermath record
    clock.set(late)
    school.get(f"{PATH}@@aftermath", status=403)  # not before the written report
    form = school.get(f"{PATH}@@written-report").forms["portal-form"]
    assert form["place"].value == "学校门口" and form["activated_by"].value == "马卫东"
    form["handling"] = "校领导现场对话，10时前人员散去。"
    form["aftermath"] = "召开家长会，公布分班规则。"
    form.submit("save", status=302)
    _fire(school, "report_in_writing")
    assert _incident(app, site_of, "workflow_state") == "written"
    with site_of(app) as site:
        assert find_resource(site, PATH).deadlines["emergency_written_report"].met_late is True
    form = school.get(f"{PATH}@@aftermath").forms["portal-form"]
    for name, value in (
        ("measures", "召开家长会"),
        ("stabilisation", "班主任逐户走访"),
        ("resolution", "家长接受分班方案"),
        ("responsible_person", "周某"),
    ):
        form[name] = value
    form.submit("save", status=302)
    _fire(school, "close")
    assert _incident(app, site_of, "workflow_state") == "closed"


def test_the_city_sees_every_open_incident_with_its_clock(app, signed_in, county_leader, clock):
    _report(signed_in("zy_s01_liaison"))
    clock.set(clock_at(TODAY, 10, 45))
    board = signed_in("city_officer").get("/@@incidents")
    assert "家长聚集反映分班问题" in board.text and "2小时15分" in board.text
    assert "启动预案后计算" in board.text
    assert "家长聚集反映分班问题" in signed_in("zy_officer").get("/zhongyuan/@@incidents").text
    signed_in("js_officer").get("/zhongyuan/@@incidents", status=403)
    assert "家长聚集反映分班问题" not in signed_in("js_officer").get("/jinshui/@@incidents").text
    entry = signed_in("city_officer").get("/@@emergencies", status=302)
    assert entry.location.endswith("/@@incidents")


def test_who_reports_and_who_decides_not_to_activate(app, site_of, signed_in, county_leader):
    _report(signed_in("js_s01_liaison"), status=403)
    _report(signed_in("city_leader2"), status=403)
    _report(signed_in("zy_s01_liaison"))
    leader = signed_in("zy_leader")
    _fire(leader, "dismiss")  # needs a reason
    assert _incident(app, site_of, "workflow_state") == "reported"
    _fire(leader, "dismiss", "家长已散去，按常规信访事项办理")
    assert _incident(app, site_of, "workflow_state") == "dismissed"
    assert _incident(app, site_of, "event_path") is None


def test_forms_are_prefilled_in_beijing_time(signed_in, clock):
    """The clock reads 02:00 UTC (the server's clock is UTC), 10:00 in Beijing: the forms show
    10:00, the time people enter (not 02:00, which would be read back as 02:00 Beijing time)."""
    clock.set(clock_at(TODAY, 10).astimezone(datetime.UTC) + datetime.timedelta(seconds=30))
    school = signed_in("zy_s01_liaison")
    for url in ("/zhongyuan/s01/@@report-incident", "/zhongyuan/s01/@@major-event"):
        form = school.get(url).forms["portal-form"]
        # the prefilled field is the last one (the major event's time is left for the reporter)
        assert form.fields["time"][-1].value[:5] == "10:00", url
        assert form.fields["date"][-1].value == TODAY.isoformat(), url
