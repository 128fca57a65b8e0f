"""The duties' overdue work climbs the tree (escalation sources, ``portal.escalation``).

* ``leading_group_meeting`` -- a unit whose leading group did not meet in a month (one of the
  last two complete months the portal judges); due the month's last day.
* ``principal_reception`` -- a bureau whose principal leader did not receive as required in
  such a month; due the month's last day.
* ``reception_register`` -- a reception day passed without its register (the last 62 days);
  due the day itself.
* ``training_coverage`` -- a unit whose petition staff were not all trained in the last year
  the portal judges; due 31 December.

The escalation sweep tells the level above once (and the one above that after 30 more days)
and keeps the item on its 下级逾期 list until the source stops reporting it (a meeting or a
register filed late, for instance).
"""

from datetime import date, timedelta

from .dates import month_key, month_label, month_range, previous_month
from .leading_group import meeting_status
from .receptions.figures import month_status
from .receptions.model import days_between
from .scope import BUREAU_KINDS, GROUP_KINDS, path_of
from .store import get_store

PERIOD_DAYS = 30
REGISTER_WINDOW = 62


def _units(site, kinds):
    from .sweep import units_of_kinds

    return units_of_kinds(site, kinds)


def _past_months(site, today, count=2):
    since = get_store(site).since
    month, out = month_key(today), []
    for _ in range(count):
        month = previous_month(month)
        if month >= since:
            out.append(month)
    return out


def _last_day(month):
    return month_range(month)[1] - timedelta(days=1)


def _item(**kw):
    from portal.escalation import OverdueItem

    return OverdueItem(period_days=PERIOD_DAYS, **kw)


def find_missed_meetings(site, today):
    if getattr(site, "duties", None) is None:
        return
    months = _past_months(site, today)
    for unit in _units(site, GROUP_KINDS) if months else ():
        path = path_of(unit)
        for month in months:
            if meeting_status(site, unit, month, today).code == "missed":
                yield _item(
                    key=f"{path}:{month}",
                    label=f"{month_label(month)}信访工作领导小组会议",
                    late_unit=path,
                    due=_last_day(month),
                    url=f"{path}/@@leading-group",
                )


def find_missed_receptions(site, today):
    if getattr(site, "duties", None) is None:
        return
    months = _past_months(site, today)
    for unit in _units(site, BUREAU_KINDS) if months else ():
        path = path_of(unit)
        for month in months:
            if month_status(site, unit, month, today).code == "missed":
                yield _item(
                    key=f"{path}:{month}",
                    label=f"{month_label(month)}主要领导接访",
                    late_unit=path,
                    due=_last_day(month),
                    url=f"{path}/@@reception-days?month={month}",
                )


def find_unregistered_days(site, today):
    if getattr(site, "duties", None) is None:
        return
    since = get_store(site).since
    for unit in _units(site, GROUP_KINDS):
        path = path_of(unit)
        for day in days_between(site, unit, today - timedelta(REGISTER_WINDOW), today - timedelta(1)):
            if day.state == "scheduled" and day.month >= since:
                yield _item(
                    key=f"{path}:{day.id}",
                    label=f"{day.on.month}月{day.on.day}日接待日（{day.leader_name}）登记",
                    late_unit=path,
                    due=day.on,
                    url=f"{path}/@@reception-day?id={day.id}",
                )


def find_untrained(site, today):
    from .training import coverage

    if getattr(site, "duties", None) is None:
        return
    year = today.year - 1
    if get_store(site).since > f"{year}-01":
        return
    for unit in _units(site, GROUP_KINDS):
        if coverage(site, unit, year).untrained:
            path = path_of(unit)
            yield _item(
                key=f"{path}:{year}",
                label=f"{year}年信访工作人员业务培训",
                late_unit=path,
                due=date(year, 12, 31),
                url=f"{path}/@@training?year={year}",
            )


def includeme(config):
    config.add_escalation_source("leading_group_meeting", "领导小组会议", find_missed_meetings)
    config.add_escalation_source("principal_reception", "主要领导接访日", find_missed_receptions)
    config.add_escalation_source("reception_register", "接访日登记", find_unregistered_days)
    config.add_escalation_source("training_coverage", "信访业务培训", find_untrained)
