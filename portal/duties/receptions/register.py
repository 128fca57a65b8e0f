"""The register of a reception day (领导接访登记表), and a matter becoming a case.

Contract:

* :func:`file_register` files one 领导接访登记表 per visitor or matter against a scheduled day
  that has come (not before it): the day, the receiving leader (the approved substitute when
  there is one) and the place are the day's, never typed. The document records
  ``reception_day``; the day lists it and becomes ``held``.
* :func:`confirm_no_visitors` marks a day that has come as held with nobody received;
  :func:`mark_not_held` records that it did not take place, with the reason.
* :func:`register_to_case` registers a matter the leader assigned (批转有关单位调查处理) as a
  case of the unit in one step, from the register's values; a matter becomes at most one case.
* :func:`refresh_day` recomputes the day's figures (people received, matters by outcome,
  cases) from its registers' latest versions; a subscriber calls it when a register changes.
"""

from pyramid.traversal import find_root, resource_path

from portal.documents.api import add_document, versions
from portal.documents.resource import Document

from ..dates import cn_date, now, today
from ..records import current_version
from .model import get_day, refresh_month
from .schedule import ReceptionError

CODE = "reception_register"
#: Register fields that come from the day, not from the form.
FROM_DAY = ("received_on", "leader_name", "leader_post", "place")
OUTCOMES_TO_CASE = ("referred",)


def day_values(day):
    _uid, name, post = day.receiving_leader
    return {"received_on": day.on, "leader_name": name, "leader_post": post, "place": day.place}


def registers_of(unit, day):
    """The latest version of each register filed against ``day``."""
    found = [current_version(unit, name) for name in day.registers]
    return [d for d in found if d is not None]


def case_of(doc):
    """(path, number) of the case a register became, or None (any version may carry it)."""
    for version in versions(doc):
        path = getattr(version, "case_path", None)
        if path:
            return path, getattr(version, "case_number", "")
    return None


def refresh_day(unit, day):
    docs = registers_of(unit, day)
    day.visitors = sum(d.appstruct.get("headcount") or 0 for d in docs)
    counts = {}
    for doc in docs:
        outcome = doc.appstruct.get("outcome")
        counts[outcome] = counts.get(outcome, 0) + 1
    day.outcomes = tuple(sorted(counts.items()))
    day.cases = sum(1 for d in docs if case_of(d) is not None)
    refresh_month(find_root(unit), unit, day.month)


def _came(day, what):
    if day.state not in ("scheduled", "held"):
        raise ReceptionError(f"该接访日{day.state_title}，不能{what}")
    if day.on > today():
        raise ReceptionError(f"接访日（{cn_date(day.on)}）尚未到，不能{what}")


def _held(day, actor, when, title, comment=""):
    if day.state == "scheduled":
        day.record(actor, when, "held", title, comment, to_state="held")
        day.state = "held"


def file_register(unit, day, appstruct, actor, registry=None, when=None):
    when = when or now()
    _came(day, "登记")
    values = dict(appstruct, **day_values(day))
    doc = add_document(unit, CODE, values, actor, registry=registry, when=when)
    doc.reception_day = day.id
    day.registers = day.registers + (doc.__name__,)
    _held(day, actor, when, "登记接访情况", f"{doc.__name__}")
    refresh_day(unit, day)
    return doc


def confirm_no_visitors(unit, day, actor, when=None):
    when = when or now()
    _came(day, "确认")
    if day.state != "scheduled":
        raise ReceptionError("该接访日已登记接访情况")
    _held(day, actor, when, "确认已接访", "当日无群众来访")
    refresh_day(unit, day)


def mark_not_held(unit, day, reason, actor, when=None):
    when = when or now()
    _came(day, "登记")
    if day.state != "scheduled" or day.registers:
        raise ReceptionError("该接访日已登记接访情况")
    reason = (reason or "").strip()
    if not reason:
        raise ReceptionError("请填写未能接访的原因")
    day.record(actor, when, "not_held", "登记未接访", reason[:200], to_state="not_held")
    day.state = "not_held"
    day.reason = reason[:200]
    refresh_day(unit, day)


def registration_values(day, doc):
    """A case registration (接待登记) from the register of ``day``: a visit on that day."""
    v = doc.appstruct
    problem = v.get("problem") or ""
    subject = problem.splitlines()[0][:60] if problem else "领导接访事项"
    _uid, leader, _post = day.receiving_leader
    remarks = f"{cn_date(day.on)}领导接待日登记（接访领导：{leader}）"
    if v.get("referred_unit"):
        remarks += f"，批转单位：{v['referred_unit']}"
    if v.get("reply"):
        remarks += f"。批转意见：{v['reply']}"
    return {
        "channel": "visit",
        "received_on": day.on,
        "handed_down_by": None,
        "handed_down_ref": None,
        "petitioner": dict(v.get("petitioner") or {}),
        "is_group": False,
        "headcount": v.get("headcount") or 1,
        "representatives": [],
        "level_skipping": "none",
        "urgency": "normal",
        "subject": subject,
        "problem": problem,
        "demands": v.get("demands") or "",
        "remarks": remarks[:1000],
    }


def register_to_case(unit, day, doc, actor, workflow, calendar, registry=None, when=None):
    """Register the matter of ``doc`` (a register of ``day``) as a case; returns the case."""
    from portal.cases.lifecycle import register_case
    from portal.resources.events import ObjectModified

    when = when or now()
    if (
        not isinstance(doc, Document)
        or doc.code != CODE
        or getattr(versions(doc)[0], "reception_day", None) != day.id
    ):
        raise ReceptionError("该登记不属于本接访日")
    done = case_of(doc)
    if done is not None:
        raise ReceptionError(f"该事项已登记为信访事项 {done[1]}")
    if doc.appstruct.get("outcome") not in OUTCOMES_TO_CASE:
        raise ReceptionError("只有批转有关单位调查处理的事项才转为信访事项")
    case = register_case(unit, registration_values(day, doc), actor, workflow, calendar, registry, when=when)
    case.from_reception = (resource_path(unit) or "/", day.id, doc.__name__)
    (registry.notify if registry is not None else _notify)(ObjectModified(case))
    doc.case_path, doc.case_number = resource_path(case), case.number
    day.record(actor, when, "to_case", "转为信访事项", case.number)
    refresh_day(unit, day)
    return case


def _notify(event):
    from pyramid.threadlocal import get_current_registry

    get_current_registry().notify(event)


def on_register_changed(event):
    """A register was corrected or edited elsewhere: refresh its day's figures."""
    doc = event.object
    if not isinstance(doc, Document) or doc.code != CODE:
        return
    first = versions(doc)[0]
    day_id = getattr(first, "reception_day", None)
    unit = doc.__parent__
    if not day_id or unit is None or getattr(unit, "__docid__", None) is None:
        return
    site = find_root(unit)
    if getattr(site, "duties", None) is None:
        return
    day = get_day(site, unit, day_id)
    if day is not None:
        refresh_day(unit, day)
