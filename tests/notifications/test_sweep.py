"""The sweep: deadline warnings once per level, to the right people; queued mail; the script."""

import shutil
from datetime import date, timedelta

from portal import clock as portal_clock
from portal.notifications import unread_count
from portal.notifications.centre import notifications_of
from portal.notifications.recipients import deadline_recipients, default_recipients
from portal.notifications.sweep import main, sweep
from portal.security.principals import user_principal as U
from portal.testing.web import BASE_SETTINGS, close_app, file_uri, make_app

from .conftest import add_deadline_object, body_of, mail_settings, set_emails, subject_of


def at(day, hour=10):
    return portal_clock.at(day, hour)


def _setup(app, site_of):
    with site_of(app, commit=True) as site:
        obj = add_deadline_object(site, app.registry)
        return obj.deadlines["handling"].due.due_date


def _sweep(app, site_of, now):
    with site_of(app, commit=True) as site:
        return sweep(site, app.registry, now)


def _titles(app, site_of, userid):
    with site_of(app) as site:
        return [(n.kind, n.title, n.url) for n in notifications_of(site, userid)]


def test_due_soon_today_and_overdue_are_raised_once_each(app, site_of):
    due = _setup(app, site_of)
    assert _sweep(app, site_of, at(due - timedelta(days=10))).raised == 0
    assert _sweep(app, site_of, at(due - timedelta(days=3))).raised == 2  # zy_head, zy_officer
    assert _sweep(app, site_of, at(due - timedelta(days=3), 11)).raised == 0
    assert _sweep(app, site_of, at(due - timedelta(days=1))).raised == 0
    assert _sweep(app, site_of, at(due, 8)).raised == 2
    assert _sweep(app, site_of, at(due, 17)).raised == 0
    assert _sweep(app, site_of, at(due + timedelta(days=1))).raised == 2
    assert _sweep(app, site_of, at(due + timedelta(days=9))).raised == 0
    day = due.isoformat()
    expected = [
        ("deadline_overdue", f"测试事项：办理期限已超期（{day}）", "/zhongyuan/s01/tcase"),
        ("deadline_due_today", f"测试事项：办理期限今日到期（{day}）", "/zhongyuan/s01/tcase"),
        ("deadline_due_soon", f"测试事项：办理期限即将到期（{day}）", "/zhongyuan/s01/tcase"),
    ]
    assert _titles(app, site_of, "zy_officer") == expected
    assert _titles(app, site_of, "zy_head") == expected
    for bystander in ("zy_s01_liaison", "city_officer", "js_officer"):
        assert _titles(app, site_of, bystander) == []


def test_a_new_due_date_starts_a_new_round_and_closed_deadlines_are_quiet(app, site_of):
    from portal.catalog import index_object
    from portal.deadlines import HolidayCalendar

    due = _setup(app, site_of)
    assert _sweep(app, site_of, at(due)).raised == 2
    with site_of(app, commit=True) as site:
        obj = site["zhongyuan"]["s01"]["tcase"]
        obj.deadlines["handling"].extend(
            10, HolidayCalendar(), reason="情况复杂", approved_by="陈国庆", actor="zy_head"
        )
        index_object(obj, site)
        new_due = obj.deadlines["handling"].due.due_date
    assert new_due > due
    assert _sweep(app, site_of, at(new_due - timedelta(days=2))).raised == 2  # due soon again
    with site_of(app, commit=True) as site:
        obj = site["zhongyuan"]["s01"]["tcase"]
        obj.deadlines["handling"].complete(new_due, actor="zy_officer")
        index_object(obj, site)
    assert _sweep(app, site_of, at(new_due + timedelta(days=1))).raised == 0
    with site_of(app) as site:
        assert unread_count(site, "zy_officer") == 2


def test_paused_deadlines_raise_nothing(app, site_of):
    due = _setup(app, site_of)
    with site_of(app, commit=True) as site:
        deadline = site["zhongyuan"]["s01"]["tcase"].deadlines["handling"]
        deadline.pause(due - timedelta(days=20), reason="等待鉴定结论", actor="zy_officer")
    assert _sweep(app, site_of, at(due + timedelta(days=1))).raised == 0


