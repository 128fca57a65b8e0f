"""Major event reports: filed at any time, the chain notified at once, the 1-hour limit from
the event's time, follow-ups attached to the first, idempotent by the form token."""

from pyramid.traversal import find_resource

from portal.clock import at, minutes

from .conftest import TODAY, day


def _values(event_time, subject="家长聚集反映分班问题"):
    return {
        "unit": "中原区第一中学",
        "reporter": "黄静",
        "reporter_phone": "13912345678",
        "event_time": event_time,
        "place": "校门口",
        "headcount": 40,
        "subject": subject,
        "description": "约四十名家长聚集校门口。",
        "demands": "要求重新分班。",
        "measures_taken": "校长到场劝导。",
        "leader_on_site": "周某",
        "reported_at": at(day(20), 10),
    }


def _file(t, fields, path, event_time, token="a1b2c3d4e5f60789", view="@@major-event", status=302):
    data = fields(
        "major_event_report",
        _values(event_time),
        [("csrf_token", t.token), ("file", "file"), ("form_token", token)],
    )
    return t.post(f"{path}/{view}", data, status=status)


def test_filing_notifies_the_chain_at_once(app, site_of, user, fields, inbox):
    t = user("zy_s01_liaison")
    res = _file(t, fields, "/zhongyuan/s01", at(day(20), 9, 30))
    assert res.location.endswith("/zhongyuan/s01/event-a1b2c3d4e5f60789/")
    page = res.follow()
    assert "1小时内报告" in page.text and "已报告重大信访事项" in page.text
    for userid in ("zy_officer", "zy_head", "city_officer", "city_head", "city_leader", "city_deputy"):
        assert inbox(userid) == [
            f"【重大信访事项】中原区第一中学报告：事件发生于{TODAY.month}月20日 09:30"
        ], userid
    for userid in ("js_officer", "zy_s01_liaison", "city_leader2", "jichu_handler"):
        assert inbox(userid) == [], userid
    with site_of(app) as site:
        event = find_resource(site, "/zhongyuan/s01/event-a1b2c3d4e5f60789")
        assert event.late is False
        assert minutes(event.filed_at) == at(day(20), 10)  # filed at 10:00


def test_more_than_one_hour_is_late(app, site_of, user, fields, inbox):
    t = user("zy_s01_liaison")
    page = _file(t, fields, "/zhongyuan/s01", at(day(20), 8, 45)).follow()
    assert "超过1小时报告" in page.text
    assert "（已超过1小时）" in inbox("zy_officer")[0]
    listing = user("zy_officer").get("/zhongyuan/@@major-events")
    assert "超过1小时" in listing.text and "家长聚集反映分班问题" in listing.text


def test_a_resubmitted_form_reports_once_and_follow_ups_attach(app, site_of, user, fields, inbox):
    t = user("zy_s01_liaison")
    when = at(day(20), 9, 30)
    _file(t, fields, "/zhongyuan/s01", when)
    again = _file(t, fields, "/zhongyuan/s01", when).follow()
    assert "未重复报告" in again.text
    assert len(inbox("zy_officer")) == 1
    event = "/zhongyuan/s01/event-a1b2c3d4e5f60789"
    _file(t, fields, event, when, token="ffff0000ffff0000", view="@@follow-up")
    _file(t, fields, event, when, token="ffff0000ffff0000", view="@@follow-up")
    with site_of(app) as site:
        assert len(find_resource(site, event).reports()) == 2
    assert len(inbox("zy_officer")) == 2 and "续报" in inbox("zy_officer")[0]
    assert "续报（第1次）" in user("zy_officer").get(event + "/").text


def test_refused_by_role(app, user, fields):
    when = at(day(20), 9, 30)
    _file(user("js_s01_liaison"), fields, "/zhongyuan/s01", when, status=403)
    user("city_officer").get("/zhongyuan/s01/@@major-event", status=403)
    _file(user("zy_s01_liaison"), fields, "/zhongyuan/s01", when)
    user("js_officer").get("/zhongyuan/s01/event-a1b2c3d4e5f60789/", status=403)
    assert "家长聚集" not in user("js_officer").get("/jinshui/@@major-events").text
    export = user("city_officer").get("/@@major-events-export")
    assert export.content_type.endswith("spreadsheetml.sheet")


def test_a_county_reports_too(user, fields, inbox):
    _file(user("zy_officer"), fields, "/zhongyuan", at(day(20), 9, 30))
    assert inbox("city_officer") and inbox("zy_head") and not inbox("zy_officer")


def test_follow_ups_are_refused_to_others(user, fields):
    when = at(day(20), 9, 30)
    _file(user("zy_s01_liaison"), fields, "/zhongyuan/s01", when)
    event = "/zhongyuan/s01/event-a1b2c3d4e5f60789"
    user("zy_officer").get(f"{event}/@@follow-up", status=403)
    _file(
        user("js_s01_liaison"), fields, event, when, token="eeee0000eeee0000", view="@@follow-up", status=403
    )


def test_the_late_flash_and_a_tampered_form_token(app, site_of, user, fields, inbox):
    t = user("zy_s01_liaison")
    page = _file(t, fields, "/zhongyuan/s01", at(day(20), 8, 45)).follow()
    assert "已报告重大信访事项（距事件发生已超过1小时，已记录为逾期报告）" in page.text
    res = _file(t, fields, "/zhongyuan/s01", at(day(20), 9, 30), token="not-a-token")
    assert res.location.endswith("/zhongyuan/s01/@@major-event")
    assert "表单已失效，请重新打开报告页面填写" in res.follow().text
    assert len(inbox("zy_officer")) == 1
