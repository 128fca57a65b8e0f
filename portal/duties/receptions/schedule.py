"""Scheduling reception days, rotation, and substitution with the principal leader's approval.

Contract (every function takes the unit, the acting userid, the registry and ``when``; raises
:class:`ReceptionError` with a Chinese reason when refused, and changes nothing then):

* :func:`schedule_day` -- a leader picked from the unit's leaders (``people.leaders_of``) on a
  day not in the past; the leader is notified at once (and again ``ADVANCE_DAYS`` before, by
  the sweep).
* :func:`rotate` -- the month's remaining working days (the holiday calendar) not yet
  scheduled, given in turn to the unit's other leaders (其他领导干部每天轮流接待).
* :func:`request_substitute` -- before the day, another of the unit's leaders is proposed; the
  principal leaders are asked. Nothing public changes.
* :func:`decide_substitute` -- only a principal leader of the unit approves or refuses; on
  approval the public schedule and the 接访日安排公示 document show the substitute.
* :func:`cancel_day` -- takes a day off the schedule before it comes.

After every change :func:`sync` writes the public schedule entry (``portal.public``), the
day's 接访日安排公示 document and the unit's month summary, in the same transaction.
"""

from datetime import time, timedelta

from pyramid.traversal import find_root, resource_path

from portal.i18n import _
from portal.public import receptions as public_receptions
from portal.public.store import get_store as public_store

from .. import notices, people
from ..dates import cn_date, now, today
from ..records import sync_document
from ..store import get_store
from .model import Substitution, days_between, days_in_month, get_day, new_day, refresh_month  # noqa: F401

ADVANCE_DAYS = 3


class ReceptionError(ValueError):
    """A refused change; ``str()`` is the Chinese reason."""


def _label(day):
    return f"{cn_date(day.on)} {day.start}—{day.end}"


def public_values(day):
    name, post = (day.substitution.name, day.substitution.post) if day.substituted else ("", "")
    return {
        "on": day.on,
        "start": day.start,
        "end": day.end,
        "leader_name": day.leader_name,
        "leader_post": day.leader_post,
        "field": day.field,
        "place": day.place,
        "substitute_name": name,
        "substitute_post": post,
        "substitution_note": "经单位主要领导批准" if day.substituted else "",
    }


def _clock(value):
    hours, minutes = (int(p) for p in value.split(":"))
    return time(hours, minutes)


def schedule_values(day):
    """The 接访日安排公示 values of ``day``: what the public schedule shows."""
    s = day.substitution if day.substituted else None
    return {
        "leader_name": day.leader_name,
        "leader_post": day.leader_post,
        "responsibilities": day.field,
        "reception_date": day.on,
        "start_time": _clock(day.start),
        "end_time": _clock(day.end),
        "place": day.place,
        "substitute_name": s.name if s else None,
        "substitute_post": s.post if s else None,
        "substitution_reason": s.reason if s else None,
        "substitution_approved": bool(s),
    }


def sync(unit, day, actor, registry=None, when=None):
    """Public entry, document and month summary of ``day`` after a change."""
    site = find_root(unit)
    store = public_store(site)
    path = resource_path(unit) or "/"
    if day.state == "cancelled":
        public_receptions.remove(store, path, day.id)
    else:
        public_receptions.save(store, path, public_values(day), actor, day.id, when)
        doc = sync_document(
            unit, "reception_schedule", schedule_values(day), day.document, actor, registry, when
        )
        if day.document is None:
            day.document = doc.__name__
            doc.reception_day = day.id
    refresh_month(site, unit, day.month)


def _leader(unit, userid, what="接访领导"):
    for uid, name, role in people.leaders_of(unit):
        if uid == userid:
            return uid, name, role
    raise ReceptionError(f"{what}须从本单位领导中选择")


def schedule_day(
    unit,
    on,
    start,
    end,
    place,
    leader,
    post,
    field,
    actor,
    registry=None,
    when=None,
    rotation=False,
    notify=True,
):
    when = when or now()
    site = find_root(unit)
    if on < today():
        raise ReceptionError("接访日期不能早于今天")
    if end <= start:
        raise ReceptionError("结束时间应晚于开始时间")
    uid, name, role = _leader(unit, leader)
    for other in days_between(site, unit, on, on):
        if other.leader == uid and other.state != "cancelled":
            raise ReceptionError(f"{name}当日已有接访安排")
    day = new_day(
        site,
        unit,
        on=on,
        start=start,
        end=end,
        place=place.strip(),
        leader=uid,
        leader_name=name,
        leader_post=post.strip(),
        field=field.strip(),
        principal=role == people.PRINCIPAL,
        actor=actor,
        when=when,
    )
    day.rotation = rotation
    get_store(site).profiles[(unit.__docid__, uid)] = (day.leader_post, day.field)
    sync(unit, day, actor, registry, when)
    if notify:
        notices.send(
            site,
            [uid],
            notices.RECEPTION,
            _("接访日安排：${unit} ${day}", mapping={"unit": unit.title, "day": _label(day)}),
            _("接访地点：${place}。请提前做好接访准备。", mapping={"place": day.place}),
            notices.url_of(unit, "reception-day", id=day.id),
            registry,
            when,
        )
    return day


def profile(unit, userid):
    """(post, field) the leader was last scheduled with on ``unit`` ('' when never)."""
    return get_store(find_root(unit)).profiles.get((unit.__docid__, userid), ("", ""))


