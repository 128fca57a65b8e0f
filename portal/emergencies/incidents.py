"""Petition emergencies (突发信访事件, 第七章): report, activation, written report, aftermath.

An :class:`Incident` is a container stored on the unit where the emergency happens
(``incident-<token>``, idempotent by the form's token) and follows ``workflows/incident.toml``.
Contract:

* Reporting it (:func:`report_incident`) tells the group leader at once: the principal leader
  of the unit whose plan applies (``plans.plan_unit``), and that unit's petition staff.
* Only that group leader (领导小组组长) activates the plan or decides not to
  (:func:`group_leader_decides`). Activation (:func:`on_transition`) at once files the major
  event report upward (``portal.reports.major_events.file_major_event``: the chain is notified
  and the 1-hour rule recorded, counted from the incident's time) and starts the written-report
  deadline (``emergency_written_report``), due the number of days the plan sets after the day
  of activation.
* The written report (``emergency_report``, filled from the incident) completes that deadline
  and goes up the chain; the aftermath record (``emergency_aftermath``) closes the incident.
* An open written-report deadline is swept like every deadline: the unit's people are warned,
  and when it is overdue the bureaus above hear of it (the ``emergency_written_report``
  escalation source, see ``overdue``).
"""

import re
from datetime import timedelta

from persistent.mapping import PersistentMapping
from pyramid.traversal import resource_path

from portal.clock import as_date, format_month_day_time, month_day_time, now, today
from portal.deadlines import Deadline
from portal.documents.api import add_document, latest_versions, update_document
from portal.i18n import _
from portal.notifications import Kind, notify
from portal.reports.major_events import file_major_event, notify_chain
from portal.reports.units import roles_on
from portal.resources import Unit
from portal.resources.folder import Folder
from portal.security.localroles import people_with
from portal.security.roles import role_ids
from portal.workflow import initialize
from portal.workflow.engine import WORKFLOWS_KEY

from .plans import current_plan, plan_unit, written_report_days

WORKFLOW = "incident"
LIMIT = "emergency_written_report"
HANDLER_ROLES = frozenset(role_ids("staff"))
(LEADER_ROLE,) = role_ids("principal")
OFFICE_ROLES = role_ids("office")
OPEN_STATES = ("reported", "activated", "written")
TOKEN_RE = re.compile(r"^[a-z0-9]{8,40}$")
LEVEL_TITLES = {
    "ordinary": _("一般"),
    "serious": _("较大"),
    "major": _("重大"),
    "extraordinary": _("特别重大"),
}

INCIDENT = Kind("petition_emergency", _("突发信访事件"))


class IncidentError(ValueError):
    """A refused report; ``str()`` is the Chinese reason."""


class Incident(Folder):
    """One petition emergency at its unit; its Documents are the written report and the
    aftermath record; ``deadlines`` holds the written-report deadline once activated."""

    type_name = "incident"
    document_contexts = ("unit",)
    activated_at = None
    activated_by = None
    event_path = None
    plan_unit_path = None
    plan_number = None

    def __init__(self, values, token, actor, when):
        super().__init__()
        self.token = token
        self.title = values["subject"]
        self.facts = dict(values)
        self.occurred_at = values["occurred_at"]
        self.level = values["level"]
        self.reported_by = actor
        self.created = self.modified = when
        self.deadlines = PersistentMapping()

    @property
    def unit(self):
        return self.__parent__

    @property
    def level_title(self):
        return LEVEL_TITLES.get(self.level, "")

    def notice_label(self):
        return f"{self.__parent__.title}突发信访事件（{format_month_day_time(self.occurred_at)}）"

    def searchable_text(self):
        return f"{self.__parent__.title} {self.title}"

    def document(self, code):
        found = latest_versions(self, code)
        return found[0] if found else None

    def applying_unit(self):
        """The unit whose plan applied when activated (before: the one that applies now)."""
        if self.plan_unit_path:
            from pyramid.traversal import find_resource

            return find_resource(_root(self), self.plan_unit_path)
        return plan_unit(self.__parent__)

    # -- the sweep's hook ---------------------------------------------------------------
    def deadline_recipients(self, name):
        """The written report is the incident's unit's work (and its plan unit's office)."""
        unit = self.__parent__
        found = set(people_with(unit, HANDLER_ROLES)) | set(people_with(self.applying_unit(), OFFICE_ROLES))
        return sorted(found)


def _root(obj):
    while obj.__parent__ is not None:
        obj = obj.__parent__
    return obj


def incident_key(token):
    if not isinstance(token, str) or not TOKEN_RE.match(token):
        raise IncidentError(_("表单已失效，请重新打开报告页面填写"))
    return f"incident-{token}"


def may_handle(request, unit, incident=None):
    """The incident's unit's own emergency staff, or the petition office whose plan applies."""
    if not isinstance(unit, Unit) or not unit.active:
        return False
    principals = request.user_principals
    if HANDLER_ROLES & roles_on(unit, principals):
        return True
    applying = incident.applying_unit() if incident is not None else plan_unit(unit)
    return bool(HANDLER_ROLES & roles_on(applying, principals))


def group_leaders(unit):
    """The principal leaders granted on the unit whose plan applies to ``unit``."""
    return people_with(plan_unit(unit), (LEADER_ROLE,))


