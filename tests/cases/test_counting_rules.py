"""Counting from what the law counts from.

* The window for a review request (复查) runs 30 days from the day the petitioner *received* the
  written reply (送达), recorded on the reply or afterwards on the case page -- not from the
  reply step.
* A case handed down with the higher body's own time limit is extended only with that body's
  recorded consent, and a page sets the new date.
"""

from datetime import timedelta

from pyramid.traversal import find_resource

from portal.testing.web import csrf_token

from .conftest import TODAY
from .test_transitions_by_role import put_in_state

REPLY = {
    "addressee_kind": "petitioner",
    "addressee": "张三丰",
    "subject": "反映某中学违规收费问题",
    "content": "经查，学校已全额退还资料费。",
    "delivery": "post",
    "issuing_unit": "郑州市教育局",
    "replied_on": TODAY,
}


def _off_rest_days(calendar, day):
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def _replied_case(flow, **reply):
    """A city case replied by the city officer; the reply says ``reply`` (e.g. delivered_on)."""
    path = flow.register()
    put_in_state(flow, path, "concluded")

    def write_reply(case):
        from portal.documents.api import add_document

        case.deliveries = {}
        add_document(case, "reply", dict(REPLY, **reply), "city_officer", registry=flow.app.registry)

    flow.case(path, write_reply)
    flow.must("city_officer", path, "reply")
    return flow.user("city_officer"), path


def _window(flow, path):
    with flow.site_of(flow.app) as site:
        case = find_resource(site, path)
        deadline = case.deadlines.get("review_request")
        return (
            deadline.trigger,
            deadline.due.due_date,
        ) if deadline is not None else None, site.holiday_calendar


def test_the_review_window_counts_from_the_delivery_recorded_on_the_reply(flow, clock):
    delivered = TODAY + timedelta(days=3)
    clock.set(clock.now() + timedelta(days=3))
    _officer, path = _replied_case(flow, delivered_on=delivered)
    window, calendar = _window(flow, path)
    assert window == (delivered, _off_rest_days(calendar, delivered + timedelta(days=30)))


def test_a_reply_in_the_post_counts_from_its_delivery_once_recorded(flow, clock):
    officer, path = _replied_case(flow)  # no delivery day yet: the reply day stands in
    window, calendar = _window(flow, path)
    assert window == (TODAY, _off_rest_days(calendar, TODAY + timedelta(days=30)))
    assert "答复尚未登记送达" in officer.get(path).text

    clock.set(clock.now() + timedelta(days=9))
    delivered = TODAY + timedelta(days=8)
    form = officer.get(path + "@@record-delivery").forms["portal-form"]
    form["delivery"] = "post"
    form["date"] = delivered.isoformat()
    page = form.submit("save", status=302).follow()
    window, calendar = _window(flow, path)
    due = _off_rest_days(calendar, delivered + timedelta(days=30))
    assert window == (delivered, due)
    assert f"已登记送达：邮寄，{delivered.isoformat()} 送达，复查申请期限至 {due.isoformat()}" in page.text
    assert "答复尚未登记送达" not in page.text
    from portal.cases.review import window as review_window
    from portal.public.petitioner import own_view

    with flow.site_of(flow.app) as site:
        case = find_resource(site, path)
        assert case.workflow_history[-1].transition_title == "登记送达"
        assert case.deadlines["review_request"].log[-1].action == "retriggered"
        assert review_window(case, "review", site.holiday_calendar) == (delivered, due)
        assert own_view(site, path, due).review_until == due
        assert own_view(site, path, due).may_request_review
        assert not own_view(site, path, due + timedelta(days=1)).may_request_review

    # a correction moves the start (logged), never before the reply
    form = officer.get(path + "@@record-delivery").forms["portal-form"]
    form["date"] = (delivered - timedelta(days=1)).isoformat()
    form.submit("save", status=302)
    assert _window(flow, path)[0][0] == delivered - timedelta(days=1)
    form = officer.get(path + "@@record-delivery").forms["portal-form"]
    form["date"] = (TODAY - timedelta(days=1)).isoformat()
    assert "送达日期不得早于答复日期" in form.submit("save", status=302).follow().text
    assert _window(flow, path)[0][0] == delivered - timedelta(days=1)


def test_only_those_who_reply_record_the_delivery(flow):
    _officer, path = _replied_case(flow)
    leader = flow.user("city_leader")
    leader.get(path + "@@record-delivery", status=403)
    assert "@@record-delivery" not in leader.get(path).text


def _handed_down_case(flow, due):
    path = flow.register()

    def hand_down(case):
        from portal.cases.lifecycle import start_deadline
        from portal.time_limits import get_calendar

        calendar = get_calendar(case.__parent__)
        case.handed_down_by = "河南省教育厅"
        start_deadline(case, "handling", TODAY, calendar, "city_officer")
        case.deadlines["handling"].set_override(due, calendar, by="河南省教育厅", actor="city_officer")

    flow.case(path, hand_down)
    put_in_state(flow, path, "handling")
    return path


def test_a_handed_down_case_is_extended_with_the_higher_bodys_consent(flow):
    due = TODAY + timedelta(days=20)
    path = _handed_down_case(flow, due)
    leader = flow.user("city_leader")
    page = leader.get(path)
    assert "@@consent-extension" in page.text and "批准延期" not in page.text
    # the statutory extension stays refused for a date the higher body set
    leader.post(path + "@@extend", {"csrf_token": csrf_token(leader), "confirm": "1"})
    with flow.site_of(flow.app) as site:
        assert find_resource(site, path).deadlines["handling"].due.due_date == due

    form = leader.get(path + "@@consent-extension").forms["portal-form"]
    assert form["consented_by"].value == "河南省教育厅"
    new_due = due + timedelta(days=15)
    form.set("date", new_due.isoformat(), index=0)  # due_on, consented_on
    form["record"] = "豫教信函〔2026〕8号"
    form["reason"] = "涉及多部门，需补充调查"
    page = form.submit("save", status=302).follow()
    assert f"已按河南省教育厅同意延期，办理期限延至 {new_due.isoformat()}" in page.text
    with flow.site_of(flow.app) as site:
        case = find_resource(site, path)
        deadline = case.deadlines["handling"]
        assert deadline.due.due_date == new_due and deadline.due.overridden
        [consent] = deadline.consents
        assert (consent.by, consent.record, consent.due_date) == (
            "河南省教育厅",
            "豫教信函〔2026〕8号",
            new_due,
        )
        assert case.workflow_history[-1].transition_title == "上级同意延期"

    form = leader.get(path + "@@consent-extension").forms["portal-form"]
    form.set("date", (new_due - timedelta(days=1)).isoformat(), index=0)
    form["record"], form["reason"] = "电话记录", "再延"
    assert f"延期后的期限须晚于原期限 {new_due.isoformat()}" in form.submit("save").follow().text


def test_consent_extension_is_refused_by_role_and_without_a_higher_date(flow):
    path = _handed_down_case(flow, TODAY + timedelta(days=20))
    flow.user("city_officer").get(path + "@@consent-extension", status=403)  # does not instruct
    leader = flow.user("city_leader")
    plain = flow.register(subject="普通事项：食堂卫生", confirm_new=True)
    put_in_state(flow, plain, "handling")  # where a leader may instruct
    res = leader.get(plain + "@@consent-extension", status=302).follow()
    assert "只有上级机关指定期限、尚在办理中的事项" in res.text
