"""Leaders' instructions on letters and major matters raised to the level above (第四章第二节).

Contract:

* Every 阅批 (the case workflow's ``instruct`` transition) is tracked: an :class:`Instruction`
  (the leader, when, what they wrote) in ``site.duties.instructions[(leader, case path,
  moment)]``, listed by case in ``site.duties.instruction_keys[case path]``. Until its result
  is fed back it stays on the leader's 我的待办 (批示待反馈) and on the case page.
* :func:`feed_back` -- the people handling the case report the result to every leader still
  waiting (a notification with the result); when the case is concluded (``conclude``) the
  leaders still waiting are told at once (承办部门将处理结果反馈给阅批来信的领导).
* :func:`raise_up` -- a major matter (来信可能涉及的重大事项) is handed up with one action: the
  bureau above the registering unit is told (its petition staff and chief leaders), with the
  note, and keeps it on its 我的待办 until its staff acknowledge it (:func:`acknowledge`); the
  bureau above already sees and may supervise the case through the handling chain (``above``).
  Recorded in ``site.duties.raised[(case path, moment)]``; the case page shows both (the
  workflow history keeps to the workflow).

Titles name the case by its number, never the petitioner.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from pyramid.traversal import find_root, resource_path

from portal.i18n import _
from portal.security.roles import role_ids

from . import notices
from .dates import now
from .people import user_title
from .store import get_store

FEEDBACK = notices.Kind("instruction_feedback", _("批示办理结果反馈"))
RAISED = notices.Kind("matter_raised", _("下级上报重大事项"))
CHIEF_LEADERS = role_ids("responsible_leader")


class InstructionError(ValueError):
    """A refused action; ``str()`` is the Chinese reason."""


@dataclass(frozen=True)
class Instruction:
    case_path: str
    number: str
    leader: str
    leader_name: str
    instructed_at: datetime
    text: str
    fed_back_at: datetime | None = None
    fed_back_by: str = ""
    result: str = ""

    @property
    def pending(self):
        return self.fed_back_at is None


@dataclass(frozen=True)
class Raised:
    case_path: str
    number: str
    from_unit: str
    to_unit: str
    note: str
    raised_by: str
    raised_at: datetime
    acknowledged_by: str = ""
    acknowledged_at: datetime | None = None


def _store(obj):
    return get_store(find_root(obj))


def instructions_of(case):
    store = _store(case)
    keys = store.instruction_keys.get(resource_path(case), ())
    return [store.instructions[k] for k in keys if k in store.instructions]


def pending_for(site, userid):
    """The instructions ``userid`` gave whose result has not been fed back, oldest first (read
    through ``pending_instructions``: a leader's instructions fed back over the years are
    not walked)."""
    store = get_store(site)
    keys = store.pending_instructions.keys(min=(userid, ""), max=(userid, "\uffff"))
    found = (store.instructions.get(k) for k in keys)
    return sorted((i for i in found if i is not None and i.pending), key=lambda i: i.instructed_at)


def record_instruction(case, leader, text, when):
    store = _store(case)
    path = resource_path(case)
    key = (leader, path, when.isoformat())
    store.instructions[key] = Instruction(
        path, case.number, leader, user_title(find_root(case), leader), when, text or ""
    )
    store.instruction_keys[path] = store.instruction_keys.get(path, ()) + (key,)
    store.pending_instructions[key] = True


def feed_back(case, result, actor, registry=None, when=None):
    """Report ``result`` to every leader still waiting; returns the leaders told."""
    result = (result or "").strip()
    if not result:
        raise InstructionError(_("请填写办理结果"))
    when = when or now()
    store = _store(case)
    told = []
    for key in store.instruction_keys.get(resource_path(case), ()):
        instruction = store.instructions.get(key)
        if instruction is None or not instruction.pending:
            continue
        store.instructions[key] = replace(
            instruction, fed_back_at=when, fed_back_by=actor, result=result[:2000]
        )
        store.pending_instructions.pop(key, None)
        told.append(instruction.leader)
    if not told:
        raise InstructionError(_("没有待反馈的领导批示"))
    told = list(dict.fromkeys(told))
    notices.send(
        find_root(case),
        told,
        FEEDBACK,
        _("批示办理结果反馈：信访事项 ${number}", mapping={"number": case.number}),
        result[:2000],
        resource_path(case),
        registry,
        when,
    )
    return told


def on_transition(event):
    """AfterTransition: track each 阅批; tell the leaders still waiting when the case is
    concluded."""
    case = event.object
    if getattr(case, "type_name", None) != "case" or getattr(find_root(case), "duties", None) is None:
        return
    registry = getattr(event.request, "registry", None)
    if event.transition.id == "instruct":
        record_instruction(case, event.actor, event.comment, event.when)
    elif event.transition.id == "conclude":
        store = _store(case)
        if any(
            store.instructions[k].pending
            for k in store.instruction_keys.get(resource_path(case), ())
            if k in store.instructions
        ):
            feed_back(
                case, f"该信访事项已办结。{event.comment or ''}".strip(), event.actor, registry, event.when
            )


def above_of(case):
    """The bureau above the case's registering unit (or None for the city's own cases)."""
    from portal.cases.chain import REGISTERING, units_in
    from portal.escalation.tree import bureaus_above, find_unit

    site = find_root(case)
    registering = (units_in(case, REGISTERING) or [getattr(case, "registering_unit", "/")])[0]
    above = bureaus_above(site, registering)
    return (find_unit(site, registering), find_unit(site, above[0]) if above else None)


def raised_of(case):
    path = resource_path(case)
    return [r for (p, _w), r in _store(case).raised.items(min=(path, ""), max=(path, "\uffff"))]


def raise_up(case, note, actor, registry=None, when=None):
    """Hand a major matter up to the bureau above the registering unit, with ``note``."""
    from portal.escalation.tree import path_of, petition_staff
    from portal.security.localroles import people_with

    note = (note or "").strip()
    if not note:
        raise InstructionError(_("请说明需要上级掌握或协调的重大事项"))
    registering, above = above_of(case)
    if above is None:
        raise InstructionError(_("本单位已是最高一级，无上级教育行政机关可报"))
    if any(r.acknowledged_at is None for r in raised_of(case)):
        raise InstructionError(_("已报上级，尚待上级阅知"))
    when = when or now()
    store = _store(case)
    path = resource_path(case)
    raised = store.raised[(path, when.isoformat())] = Raised(
        path, case.number, path_of(registering), path_of(above), note[:1000], actor, when
    )
    store.raised_waiting[(raised.to_unit, path, when.isoformat())] = True
    site = find_root(case)
    people = petition_staff(site, above) + people_with(above, CHIEF_LEADERS)
    notices.send(
        site,
        people,
        RAISED,
        _(
            "下级上报重大事项：信访事项 ${number}（${unit}）",
            mapping={"number": case.number, "unit": registering.title},
        ),
        note[:1000],
        path,
        registry,
        when,
    )
    return above


def awaiting_acknowledgement(site, unit_path):
    """Matters raised to ``unit_path`` not yet acknowledged (for its 我的待办), read through
    ``raised_waiting``: the matters acknowledged over the years are not walked."""
    store = get_store(site)
    keys = store.raised_waiting.keys(min=(unit_path, "", ""), max=(unit_path, "\uffff", ""))
    found = (store.raised.get(key[1:]) for key in keys)
    return [r for r in found if r is not None and r.to_unit == unit_path and r.acknowledged_at is None]


def acknowledge(case, actor, when=None):
    when = when or now()
    store = _store(case)
    done = False
    for key, r in list(
        store.raised.items(min=(resource_path(case), ""), max=(resource_path(case), "\uffff"))
    ):
        if r.acknowledged_at is None:
            store.raised[key] = replace(r, acknowledged_by=actor, acknowledged_at=when)
            store.raised_waiting.pop((r.to_unit, *key), None)
            done = True
    if not done:
        raise InstructionError(_("没有待阅知的上报事项"))


def includeme(config):
    from portal.workflow.events import AfterTransition

    config.add_subscriber(on_transition, AfterTransition)