def report_incident(unit, values, token, request, when=None):
    """Record an incident reported at ``unit``; returns (incident, created). The group leader
    and the petition office whose plan applies are told at once."""
    key = incident_key(token)
    existing = unit.get(key)
    if existing is not None:
        return existing, False
    when = when or now()
    actor = request.authenticated_userid
    incident = Incident(values, token, actor, when)
    initialize(incident, request.registry[WORKFLOWS_KEY][WORKFLOW], actor, when)
    unit.add(key, incident, registry=request.registry)
    applying = plan_unit(unit)
    people = set(people_with(applying, (LEADER_ROLE,) + OFFICE_ROLES)) - {actor}
    title = _(
        "【突发信访事件】${unit}报告：${month}月${day}日 ${time}发生${level}突发信访事件，请领导小组组长决定是否启动应急预案",
        mapping={"unit": unit.title, "level": incident.level_title, **month_day_time(incident.occurred_at)},
    )
    notify(
        request.root,
        sorted(people),
        INCIDENT.code,
        title,
        incident.title,
        resource_path(incident),
        registry=request.registry,
    )
    return incident, True


def group_leader_decides(incident, request):
    return LEADER_ROLE in roles_on(incident.applying_unit(), request.user_principals)


group_leader_decides.title = _("由领导小组组长（适用应急预案单位的主要领导）决定是否启动应急预案")


def handled_on_site(incident, request):
    return may_handle(request, incident.__parent__, incident)


handled_on_site.title = _("由事发单位或适用应急预案单位的信访工作人员处置和报告")

CONDITIONS = {"group_leader_decides": group_leader_decides, "handled_on_site": handled_on_site}


def major_event_values(incident, request):
    """The major event report of an activated incident, filled from the incident."""
    facts = incident.facts
    leader = getattr(request.identity, "title", "") if request is not None else ""
    return {
        "unit": incident.__parent__.title,
        "reporter": facts.get("reporter", ""),
        "reporter_phone": facts.get("reporter_phone", ""),
        "event_time": incident.occurred_at,
        "place": facts.get("place", ""),
        "headcount": facts.get("headcount", 1),
        "subject": incident.title,
        "description": facts.get("description", ""),
        "demands": facts.get("demands", ""),
        "measures_taken": f"{facts.get('measures_taken', '')}\n领导小组组长已决定启动应急预案。".strip(),
        "leader_on_site": leader,
        "reported_at": now(),
    }


def activate(incident, request, when):
    """Side effects of activation: the plan recorded, the major event report filed upward
    at once, the written-report deadline started."""
    from portal.time_limits import get_calendar

    unit = incident.__parent__
    applying = plan_unit(unit)
    plan = current_plan(applying)
    incident.activated_at = when
    incident.activated_by = request.authenticated_userid
    incident.plan_unit_path = resource_path(applying) or "/"
    incident.plan_number = (plan.number or f"第{plan.version}版（未签发）") if plan else None
    event, _created = file_major_event(
        unit, major_event_values(incident, request), incident.token, request, when=when
    )
    incident.event_path = resource_path(event)
    days = written_report_days(unit)
    calendar = get_calendar(request.root)
    started = as_date(when)
    deadline = Deadline(LIMIT, started, calendar, actor=incident.activated_by, at=when)
    deadline.set_override(
        started + timedelta(days=days),
        calendar,
        by=f"{applying.title}应急预案",
        reason=f"启动预案后{days}日内书面报告",
        actor=incident.activated_by,
        at=when,
    )
    incident.deadlines[LIMIT] = deadline


def on_transition(event):
    """Activation and the written report (AfterTransition subscriber, incidents only)."""
    incident = event.object
    if getattr(incident, "type_name", None) != "incident":
        return
    from portal.catalog import reindex_object

    request = event.request
    if event.transition.id == "activate":
        activate(incident, request, event.when)
    elif event.transition.id == "report_in_writing":
        deadline = incident.deadlines.get(LIMIT)
        if deadline is not None and deadline.is_open:
            deadline.complete(as_date(event.when), actor=event.actor, at=event.when)
        unit = incident.__parent__
        notify_chain(
            request.root,
            unit,
            INCIDENT.code,
            _(
                "【突发信访事件】${unit}书面报告应急处置情况（事件发生于${month}月${day}日 ${time}）",
                mapping={"unit": unit.title, **month_day_time(incident.occurred_at)},
            ),
            incident.title,
            resource_path(incident),
            actor=event.actor,
            registry=request.registry,
        )
    else:
        return
    incident.modified = event.when
    reindex_object(incident, ("deadline_due",))


def initial_written_report(incident, request):
    facts = incident.facts
    leader = incident.activated_by
    users = request.root.users
    return {
        "unit": incident.__parent__.title,
        "reporter": getattr(request.identity, "title", ""),
        "reporter_phone": facts.get("reporter_phone", ""),
        "event_time": incident.occurred_at,
        "place": facts.get("place", ""),
        "headcount": facts.get("headcount", 1),
        "subject": incident.title,
        "plan_activated": incident.activated_at is not None,
        "activated_by": getattr(users.get(leader), "title", "") if leader else "",
        "course": facts.get("description", ""),
        "handling": facts.get("measures_taken", ""),
        "reported_on": today(),
    }


def initial_aftermath(incident, request):
    return {
        "unit": incident.__parent__.title,
        "subject": incident.title,
        "started_on": as_date(incident.activated_at) if incident.activated_at else None,
        "closed_on": today(),
    }


def save_document(incident, code, appstruct, request):
    """Store the incident's ``code`` document: a new draft or the draft's new values."""
    doc = incident.document(code)
    if doc is None or doc.frozen:
        return add_document(
            incident, code, appstruct, request.authenticated_userid, registry=request.registry
        )
    update_document(doc, appstruct, request.authenticated_userid, registry=request.registry)
    return doc
