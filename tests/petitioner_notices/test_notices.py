"""The petitioner is told at each step, once, masked on the record, with the query code."""

from pyramid.traversal import find_resource

from portal.petitioner_notices.store import get_store
from portal.public import querycodes
from tests.public.seeding import PETITIONER, SECOND, SECRETS, Seeder

from .conftest import MORNING, later

STEPS = ("accept", "assign", "start_handling", "submit_opinion", "conclude", "reply")


def _messages(in_site, app, path):
    return in_site(
        app,
        lambda site: [
            (m.step, m.channel, m.status, m.masked_to, m.text)
            for m in reversed(get_store(site).of_case(path))
        ],
        commit=False,
    )


def test_each_step_is_told_once_with_the_code_and_the_next_deadline(sms_app, sms, clock, in_site, run_sweep):
    seed = Seeder(sms_app)
    # the steps follow a minute after the registration (the portal's clock stands at MORNING)
    path = seed(
        unit="/zhongyuan",
        received_on=MORNING.date(),
        start=later(MORNING, minutes=1),
        steps=STEPS,
        days_per_step=0,
    )
    report = run_sweep(sms_app, later(MORNING, minutes=5))
    assert ("告知信访人短信和邮件", 1) in report.tasks  # one per phone and run: 30-second rule
    for minutes in range(20, 200, 15):
        run_sweep(sms_app, later(MORNING, minutes=minutes))
    templates = [r["template"] for r in sms.received]
    # queued together (registration and acceptance the same morning): both carry the code
    assert templates == ["registered_code", "accepted_code", "replied"]
    assert {r["phone"] for r in sms.received} == {PETITIONER["phone"]}
    registered, accepted, replied = sms.received
    number = registered["params"][0]
    assert number.startswith("中原教信〔2026〕")
    # the acceptance message carries the code (issued at acceptance) and the handling deadline
    code = accepted["params"][1]
    assert (
        in_site(
            sms_app,
            lambda site: querycodes.verify(site.public_area, code, PETITIONER["phone"][-4:]),
            commit=False,
        )
        == path
    )
    with_deadline = in_site(sms_app, lambda site: find_resource(site, path).deadlines, commit=False)

    def shown(deadline):  # 暂定 when counted through a year without holiday data
        return (
            f"{deadline.due.due_date.year}年{deadline.due.due_date.month}月{deadline.due.due_date.day}日"
            + ("（暂定）" if deadline.due.provisional else "")
        )

    assert accepted["params"][2] == shown(with_deadline["handling"])
    assert replied["params"][1] == shown(with_deadline["review_request"])
    # what the phone shows names nobody and tells nothing of the internal handling
    for _phone, text in sms.texts():
        for secret in SECRETS:
            assert secret not in text
        assert "中原区第一中学" not in text and "交办" not in text
    # idempotent: more sweeps send nothing new; the record is masked, the code hidden
    run_sweep(sms_app, later(MORNING, hours=5))
    assert len(sms.received) == 3
    record = _messages(in_site, sms_app, path)
    assert [(s, c, st, to) for s, c, st, to, _t in record] == [
        ("registered", "sms", "delivered", "139****5678"),
        ("accept", "sms", "delivered", "139****5678"),
        ("reply", "sms", "delivered", "139****5678"),
    ]
    assert all(code not in text for *_r, text in record)
    assert "查询码****-****-****" in record[1][4]


def test_the_record_on_the_case_page(sms_app, sms, clock, in_site, run_sweep):
    from webtest import TestApp

    from portal.testing.web import login

    path = Seeder(sms_app)(
        unit="/zhongyuan",
        received_on=MORNING.date(),
        start=later(MORNING, minutes=1),
        steps=("accept",),
        days_per_step=0,
    )
    run_sweep(sms_app, later(MORNING, minutes=5))
    run_sweep(sms_app, later(MORNING, minutes=20))
    officer = TestApp(sms_app)
    login(officer, "zy_officer")
    page = officer.get(path + "/@@petitioner-notices")
    table = page.html.find(id="notice-record")
    assert "受理告知" in table.get_text() and "139****5678" in table.get_text()
    assert "已送达" in table.get_text()
    assert PETITIONER["phone"] not in page.text and PETITIONER["name"] not in page.text
    other = TestApp(sms_app)
    login(other, "js_officer")
    other.get(path + "/@@petitioner-notices", status=403)


def test_quiet_hours_hold_messages_until_morning(sms_app, sms, clock, in_site, run_sweep):
    night = MORNING.replace(hour=22, minute=30)
    clock.set(night)
    path = Seeder(sms_app)(
        unit="/zhongyuan", received_on=night.date(), start=night, steps=("accept",), days_per_step=0
    )
    for moment in (later(night, minutes=5), later(night, hours=2), later(night, hours=9, minutes=29)):
        run_sweep(sms_app, moment)  # 22:35, 00:30, 07:59
    assert sms.received == []
    queued = _messages(in_site, sms_app, path)
    assert [s for _st, _c, s, _to, _t in queued] == ["queued", "queued"]
    run_sweep(sms_app, later(night, hours=9, minutes=30))  # 08:00
    run_sweep(sms_app, later(night, hours=9, minutes=45))
    assert [r["template"] for r in sms.received] == ["registered_code", "accepted_code"]


