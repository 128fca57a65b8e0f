"""The duties' periodic task in the sweep (``portal-sweep``): reminders and overdue marks.

``run(site, registry, now)`` does its work at most once per Shanghai day (the first sweep of
the day) and returns the notices raised. Each notice is raised once, recorded in
``site.duties.marks``; months before ``site.duties.since`` are never judged.

* Leading group (第二章, every unit of ``GROUP_KINDS``): from the 20th, a unit that has not
  met this month is reminded (its petition staff and the group's chair); in the next month a
  missed meeting is notified to them.
* Reception days (第四章第一节, the bureaus): each scheduled day is announced to the receiving
  leader ``ADVANCE_DAYS`` before; a past day without its register is notified to the petition
  staff; from the 10th a month without the principal leader's day(s) is reminded; in the next
  month a missed month is notified.
* Training (第五章第五节, every unit): from October, units whose petition staff are not all
  trained this year are reminded. A year is judged only when the portal was in use from its
  January on.

What the level above learns of these misses goes through the escalation mechanism
(``portal.duties.overdue``: the escalation sweep notifies it and lists them as 下级逾期).
"""

from datetime import timedelta

from hypatia.query import Any, Eq

from portal.clock import as_date

from . import notices, people
from .dates import month_key, month_label, previous_month
from .leading_group import REMIND_DAY as GROUP_REMIND_DAY
from .leading_group import group_of, meeting_status
from .receptions.figures import month_status
from .receptions.model import days_between
from .receptions.schedule import ADVANCE_DAYS
from .scope import BUREAU_KINDS, GROUP_KINDS, sorted_units
from .store import get_store
from .training import coverage

TRAINING_REMIND_MONTH = 10
OVERDUE_WINDOW = 31


def units_of_kinds(site, kinds):
    """The active units of ``kinds`` in tree order (one catalog query)."""
    cat = site.catalog
    query = Eq(cat["type_name"], "unit") & Any(cat["kind"], list(kinds)) & Eq(cat["state"], "active")
    return sorted_units(site, query.execute().ids)


class _Run:
    def __init__(self, site, registry, now):
        self.site, self.registry, self.now = site, registry, now
        self.today = as_date(now)
        self.store = get_store(site)
        self.raised = 0

    def once(self, key):
        return self.store.mark_once(key, self.now)

    def send(self, userids, kind, title, body, url):
        self.raised += notices.send(self.site, userids, kind, title, body, url, self.registry, self.now)

    def judged(self, month):
        return month >= self.store.since


def _chair(site, unit):
    group = group_of(site, unit)
    chair = group.chair if group is not None else None
    return [chair.userid] if chair is not None else people.principals_of(unit)


def leading_group(run):
    month = month_key(run.today)
    last = previous_month(month)
    for unit in units_of_kinds(run.site, GROUP_KINDS):
        if (
            run.today.day >= GROUP_REMIND_DAY
            and run.judged(month)
            and meeting_status(run.site, unit, month, run.today).code == "due_soon"
            and run.once(("group_remind", month, unit.__docid__))
        ):
            run.send(
                people.keepers(unit) + _chair(run.site, unit),
                notices.REMINDER,
                f"请召开{unit.title}{month_label(month)}信访工作领导小组会议",
                "《实施办法》第二章：信访工作领导小组一般每月召开一次会议。",
                notices.url_of(unit, "leading-group"),
            )
        if (
            run.judged(last)
            and meeting_status(run.site, unit, last, run.today).code == "missed"
            and run.once(("group_missed", last, unit.__docid__))
        ):
            run.send(
                people.keepers(unit) + _chair(run.site, unit),
                notices.MISSED,
                f"{unit.title}{month_label(last)}未召开信访工作领导小组会议",
                "已在本单位及上级单位的工作制度落实情况中标注。",
                notices.url_of(unit, "leading-group"),
            )


