"""A warning about a due date counted through a year without holiday data says it is 暂定, in
the notice and in the mail."""

from datetime import date, timedelta

from portal import clock as portal_clock
from portal.deadlines import supported_years
from portal.notifications.sweep import sweep

from .conftest import add_deadline_object, set_emails, subject_of

NO_DATA = max(supported_years()) + 1  # the first year chinese-calendar does not know


def test_warning_and_mail_mark_a_provisional_due_date(mail_app, site_of, smtp):
    with site_of(mail_app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example")
        obj = add_deadline_object(site, mail_app.registry, trigger=date(NO_DATA - 1, 12, 1))
        deadline = obj.deadlines["handling"]
        due = deadline.due.due_date
        assert due.year == NO_DATA and deadline.provisional
    now = portal_clock.at(due + timedelta(days=1), 10)
    while now.weekday() >= 5:  # a weekday, so the mail leaves at once
        now += timedelta(days=1)
    with site_of(mail_app, commit=True) as site:
        sweep(site, mail_app.registry, now)
    subjects = [subject_of(m) for m in smtp.messages if subject_of(m).startswith("【信访平台】测试事项")]
    assert subjects == [f"【信访平台】测试事项：办理期限已超期（{due.isoformat()}，暂定）"]