def test_recipients_hook_and_default():
    from pyramid.testing import DummyResource

    class WithHook:
        def deadline_recipients(self, name):
            return ["handler_" + name]

    assert deadline_recipients(WithHook(), "handling") == ["handler_handling"]
    root = DummyResource(__local_roles__={U("city_officer"): ("petition_officer",)})
    county = root["zy"] = DummyResource(
        __local_roles__={
            U("zy_head"): ("petition_head",),
            U("zy_leader"): ("principal_leader",),
            "group:xinfangke": ("petition_officer",),
        }
    )
    school = county["s01"] = DummyResource(
        __local_roles__={"group:all": ("petition_officer",), U("liaison"): ("unit_liaison",)}
    )
    case = school["case"] = DummyResource()
    assert default_recipients(case) == ["zy_head"]  # nearest level with people; groups skipped
    assert default_recipients(county) == ["zy_head"]
    assert default_recipients(root) == ["city_officer"]
    school.__block_inheritance__ = True
    assert default_recipients(case) == []


def test_sweep_mails_deadline_warnings_in_working_hours_without_identity(mail_app, site_of, smtp):
    with site_of(mail_app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example")
        obj = add_deadline_object(site, mail_app.registry)
        due = obj.deadlines["handling"].due.due_date
    now = at(due + timedelta(days=1))
    while now.weekday() >= 5:  # a weekday, so the mail leaves at once
        now += timedelta(days=1)
    _sweep(mail_app, site_of, now)
    [entry] = smtp.messages
    assert entry["to"] == ["liuyang@zzedu.example"]
    assert subject_of(entry) == f"【信访平台】测试事项：办理期限已超期（{due.isoformat()}）"
    assert "https://xinfang.zzedu.example/zhongyuan/s01/tcase" in body_of(entry)
    _sweep(mail_app, site_of, now + timedelta(hours=1))
    assert len(smtp.messages) == 1


def test_console_script_end_to_end(tmp_path, demo_db_dir, smtp, clock, capsys):
    target = tmp_path / "db"
    shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    app = make_app(file_uri(target))
    conn = app.registry._zodb_databases[""].open()
    site = conn.root()["portal"]
    set_emails(site, zy_head="chenguoqing@zzedu.example")
    obj = add_deadline_object(site, app.registry, trigger=date(2026, 9, 7))
    due = obj.deadlines["handling"].due.due_date
    assert due == date(2026, 11, 6)  # a Friday: the evening and morning below are weekdays
    import transaction

    transaction.commit()
    conn.close()
    close_app(app)
    settings = dict(BASE_SETTINGS, **mail_settings(smtp.port), **{"zodbconn.uri": file_uri(target)})
    ini = tmp_path / "sweep.ini"
    ini.write_text(
        "[app:main]\nuse = egg:zz-petition-portal\n" + "".join(f"{k} = {v}\n" for k, v in settings.items())
    )
    evening = at(due - timedelta(days=2), 19)  # after hours: notices now, mail queued
    clock.set(evening)
    assert main([str(ini)]) == 0
    assert "期限提醒 2 条，发送邮件 0 封，待发邮件 1 封" in capsys.readouterr().out
    assert smtp.messages == []
    clock.set(evening + timedelta(minutes=30))
    assert main([str(ini)]) == 0
    assert "期限提醒 0 条，发送邮件 0 封，待发邮件 1 封" in capsys.readouterr().out
    clock.set(evening + timedelta(hours=14))  # 09:00 the next day, still due soon
    assert main([str(ini)]) == 0
    out = capsys.readouterr().out
    assert "发送邮件 1 封，待发邮件 0 封" in out
    [entry] = smtp.messages
    assert entry["to"] == ["chenguoqing@zzedu.example"] and "即将到期" in subject_of(entry)
    assert main([str(ini)]) == 0
    assert len(smtp.messages) == 1
    app = make_app(file_uri(target))
    conn = app.registry._zodb_databases[""].open()
    try:
        assert unread_count(conn.root()["portal"], "zy_head") >= 1
    finally:
        conn.close()
        close_app(app)


def test_console_script_refuses_an_unevolved_database(unevolved_ini, capsys):
    assert main([str(unevolved_ini)]) == 2
    assert "请先运行 portal-evolve" in capsys.readouterr().err


def test_notice_labels_never_use_free_titles():
    from portal.notifications.sweep import notice_label
    from portal.resources import Unit

    class Case:
        title = "张三反映工资拖欠问题"
        number = "ZZ-2026-0001"

    class Labelled(Case):
        def notice_label(self):
            return "第1号事项"

    assert notice_label(Unit("中原区第一中学", "school")) == "中原区第一中学"
    assert notice_label(Case()) == "信访事项 ZZ-2026-0001"
    assert notice_label(Labelled()) == "第1号事项"