def rotate(unit, month, start, end, place, actor, registry=None, when=None):
    """Schedule the unit's other leaders in turn on the month's free working days from
    tomorrow; returns the new days."""
    from portal.time_limits import get_calendar

    from ..dates import days_of as month_days

    site = find_root(unit)
    leaders = [(u, n) for u, n, r in people.leaders_of(unit) if r != people.PRINCIPAL]
    if not leaders:
        raise ReceptionError("本单位尚无分管领导或其他领导，无法轮流安排")
    calendar = get_calendar(site)
    taken = {d.on for d in days_in_month(site, unit, month) if d.state != "cancelled"}
    turn = sum(1 for d in days_in_month(site, unit, month) if d.rotation)
    created = []
    for day in month_days(month):
        if day <= today() or day in taken or not calendar.is_working_day(day):
            continue
        userid, _name = leaders[turn % len(leaders)]
        post, field = profile(unit, userid)
        created.append(
            schedule_day(
                unit,
                day,
                start,
                end,
                place,
                userid,
                post or "领导",
                field or "分管工作",
                actor,
                registry,
                when,
                rotation=True,
                notify=False,
            )
        )
        turn += 1
    if created:
        by_leader = {}
        for day in created:
            by_leader.setdefault(day.leader, []).append(f"{day.on.month}月{day.on.day}日")
        for userid, dates in by_leader.items():
            notices.send(
                site,
                [userid],
                notices.RECEPTION,
                _(
                    "接访日安排：${unit} 轮流接访 ${dates}",
                    mapping={"unit": unit.title, "dates": "、".join(dates)},
                ),
                _(
                    "时间：${start}—${end}，地点：${place}。",
                    mapping={"start": start, "end": end, "place": place},
                ),
                notices.url_of(unit, "reception-days", month=month),
                registry,
                when,
            )
    return created


def _open(day, what):
    if day.state != "scheduled":
        raise ReceptionError(f"该接访日{day.state_title}，不能{what}")


def request_substitute(unit, day, substitute, reason, actor, registry=None, when=None):
    when = when or now()
    _open(day, "申请代为接访")
    if day.on < today():
        raise ReceptionError("代为接访须在接访日之前申请")
    if day.substitution is not None and day.substitution.state == "pending":
        raise ReceptionError("已有待批准的代为接访申请")
    uid, name, _role = _leader(unit, substitute, "代为接访领导")
    if uid == day.leader:
        raise ReceptionError("代为接访领导不能是原定接访领导")
    reason = (reason or "").strip()
    if not reason:
        raise ReceptionError("请说明不能按时接访的原因")
    post, _field = profile(unit, uid)
    day.substitution = Substitution(uid, name, post or "领导", reason[:200], actor, when)
    day.record(actor, when, "request_substitute", "申请代为接访", f"由{name}代为接访，原因：{reason[:200]}")
    site = find_root(unit)
    notices.send(
        site,
        people.principals_of(unit),
        notices.SUBSTITUTION,
        _("代为接访待批准：${unit} ${day}", mapping={"unit": unit.title, "day": _label(day)}),
        _(
            "原定接访领导：${leader}；拟由${name}代为接访。原因：${reason}",
            mapping={"leader": day.leader_name, "name": name, "reason": reason[:200]},
        ),
        notices.url_of(unit, "reception-day", id=day.id),
        registry,
        when,
    )
    return day


def decide_substitute(unit, day, approve, actor, note="", registry=None, when=None):
    when = when or now()
    _open(day, "审批代为接访")
    if actor not in people.principals_of(unit):
        raise ReceptionError("代为接访须经单位主要领导批准")
    s = day.substitution
    if s is None or s.state != "pending":
        raise ReceptionError("没有待批准的代为接访申请")
    day.substitution = s.decided(approve, actor, when, (note or "").strip()[:200])
    day.record(
        actor,
        when,
        "approve_substitute" if approve else "refuse_substitute",
        "批准代为接访" if approve else "不批准代为接访",
        day.substitution.note,
    )
    sync(unit, day, actor, registry, when)
    site = find_root(unit)
    where = {"unit": unit.title, "day": _label(day)}
    told = {"name": s.name, "note": day.substitution.note}
    notices.send(
        site,
        [s.requested_by, day.leader, s.userid],
        notices.SUBSTITUTION,
        _("代为接访已批准：${unit} ${day}", mapping=where)
        if approve
        else _("代为接访未批准：${unit} ${day}", mapping=where),
        _("${name}代为接访已批准。${note}", mapping=told)
        if approve
        else _("${name}代为接访未批准。${note}", mapping=told),
        notices.url_of(unit, "reception-day", id=day.id),
        registry,
        when,
    )
    return day


def cancel_day(unit, day, reason, actor, registry=None, when=None):
    when = when or now()
    _open(day, "取消")
    if day.on < today():
        raise ReceptionError("已过的接访日不能取消，请登记接访情况")
    reason = (reason or "").strip()
    if not reason:
        raise ReceptionError("请填写取消原因")
    day.record(actor, when, "cancel", "取消接访日", reason[:200], to_state="cancelled")
    day.state = "cancelled"
    day.reason = reason[:200]
    sync(unit, day, actor, registry, when)
    return day


def upcoming_for(site, unit, first, days=ADVANCE_DAYS):
    """The unit's scheduled days from ``first`` to ``first + days``."""
    return [
        d for d in days_between(site, unit, first, first + timedelta(days=days)) if d.state == "scheduled"
    ]
