"""Reminders (催报) and the notices of the reporting concern, through portal.notifications.

Contract: every function takes the site and returns the userids (or a count) notified; titles
name units and months, never a petitioner (mail carries only the title and a link).

* :func:`remind_monthly` -- the filers of each given unit that has not filed ``month``;
* :func:`remind_zero` -- the filers of each given unit that has not filed today's zero report;
* :func:`notify_returned` -- the filers of a report the receiving unit returned;
* :func:`remind_full_screening` -- once a month, every filing unit's filers: do the monthly
  full risk screening (called by cron or the sweep; idempotent per month).
"""

from pyramid.traversal import resource_path

from portal import clock
from portal.i18n import _
from portal.notifications import Kind, notify

from .months import month_key, month_title
from .store import get_store
from .units import filers_of, filing_docids

REMINDER = Kind("report_reminder", _("报表催报"))
RETURNED = Kind("report_returned", _("报表退回修改"))
MAJOR_EVENT = Kind("major_event", _("重大信访事项报告"))
SCREENING = Kind("screening_reminder", _("矛盾隐患排查提醒"))


def _url(unit, view):
    return (resource_path(unit) or "") + "/@@" + view


def remind_monthly(site, units, month, registry=None, sender_title=""):
    """Notify the filers of ``units`` to file ``month``'s report; returns (notified, without)
    where ``without`` lists the units that have nobody to remind."""
    notified, without = [], []
    for unit in units:
        people = filers_of(unit)
        if not people:
            without.append(unit)
            continue
        title = _(
            "请尽快报送${unit}${month}信访工作月报表",
            mapping={"unit": unit.title, "month": month_title(month)},
        )
        body = _(
            "${sender}催报：${month}月报表应于每月25日前报送。",
            mapping={"sender": sender_title, "month": month_title(month)},
        )
        notified += notify(
            site,
            people,
            REMINDER.code,
            title,
            body,
            _url(unit, f"monthly-report?month={month}"),
            registry=registry,
        )
    return notified, without


def remind_zero(site, units, period, day, registry=None):
    """Notify the filers of ``units`` to file the zero report of ``day`` in ``period``."""
    notified, without = [], []
    for unit in units:
        people = filers_of(unit)
        if not people:
            without.append(unit)
            continue
        title = _(
            "请于${hour}时前报送${unit}${month}月${day}日零报告",
            mapping={"hour": period.deadline_hour, "unit": unit.title, "month": day.month, "day": day.day},
        )
        notified += notify(
            site,
            people,
            REMINDER.code,
            title,
            _("重点时期：${period}", mapping={"period": period.title}),
            _url(unit, f"zero-report?period={period.id}"),
            registry=registry,
        )
    return notified, without


def notify_returned(report, event):
    """The receiving unit returned ``report``: tell its filers, with the reason in the body."""
    site = event.request.root if event.request is not None else _root(report)
    unit = report.unit
    notify(
        site,
        filers_of(unit),
        RETURNED.code,
        _("${report}被退回修改", mapping={"report": report.title}),
        _("退回理由：${reason}", mapping={"reason": event.comment}),
        resource_path(report),
        registry=event.request.registry if event.request is not None else None,
    )


def remind_full_screening(site, registry=None, when=None):
    """Once per month (Shanghai): ask every filing unit's filers for the full risk screening.

    Returns the number of people notified (0 if this month's reminder already went out).
    Changes only the notification store and ``site.reports``; the caller commits.
    """
    when = when or clock.now()
    month = month_key(clock.as_date(when))
    store = get_store(site)
    if month in store.screening_reminded:
        return 0
    store.screening_reminded[month] = when
    count = 0
    title = _("请开展${month}矛盾隐患全面排查并更新排查台账", mapping={"month": month_title(month)})
    for docid in sorted(filing_docids(site, site)):
        unit = site.docmap.get(docid)
        if unit is None:
            continue
        count += len(
            notify(
                site,
                filers_of(unit),
                SCREENING.code,
                title,
                _("《实施办法》第六章第一节：每月开展一次矛盾隐患全面排查。"),
                _url(unit, "risk-ledger"),
                registry=registry,
                now=when,
            )
        )
    return count


def _root(obj):
    while obj.__parent__ is not None:
        obj = obj.__parent__
    return obj


def main(argv=None):
    """``portal-screening-reminder INI``: the monthly full-screening reminder (cron-friendly:
    it notifies at most once a month, however often it runs)."""
    import argparse

    from portal.storage.scripts import run_on_site

    parser = argparse.ArgumentParser(description=_("每月矛盾隐患全面排查提醒"))
    parser.add_argument("config_uri")
    args = parser.parse_args(argv)

    def work(env):
        for attempt in env["request"].tm.attempts(3):
            with attempt:
                count = remind_full_screening(env["root"], env["registry"])
        print(f"已提醒 {count} 人" if count else _("本月已提醒过，未重复发送"))
        return 0

    return run_on_site(args.config_uri, work)