def test_a_failed_delivery_is_retried_then_flagged_for_the_office(sms_app, sms, clock, in_site, run_sweep):
    from portal.notifications.centre import notifications_of

    sms.fail_next("InternalError.Timeout", times=3)
    path = Seeder(sms_app)(unit="/zhongyuan", received_on=MORNING.date(), start=MORNING)
    run_sweep(sms_app, later(MORNING, minutes=1))
    [(_s, _c, status, _to, _t)] = _messages(in_site, sms_app, path)
    assert status == "queued" and sms.received == []
    run_sweep(sms_app, later(MORNING, minutes=10))  # before the back-off: not tried
    assert len(sms.refused) == 1
    run_sweep(sms_app, later(MORNING, minutes=32))  # second attempt fails
    run_sweep(sms_app, later(MORNING, hours=3))  # third attempt fails: given up
    assert len(sms.refused) == 3 and sms.received == []
    [(_s, _c, status, _to, _t)] = _messages(in_site, sms_app, path)
    assert status == "failed"
    run_sweep(sms_app, later(MORNING, hours=6))
    assert len(sms.refused) == 3  # never again
    titles = in_site(
        sms_app,
        lambda site: [
            n.title for n in notifications_of(site, "zy_officer") if n.kind == "petitioner_notice_failed"
        ],
        commit=False,
    )
    assert titles and "请书面告知信访人" in titles[0]
    from webtest import TestApp

    from portal.testing.web import login

    officer = TestApp(sms_app)
    login(officer, "zy_officer")
    assert "请以书面方式" in officer.get(path + "/@@petitioner-notices").text
    assert "未能通过短信或邮件送达信访人" in officer.get(path + "/").text


def test_a_failed_receipt_is_retried(sms_app, sms, clock, in_site, run_sweep):
    sms.undeliverable(PETITIONER["phone"])
    path = Seeder(sms_app)(unit="/zhongyuan", received_on=MORNING.date(), start=MORNING)
    run_sweep(sms_app, later(MORNING, minutes=1))  # sent, receipt pending
    run_sweep(sms_app, later(MORNING, minutes=16))  # the receipt says FAIL: retried later
    [(_s, _c, status, _to, _t)] = _messages(in_site, sms_app, path)
    assert status == "queued" and len(sms.received) == 1
    sms._undeliverable.clear()
    run_sweep(sms_app, later(MORNING, minutes=50))
    run_sweep(sms_app, later(MORNING, minutes=65))
    [(_s, _c, status, _to, _t)] = _messages(in_site, sms_app, path)
    assert status == "delivered" and len(sms.received) == 2


def test_a_rate_limit_defers_without_counting_as_a_failure(sms_app, sms, clock, in_site, run_sweep):
    sms.fail_next("LimitExceeded.PhoneNumberOneHourLimit", times=5)
    path = Seeder(sms_app)(unit="/zhongyuan", received_on=MORNING.date(), start=MORNING)
    for minutes in (1, 35, 70, 105, 140, 175, 190):  # five refusals, then sent, then receipt
        run_sweep(sms_app, later(MORNING, minutes=minutes))
    [(_s, _c, status, _to, _t)] = _messages(in_site, sms_app, path)
    assert status == "delivered" and len(sms.received) == 1
    attempts = in_site(sms_app, lambda site: get_store(site).of_case(path)[0].attempts, commit=False)
    assert [a.outcome for a in attempts] == ["deferred"] * 5 + ["submitted", "delivered"]


def test_without_a_mobile_number_the_step_is_recorded_for_writing(sms_app, sms, clock, in_site, run_sweep):
    path = Seeder(sms_app)(unit="/zhongyuan", person=SECOND, received_on=MORNING.date(), start=MORNING)
    run_sweep(sms_app, later(MORNING, minutes=1))
    [(_s, _c, status, _to, _t)] = _messages(in_site, sms_app, path)
    assert status == "withheld" and sms.received == []


def test_without_a_gateway_messages_stay_in_the_outbox_and_the_log(app, clock, in_site, run_sweep, caplog):
    import logging

    path = Seeder(app)(unit="/zhongyuan", received_on=MORNING.date(), start=MORNING)
    with caplog.at_level(logging.INFO, logger="portal.petitioner_notices.delivery"):
        run_sweep(app, later(MORNING, minutes=1))
        run_sweep(app, later(MORNING, minutes=20))
    [(_s, _c, status, to, _t)] = _messages(in_site, app, path)
    assert status == "queued"
    assert caplog.text.count("not sent: sms is not configured") == 1
    assert PETITIONER["phone"] not in caplog.text and "139****5678" in caplog.text


