"""The stored reception day and what the boards read about a unit's month.

Contract:

* A :class:`ReceptionDay` lives in ``site.duties.days[(unit docid, day id)]``; ``id`` starts
  with the date (``20261103-4f2a9c``). Its leader is a userid picked from the unit's leaders;
  names and posts are copied at scheduling so the printed schedule never changes behind a
  signed document.
* ``state``: ``scheduled`` → ``held`` (a register was filed, or it was confirmed that nobody
  came) or ``not_held`` (with the reason); ``cancelled`` takes it off the schedule before
  the day. Only a scheduled day can change.
* ``substitution`` is None or a :class:`Substitution`; while ``pending`` or ``refused`` the
  scheduled leader stays on the public schedule: only the principal leader's approval
  (``approved``) changes it.
* ``history`` is append-only.
* ``site.duties.reception_months[(month, unit docid)]`` is a :class:`ReceptionMonth`,
  recomputed from the unit's days of that month by :func:`refresh_month` in the same
  transaction as any change to one of them.
"""

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import NamedTuple

from persistent import Persistent

from portal.workflow.history import HistoryEntry, WorkflowHistory

from ..dates import month_key
from ..store import get_store

STATE_TITLES = {"scheduled": "待接访", "held": "已接访", "not_held": "未接访", "cancelled": "已取消"}
STATE_CSS = {
    "scheduled": "bg-info text-dark",
    "held": "bg-success",
    "not_held": "deadline-overdue",
    "cancelled": "bg-secondary",
}
SUBSTITUTION_TITLES = {
    "pending": "代为接访待主要领导批准",
    "approved": "代为接访已批准",
    "refused": "代为接访未获批准",
}


@dataclass(frozen=True)
class Substitution:
    userid: str
    name: str
    post: str
    reason: str
    requested_by: str
    requested_at: datetime
    state: str = "pending"  # pending | approved | refused
    decided_by: str = ""
    decided_at: datetime | None = None
    note: str = ""

    @property
    def title(self):
        return SUBSTITUTION_TITLES[self.state]

    def decided(self, approve, actor, when, note=""):
        return replace(
            self, state="approved" if approve else "refused", decided_by=actor, decided_at=when, note=note
        )


class ReceptionDay(Persistent):
    """One scheduled reception day of one unit (see the module contract)."""

    def __init__(
        self, unit, on, start, end, place, leader, leader_name, leader_post, field, principal, actor, when
    ):
        self.id = f"{on:%Y%m%d}-{secrets.token_hex(3)}"
        self.unit_docid = unit.__docid__
        self.on = on
        self.start, self.end, self.place = start, end, place
        self.leader, self.leader_name, self.leader_post = leader, leader_name, leader_post
        self.field = field
        self.principal = principal
        self.rotation = False
        self.state = "scheduled"
        self.substitution = None
        self.registers = ()
        self.visitors = 0
        self.outcomes = ()  # ((outcome code, count), ...)
        self.cases = 0
        self.reason = ""
        self.document = None
        self.scheduled_by, self.scheduled_at = actor, when
        self.history = WorkflowHistory()
        self.record(
            actor,
            when,
            "schedule",
            "安排接访日",
            f"{leader_name}（{leader_post}）{on:%Y-%m-%d} {start}—{end}",
        )

    @property
    def key(self):
        return (self.unit_docid, self.id)

    @property
    def month(self):
        return month_key(self.on)

    @property
    def substituted(self):
        return self.substitution is not None and self.substitution.state == "approved"

    @property
    def receiving_leader(self):
        """(userid, name, post) of who receives: the approved substitute, else the leader."""
        if self.substituted:
            s = self.substitution
            return s.userid, s.name, s.post
        return self.leader, self.leader_name, self.leader_post

    @property
    def state_title(self):
        return STATE_TITLES[self.state]

    @property
    def state_css(self):
        return STATE_CSS[self.state]

    @property
    def matters(self):
        return len(self.registers)

    def record(self, actor, when, action, title, comment="", to_state=None):
        self.history.append(
            HistoryEntry(
                actor=actor or "system",
                when=when,
                transition=action,
                transition_title=title,
                comment=comment,
                from_state=self.state if action != "schedule" else None,
                to_state=to_state or self.state,
            )
        )

    def is_overdue(self, today):
        """Scheduled, and the day is past: its register is late."""
        return self.state == "scheduled" and self.on < today


def new_day(site, unit, **values):
    day = ReceptionDay(unit, **values)
    days = get_store(site).days
    while day.key in days:
        day.id = f"{day.on:%Y%m%d}-{secrets.token_hex(3)}"
    days[day.key] = day
    return day


def get_day(site, unit, day_id):
    return get_store(site).days.get((unit.__docid__, day_id or ""))


def days_between(site, unit, first, last):
    """The unit's days from ``first`` to ``last`` (dates, inclusive), in date order."""
    docid = unit.__docid__
    lo, hi = (docid, f"{first:%Y%m%d}"), (docid, f"{last:%Y%m%d}~")
    return list(get_store(site).days.values(min=lo, max=hi))


def days_in_month(site, unit, month):
    from datetime import timedelta

    from ..dates import month_range

    start, end = month_range(month)
    return days_between(site, unit, start, end - timedelta(days=1))


def days_in_year(site, unit, year):
    return days_between(site, unit, date(year, 1, 1), date(year, 12, 31))


class ReceptionMonth(NamedTuple):
    scheduled: int = 0  # days on the schedule (not cancelled)
    held: int = 0
    not_held: int = 0
    principal_scheduled: int = 0  # the principal leader's own days (not cancelled)
    principal_held: int = 0  # ... held by the principal leader in person
    principal_open: int = 0  # ... still to be held by the principal (no substitute)
    substituted: int = 0  # days received by an approved substitute
    visitors: int = 0  # people received
    matters: int = 0  # registers filed
    cases: int = 0  # matters that became cases


def summarise(days):
    row = dict.fromkeys(ReceptionMonth._fields, 0)
    for day in days:
        if day.state == "cancelled":
            continue
        row["scheduled"] += 1
        row["held"] += day.state == "held"
        row["not_held"] += day.state == "not_held"
        row["principal_scheduled"] += day.principal
        row["principal_held"] += day.principal and day.state == "held" and not day.substituted
        row["principal_open"] += day.principal and day.state == "scheduled" and not day.substituted
        row["substituted"] += day.substituted and day.state == "held"
        row["visitors"] += day.visitors
        row["matters"] += day.matters
        row["cases"] += day.cases
    return ReceptionMonth(**row)


def refresh_month(site, unit, month):
    """Recompute the unit's summary of ``month`` (store it only when it changed)."""
    rows = get_store(site).reception_months
    key = (month, unit.__docid__)
    row = summarise(days_in_month(site, unit, month))
    if row == ReceptionMonth():
        if key in rows:
            del rows[key]
    elif rows.get(key) != row:
        rows[key] = row
    return row


def month_summary(site, unit, month):
    return get_store(site).reception_months.get((month, unit.__docid__)) or ReceptionMonth()
