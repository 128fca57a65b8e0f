"""Mail through a real SMTP server on loopback: recipient, Chinese subject, no identity, sent at
commit only, held back outside working hours, preferences honoured."""

import transaction

from portal.notifications import notify, registered_kinds, set_mail_kinds
from portal.notifications.mail import send_queued
from portal.notifications.store import get_store
from portal.testing.web import login

from .conftest import IN_HOURS, OUT_OF_HOURS, SENDER, body_of, set_emails, subject_of


def _notify(app, site_of, now, kind="task", users=("zy_officer",), commit=True, **kw):
    with site_of(app, commit=commit) as site:
        return notify(
            site,
            list(users),
            kind,
            "请处理新交办的事项",
            body="信访人张三，电话13800000000",
            url="/zhongyuan/s01/",
            registry=app.registry,
            now=now,
            **kw,
        )


def test_mail_arrives_in_working_hours_with_a_chinese_subject_and_no_identity(mail_app, site_of, smtp):
    with site_of(mail_app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example")
    _notify(mail_app, site_of, IN_HOURS)
    [entry] = smtp.messages
    assert entry["to"] == ["liuyang@zzedu.example"] and entry["from"] == SENDER
    assert subject_of(entry) == "【信访平台】请处理新交办的事项"
    body = body_of(entry)
    assert "请处理新交办的事项" in body and "刘洋，您好" in body
    assert "https://xinfang.zzedu.example/zhongyuan/s01/" in body
    assert "张三" not in body and "13800000000" not in body  # the notice's body stays in-app


def test_mail_is_sent_only_at_commit(mail_app, site_of, smtp):
    with site_of(mail_app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example")
    _notify(mail_app, site_of, IN_HOURS, commit=False)  # the opener aborts
    assert smtp.messages == []
    with site_of(mail_app) as site:
        assert get_store(site).inbox("zy_officer") is None  # the notice went with the abort


def test_a_failed_request_sends_nothing(mail_app, web, site_of, smtp, clock):
    clock.set(IN_HOURS)
    with site_of(mail_app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example")
    login(web, "zy_officer")
    res = web.get("/@@test-notify-fail", status=500)
    assert "系统繁忙" in res.text
    assert smtp.messages == []
    with site_of(mail_app) as site:
        assert get_store(site).inbox("zy_officer") is None
    web.get("/@@test-notify", status=200)
    [entry] = smtp.messages
    assert entry["to"] == ["liuyang@zzedu.example"] and "张三" not in body_of(entry)


def test_outside_working_hours_mail_is_queued_then_sent_by_the_sweep(mail_app, site_of, smtp):
    from datetime import timedelta

    from portal.notifications.sweep import sweep

    with site_of(mail_app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example")
    _notify(mail_app, site_of, OUT_OF_HOURS)
    assert smtp.messages == []
    with site_of(mail_app) as site:
        assert len(get_store(site).outbox) == 1
    with site_of(mail_app, commit=True) as site:  # next morning, 07:59: still too early
        assert sweep(site, mail_app.registry, IN_HOURS + timedelta(hours=21, minutes=59)).mailed == 0
    assert smtp.messages == []
    with site_of(mail_app, commit=True) as site:  # 08:30
        report = sweep(site, mail_app.registry, IN_HOURS + timedelta(hours=22, minutes=30))
        assert report.queued == 0
    # (the sweep may also mail warnings of its own, e.g. reports missing on the demo database)
    [entry] = [m for m in smtp.messages if subject_of(m) == "【信访平台】请处理新交办的事项"]
    assert entry["to"] == ["liuyang@zzedu.example"] and "张三" not in body_of(entry)
    sent = len(smtp.messages)
    with site_of(mail_app, commit=True) as site:
        assert sweep(site, mail_app.registry, IN_HOURS + timedelta(hours=23)).mailed == 0
    assert len(smtp.messages) == sent


def test_weekend_mail_waits_for_monday(mail_app, site_of, smtp):
    from datetime import timedelta

    saturday = IN_HOURS + timedelta(days=3)
    with site_of(mail_app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example")
    _notify(mail_app, site_of, saturday)
    with site_of(mail_app, commit=True) as site:
        assert send_queued(site, mail_app.registry, saturday + timedelta(days=1)) == 0
        assert send_queued(site, mail_app.registry, saturday + timedelta(days=2)) == 1
    assert len(smtp.messages) == 1


def test_aborted_sweep_keeps_the_queue_and_sends_nothing(mail_app, site_of, smtp):
    with site_of(mail_app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example")
    _notify(mail_app, site_of, OUT_OF_HOURS)
    with site_of(mail_app) as site:  # aborted
        assert send_queued(site, mail_app.registry, IN_HOURS.replace(day=26)) == 1
    assert smtp.messages == []
    with site_of(mail_app) as site:
        assert len(get_store(site).outbox) == 1


def test_preferences_and_missing_addresses_are_honoured(mail_app, site_of, smtp):
    with site_of(mail_app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example", zy_head="chenguoqing@zzedu.example")
        set_mail_kinds(site, "zy_head", ["deadline_overdue"], mail_app.registry)
    _notify(mail_app, site_of, IN_HOURS, users=("zy_officer", "zy_head", "js_officer"))
    assert [m["to"] for m in smtp.messages] == [["liuyang@zzedu.example"]]  # js_officer: no address
    _notify(mail_app, site_of, IN_HOURS, kind="deadline_overdue", users=("zy_head",))
    _notify(mail_app, site_of, IN_HOURS, kind="message", users=("zy_officer",))  # off by default
    _notify(mail_app, site_of, IN_HOURS, users=("zy_officer",), mail=False)
    assert [m["to"] for m in smtp.messages] == [["liuyang@zzedu.example"], ["chenguoqing@zzedu.example"]]
    with site_of(mail_app) as site:  # every notice is still in the centre
        from portal.notifications import unread_count

        assert unread_count(site, "zy_officer") == 3 and unread_count(site, "js_officer") == 1


def test_preferences_form_changes_what_is_mailed(mail_app, web, site_of, smtp):
    with site_of(mail_app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example")
    login(web, "zy_officer")
    form = web.get("/@@notifications").forms["notification-preferences"]
    boxes = form.fields["checkbox"]
    registered = registered_kinds(mail_app.registry)
    assert sorted(b._value for b in boxes) == sorted(registered)  # one checkbox per kind
    assert sorted(b._value for b in boxes if b.checked) == sorted(
        c for c, k in registered.items() if k.mail_default
    )
    for box in boxes:
        box.checked = box._value == "deadline_overdue"
    res = form.submit("save", status=302).follow()
    assert "已保存邮件设置" in res.text
    _notify(mail_app, site_of, IN_HOURS, kind="task")
    assert smtp.messages == []
    _notify(mail_app, site_of, IN_HOURS, kind="deadline_overdue")
    assert len(smtp.messages) == 1


def test_mail_is_off_without_mail_host(app, site_of, caplog):
    import logging

    with site_of(app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example")
    with caplog.at_level(logging.INFO, logger="portal.notifications.mail"):
        _notify(app, site_of, IN_HOURS)
    assert "mail is off" in caplog.text
    with site_of(app) as site:
        assert len(get_store(site).outbox) == 0


def test_a_dead_mail_server_does_not_break_the_committed_action(app_factory, site_of, caplog):
    from .conftest import free_port, mail_settings

    app = app_factory(**mail_settings(free_port()))  # nobody listens there
    with site_of(app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example")
    _notify(app, site_of, IN_HOURS)
    with site_of(app) as site:
        from portal.notifications import unread_count

        assert unread_count(site, "zy_officer") == 1
    assert "failed after commit" in caplog.text
    transaction.abort()