def test_a_bad_sms_configuration_stops_start_up(app_factory, sms):
    import pytest

    settings = sms.settings()
    settings["sms.templates"] = settings["sms.templates"].split(" ", 1)[1]
    with pytest.raises(ValueError, match="sms.templates: missing"):
        app_factory(**settings)
    from portal.petitioner_notices.gateway import gateway_from_settings

    with pytest.raises(ValueError, match="sms.provider"):
        gateway_from_settings({"sms.provider": "carrier-pigeon"})
    with pytest.raises(ValueError, match="sms.secret_key"):
        gateway_from_settings(dict(sms.settings(), **{"sms.secret_key": ""}))


def test_the_petitioner_opts_out_on_the_query_page_and_it_holds(sms_app, sms, clock, in_site, run_sweep):
    from webtest import TestApp

    path = Seeder(sms_app)(
        unit="/zhongyuan",
        received_on=MORNING.date(),
        start=later(MORNING, minutes=1),
        steps=("accept",),
        days_per_step=0,
    )
    run_sweep(sms_app, later(MORNING, minutes=1))  # one message out, one waiting
    assert len(sms.received) == 1
    code = sms.received[0]["params"][1]
    anon = TestApp(sms_app, extra_environ={"REMOTE_ADDR": "127.0.0.9"})
    page = anon.get("/public/query")
    form = page.forms["query-form"]
    form["code"], form["factor"] = code, PETITIONER["phone"][-4:]
    page = form.submit().follow()
    assert "不再接收短信和邮件通知" in page.text
    page = page.forms["notices-form"].submit().follow()
    assert "已停止发送短信和邮件通知" in page.text and "恢复短信和邮件通知" in page.text
    run_sweep(sms_app, later(MORNING, minutes=30))
    assert len(sms.received) == 1  # the waiting one was cancelled
    from portal.petitioner_notices.queueing import queue_step

    def a_later_step(site):  # e.g. the reply, weeks later: recorded for a written notice
        queue_step(
            site, sms_app.registry, find_resource(site, path), "reply", later(MORNING, hours=2), "reply:test"
        )

    in_site(sms_app, a_later_step)
    run_sweep(sms_app, later(MORNING, hours=3))
    assert len(sms.received) == 1
    statuses = [s for _st, _c, s, _to, _t in _messages(in_site, sms_app, path)]
    assert statuses == ["delivered", "cancelled", "withheld"]
    # and back on: the next step goes out again
    page = anon.get("/public/my-case")
    page = page.forms["notices-form"].submit().follow()
    assert "已恢复短信和邮件通知" in page.text


def test_mail_goes_where_the_case_has_an_address(app_factory, sms, clock, in_site, run_sweep):
    """A petitioner with an e-mail address on the case gets the same text by mail (SMTP on
    loopback), recorded beside the text message."""
    import email
    import socket
    from email.header import decode_header, make_header

    from aiosmtpd.controller import Controller

    class Collector:
        messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(email.message_from_bytes(envelope.content))
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        app = app_factory(
            **dict(
                sms.settings(),
                **{
                    "mail.host": "127.0.0.1",
                    "mail.port": str(port),
                    "mail.default_sender": "xinfang@zzedu.example",
                },
            )
        )
        person = dict(PETITIONER, email="ouyang@example.com")
        path = Seeder(app)(unit="/zhongyuan", person=person, received_on=MORNING.date(), start=MORNING)
        run_sweep(app, later(MORNING, minutes=1))
        run_sweep(app, later(MORNING, minutes=16))
        [mail] = handler.messages
        assert mail["To"] == "ouyang@example.com"
        assert "登记告知" in str(make_header(decode_header(mail["Subject"])))
        body = mail.get_payload(decode=True).decode("utf-8")
        assert "已登记" in body and PETITIONER["name"] not in body
        record = _messages(in_site, app, path)
        assert sorted((c, st, to) for _s, c, st, to, _t in record) == [
            ("mail", "delivered", "o***@example.com"),
            ("sms", "delivered", "139****5678"),
        ]
    finally:
        controller.stop()


def test_an_online_petition_with_an_address_is_told_by_both_channels(app_factory, sms, clock, in_site):
    from webtest import TestApp

    from tests.public.test_online_petition import cases, fill

    app = app_factory(**dict(sms.settings(), **{"portal.public.min_form_seconds": "0"}))
    anon = TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.7"})
    refused = fill(anon.get("/public/petition"), email="not-an-address").submit("submit", status=400)
    assert "请填写有效的电子邮箱" in refused.text
    res = fill(anon.get("/public/petition"), email="ouyang@example.com").submit("submit")
    assert "您的信访事项已提交" in res.text
    code = res.html.find(id="query-code").text.strip()

    def record(site):
        (case,) = cases(site)
        from pyramid.traversal import resource_path

        return [
            (m.channel, m.template, m.params.get("code"), m.masked_to)
            for m in get_store(site).of_case(resource_path(case))
        ]

    assert sorted(in_site(app, record, commit=False)) == [
        ("mail", "registered_code", code, "o***@example.com"),
        ("sms", "registered_code", code, "139****5678"),
    ]
