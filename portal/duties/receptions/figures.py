"""Reception statistics per leader and per unit, and the principal leader's monthly duty.

* :func:`required_principal_days` -- 1 a month (主要领导每月至少安排1天接访), 2 in a month
  that a sensitive period covering the unit touches (重点时段和敏感时期增加主要领导接访频率).
* :func:`month_status` -- whether the unit met that duty in a month: ``met`` (enough of the
  principal leader's days held by the principal in person), ``scheduled``, ``unscheduled``
  (the current month, not enough days on the schedule; ``due_soon`` from the 10th),
  ``missed`` (a past month the portal judges), ``not_judged``/``future``.
* :func:`leader_lines` -- per leader of the unit: days scheduled, held, handed to a substitute,
  received for another, people received, matters, cases, by outcome.
"""

from dataclasses import dataclass, field

from schemas.vocabularies import RECEPTION_OUTCOMES

from ..dates import month_key, month_range
from ..store import get_store
from .model import days_in_year, month_summary

REMIND_DAY = 10
OUTCOME_TITLES = dict(RECEPTION_OUTCOMES)


def sensitive_periods(site, unit, month):
    """The sensitive periods covering ``unit`` that touch ``month``."""
    from datetime import timedelta

    reports = getattr(site, "reports", None)
    if reports is None:
        return []
    start, end = month_range(month)
    last = end - timedelta(days=1)
    return [p for p in reports.periods.values() if p.start <= last and p.end >= start and p.covers_unit(unit)]


def required_principal_days(site, unit, month):
    return 2 if sensitive_periods(site, unit, month) else 1


@dataclass(frozen=True)
class MonthStatus:
    month: str
    code: str
    required: int
    summary: object

    TITLES = {
        "met": "已落实",
        "scheduled": "已安排",
        "unscheduled": "未安排",
        "due_soon": "尚未安排",
        "missed": "未落实",
        "not_judged": "—",
        "future": "—",
    }
    CSS = {
        "met": "bg-success",
        "scheduled": "bg-info text-dark",
        "unscheduled": "deadline-normal",
        "due_soon": "deadline-due_soon",
        "missed": "deadline-overdue",
        "not_judged": "bg-light text-muted",
        "future": "bg-light text-muted",
    }

    @property
    def title(self):
        return self.TITLES[self.code]

    @property
    def css(self):
        return self.CSS[self.code]


def month_status(site, unit, month, today):
    summary = month_summary(site, unit, month)
    required = required_principal_days(site, unit, month)
    current = month_key(today)
    if summary.principal_held >= required:
        code = "met"
    elif month > current:
        code = "scheduled" if summary.principal_open >= required else "future"
    elif month < get_store(site).since:
        code = "not_judged"
    elif month < current:
        code = "missed"
    elif summary.principal_held + summary.principal_open >= required:
        code = "scheduled"
    else:
        code = "due_soon" if today.day >= REMIND_DAY else "unscheduled"
    return MonthStatus(month, code, required, summary)


@dataclass
class LeaderLine:
    userid: str
    name: str
    scheduled: int = 0
    held: int = 0
    handed_over: int = 0  # own days received by an approved substitute
    stood_in: int = 0  # days received for another leader
    visitors: int = 0
    matters: int = 0
    cases: int = 0
    outcomes: dict = field(default_factory=dict)


def leader_lines(site, unit, year):
    """Per leader, the year's figures (leaders with no day are left out), by name."""
    lines = {}

    def line(userid, name):
        if userid not in lines:
            lines[userid] = LeaderLine(userid, name)
        return lines[userid]

    for day in days_in_year(site, unit, year):
        if day.state == "cancelled":
            continue
        own = line(day.leader, day.leader_name)
        own.scheduled += 1
        receiver = own
        if day.substituted:
            own.handed_over += day.state == "held"
            receiver = line(day.substitution.userid, day.substitution.name)
            receiver.stood_in += day.state == "held"
        if day.state == "held":
            receiver.held += 1
            receiver.visitors += day.visitors
            receiver.matters += day.matters
            receiver.cases += day.cases
            for code, count in day.outcomes:
                receiver.outcomes[code] = receiver.outcomes.get(code, 0) + count
    return sorted(lines.values(), key=lambda x: (x.name, x.userid))


def year_months(site, unit, year, today):
    return [month_status(site, unit, f"{year:04d}-{m:02d}", today) for m in range(1, 13)]