def receptions(run):
    month = month_key(run.today)
    last = previous_month(month)
    for unit in units_of_kinds(run.site, BUREAU_KINDS):
        for day in days_between(run.site, unit, run.today, run.today + timedelta(ADVANCE_DAYS)):
            if day.state == "scheduled" and run.once(("reception_advance", day.id)):
                userid, name, _post = day.receiving_leader
                run.send(
                    [userid] + people.keepers(unit),
                    notices.REMINDER,
                    f"接访提醒：{name} {day.on.month}月{day.on.day}日 {day.start}—{day.end}（{unit.title}）",
                    f"接访地点：{day.place}。请提前做好接访准备。",
                    notices.url_of(unit, "reception-day", id=day.id),
                )
        window = run.today - timedelta(OVERDUE_WINDOW)
        for day in days_between(run.site, unit, window, run.today - timedelta(1)):
            if (
                day.state == "scheduled"
                and run.judged(day.month)
                and run.once(("reception_unregistered", day.id))
            ):
                run.send(
                    people.keepers(unit),
                    notices.MISSED,
                    f"接待日{day.on.month}月{day.on.day}日（{day.leader_name}）尚未登记接访情况",
                    f"{unit.title}：请登记当日接访情况或未能接访的原因。",
                    notices.url_of(unit, "reception-day", id=day.id),
                )
        if (
            run.judged(month)
            and month_status(run.site, unit, month, run.today).code == "due_soon"
            and run.once(("reception_unscheduled", month, unit.__docid__))
        ):
            run.send(
                people.keepers(unit) + people.principals_of(unit),
                notices.REMINDER,
                f"请安排{unit.title}主要领导{month_label(month)}接访日",
                "《实施办法》第四章第一节：主要领导每月至少安排1天接访。",
                notices.url_of(unit, "reception-days", month=month),
            )
        if (
            run.judged(last)
            and month_status(run.site, unit, last, run.today).code == "missed"
            and run.once(("reception_missed", last, unit.__docid__))
        ):
            run.send(
                people.keepers(unit) + people.principals_of(unit),
                notices.MISSED,
                f"{unit.title}主要领导{month_label(last)}未按规定接访",
                "已在本单位及上级单位的工作制度落实情况中标注。",
                notices.url_of(unit, "reception-days", month=last),
            )


def training(run):
    year = run.today.year
    if run.today.month >= TRAINING_REMIND_MONTH and run.judged(f"{year}-01"):
        for unit in units_of_kinds(run.site, GROUP_KINDS):
            key = ("training_remind", str(year), unit.__docid__)
            if key in run.store.marks:
                continue
            cover = coverage(run.site, unit, year)
            if cover.untrained and run.once(key):
                run.send(
                    people.keepers(unit),
                    notices.REMINDER,
                    f"{unit.title}本年度尚有{len(cover.untrained)}名信访工作人员未参加业务培训",
                    "《实施办法》第五章第五节：信访工作人员原则上每1年轮训一遍。",
                    notices.url_of(unit, "training", year=year),
                )


def run(site, registry, now):
    """The duties' work for the Shanghai day of ``now`` (see the module contract)."""
    if getattr(site, "duties", None) is None:
        return 0
    today = as_date(now)
    store = get_store(site)
    if not store.mark_once(("day", today.isoformat()), now):
        return 0
    work = _Run(site, registry, now)
    leading_group(work)
    receptions(work)
    training(work)
    return work.raised


def includeme(config):
    from . import first_contact, instructions, notices

    for kind in (
        notices.REMINDER,
        notices.MISSED,
        notices.RECEPTION,
        notices.SUBSTITUTION,
        notices.TRAINING,
        first_contact.HANDOVER,
        instructions.FEEDBACK,
        instructions.RAISED,
    ):
        config.add_notification_kind(kind)
    config.add_sweep_task("duties", run, "工作制度提醒")
    config.include(".overdue")
    config.include(".first_contact")
