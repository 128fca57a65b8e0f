"""The petition leading group of a unit (第二章) and its monthly meeting.

Contract:

* Each unit of :data:`~portal.duties.scope.GROUP_KINDS` records its group: members picked
  from the unit's people (never typed), each with a post and a place in the group; exactly
  one chair, who must hold the principal leader's role on the unit (主要领导任组长).
  :func:`record_group` stores it in ``site.duties.groups`` and keeps the unit's
  《信访工作领导小组组成》 document in step (a correction after sign-off).
* The group meets, as a rule, once a month. The meeting is a 信访会议记录 of kind
  ``leading_group`` held that month (any meeting form: 党组会、办公会 …); the month's
  summary is ``site.duties.meeting_months`` (``portal.duties.meetings``).
* :func:`meeting_status` says, for a unit and a month, whether the meeting was held, is still
  to come (``due_soon`` from the 20th), or was missed (a past month the portal judges).
"""

from dataclasses import dataclass

from persistent import Persistent

from portal.workflow.history import HistoryEntry, WorkflowHistory

from . import people
from .dates import month_key, month_label, now
from .records import sync_document
from .store import get_store

REMIND_DAY = 20
GROUP_ROLE_TITLES = {"chair": "组长", "deputy": "副组长", "member": "成员"}
DEFAULT_RULE = "一般每月召开一次会议，可结合党组会、党委会、支委会、办公会、行政会等方式进行"
DEFAULT_DUTIES = "分析研判本级信访形势，按照“三到位一处理”工作原则做好信访矛盾的化解和稳控"


class GroupError(ValueError):
    """A refused record; ``str()`` is the Chinese reason."""


@dataclass(frozen=True)
class Member:
    userid: str
    name: str
    post: str
    group_role: str

    @property
    def group_role_title(self):
        return GROUP_ROLE_TITLES[self.group_role]


class LeadingGroup(Persistent):
    """The recorded group of one unit (see the module contract)."""

    def __init__(self, unit_docid):
        self.unit_docid = unit_docid
        self.members = ()
        self.established_on = None
        self.document = None
        self.updated_by = None
        self.updated_at = None
        self.history = WorkflowHistory()

    @property
    def chair(self):
        return next((m for m in self.members if m.group_role == "chair"), None)


def group_of(site, unit):
    return get_store(site).groups.get(unit.__docid__)


def _site(unit):
    while unit.__parent__ is not None:
        unit = unit.__parent__
    return unit


def check_members(unit, members):
    """Refuse a group without exactly one chair who is the unit's principal leader, or with
    someone who is not among the unit's people."""
    chairs = [m for m in members if m["group_role"] == "chair"]
    if len(chairs) != 1:
        raise GroupError("领导小组须有且只有一名组长")
    if chairs[0]["userid"] not in people.principals_of(unit):
        raise GroupError("组长应由本单位主要领导担任")
    allowed = {u for u, _n, _w in people.pool(unit)}
    strangers = [m["userid"] for m in members if m["userid"] not in allowed]
    if strangers:
        raise GroupError("组成人员须从本单位人员中选择")
    userids = [m["userid"] for m in members]
    if len(set(userids)) != len(userids):
        raise GroupError("同一人不能重复列入领导小组")


def record_group(unit, members, established_on, actor, registry=None, when=None):
    """Store the group of ``unit`` (``members``: dicts userid/post/group_role) and its
    document; returns the :class:`LeadingGroup`. ``GroupError`` when refused."""
    check_members(unit, members)
    site = _site(unit)
    when = when or now()
    store = get_store(site)
    group = store.groups.get(unit.__docid__)
    if group is None:
        group = store.groups[unit.__docid__] = LeadingGroup(unit.__docid__)
    rank = {"chair": 0, "deputy": 1, "member": 2}
    group.members = tuple(
        sorted(
            (
                Member(m["userid"], people.user_title(site, m["userid"]), m["post"].strip(), m["group_role"])
                for m in members
            ),
            key=lambda m: rank[m.group_role],
        )
    )
    group.established_on = established_on
    group.updated_by, group.updated_at = actor, when
    group.history.append(
        HistoryEntry(
            actor=actor,
            when=when,
            transition="record",
            transition_title="记录领导小组组成",
            comment=f"组长：{group.chair.name}，共{len(members)}人",
            from_state=None,
            to_state="recorded",
        )
    )
    doc = sync_document(
        unit, "leading_group", roster_values(unit, group), group.document, actor, registry, when
    )
    group.document = doc.__name__ if group.document is None else group.document
    return group


def roster_values(unit, group):
    """The 《信访工作领导小组组成》 values, from the recorded group."""
    return {
        "unit": unit.title,
        "established_on": group.established_on,
        "members": [{"name": m.name, "post": m.post, "group_role": m.group_role} for m in group.members],
        "meeting_rule": DEFAULT_RULE,
        "responsibilities": DEFAULT_DUTIES,
    }


@dataclass(frozen=True)
class MonthStatus:
    month: str
    code: str  # held | pending | due_soon | missed | not_judged | future
    meetings: tuple  # names of the leading-group meeting documents of the month

    TITLES = {
        "held": "已召开",
        "pending": "本月待召开",
        "due_soon": "本月尚未召开",
        "missed": "未召开",
        "not_judged": "—",
        "future": "—",
    }
    CSS = {
        "held": "bg-success",
        "pending": "deadline-normal",
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

    @property
    def label(self):
        return month_label(self.month)


def meeting_status(site, unit, month, today):
    """The leading-group meeting of ``unit`` in ``month``, judged on ``today``."""
    from .meetings import month_row

    store = get_store(site)
    row = month_row(site, unit, month)
    held = row.group_meetings if row is not None else ()
    current = month_key(today)
    if held:
        code = "held"
    elif month > current:
        code = "future"
    elif month < store.since:
        code = "not_judged"
    elif month < current:
        code = "missed"
    else:
        code = "due_soon" if today.day >= REMIND_DAY else "pending"
    return MonthStatus(month, code, tuple(held))


def missed_months(site, unit, months, today):
    return [m for m in months if meeting_status(site, unit, m, today).code == "missed"]
