"""Major event reports (重大信访事项报告): filed at any time, due within 1 hour of the event.

Contract:

* :func:`file_major_event` stores the report under the unit as ``event-<token>``, where the
  token comes from the form (a fresh random token per form shown): a resubmitted form finds
  the first attempt's report and creates nothing (returns ``created=False``).
* The ``major_event_report`` limit (1 hour, elapsed time) runs from the event's time; the
  report records when it was filed (``filed_at``, the server's clock) and ``late`` when that is
  more than 1 hour after the event.
* At once, everyone up the chain with a petition or leadership role (:data:`NOTIFIED_ROLES`
  on the unit or any unit above it) gets an in-app notice and, by their mail preferences, an
  e-mail: the title names the unit and the time, never people (:func:`notify_chain`, which
  other reports due at once reuse).
* :func:`add_follow_up` attaches a follow-up report (续报) to the first, idempotent by its own
  token; the chain is notified again.
"""

import re

from persistent.mapping import PersistentMapping
from pyramid.traversal import resource_path

from portal import clock
from portal.clock import format_datetime, month_day_time
from portal.deadlines import Deadline
from portal.documents.api import add_document, documents_in
from portal.i18n import _
from portal.notifications import notify
from portal.resources.folder import Folder
from portal.security.roles import role_ids

from .reminders import MAJOR_EVENT
from .units import chain_people

CODE = "major_event_report"
NOTIFIED_ROLES = role_ids("office", "responsible_leader")
TOKEN_RE = re.compile(r"^[a-z0-9]{8,40}$")


class EventError(ValueError):
    """A refused filing; ``str()`` is the Chinese reason."""


class MajorEvent(Folder):
    """A major event report; its Documents are the first report and the follow-ups."""

    type_name = "major_event"
    document_contexts = ("unit",)

    def __init__(self, event_time, filed_at, subject):
        super().__init__()
        self.event_time = event_time
        self.filed_at = filed_at
        self.subject = subject
        self.created = self.modified = filed_at
        self.deadlines = PersistentMapping()
        self.late = False
        self.follow_up_tokens = ()

    @property
    def title(self):
        return f"重大信访事项报告（{format_datetime(self.event_time)}）"

    def notice_label(self):
        return f"{self.__parent__.title}{self.title}"

    def reports(self):
        """The first report and the follow-ups, oldest first."""
        return list(reversed(documents_in(self, CODE)))

    def searchable_text(self):
        return f"{self.__parent__.title} {self.title} {self.subject}"


def event_key(token):
    return f"event-{token}"


def _check_token(token):
    if not isinstance(token, str) or not TOKEN_RE.match(token):
        raise EventError("表单已失效，请重新打开报告页面填写")
    return token


def file_major_event(unit, appstruct, token, request, when=None):
    """File the first report of an event; returns (event, created)."""
    key = event_key(_check_token(token))
    existing = unit.get(key)
    if existing is not None:
        return existing, False
    when = when or clock.now()
    from portal.time_limits import get_calendar

    actor = request.authenticated_userid
    event = MajorEvent(appstruct["event_time"], when, appstruct.get("subject", ""))
    deadline = Deadline(CODE, appstruct["event_time"], get_calendar(request.root), actor=actor, at=when)
    deadline.complete(when, actor=actor, at=when)
    event.deadlines[CODE] = deadline
    event.late = bool(deadline.met_late)
    add_document(event, CODE, appstruct, actor, registry=request.registry, when=when)
    unit.add(key, event, registry=request.registry)
    _notify_chain(request, unit, event, _("报告"))
    return event, True


def add_follow_up(event, appstruct, token, request, when=None):
    """Attach a follow-up report; returns (document or None if already attached, created)."""
    token = _check_token(token)
    if token in event.follow_up_tokens:
        return None, False
    when = when or clock.now()
    doc = add_document(
        event, CODE, appstruct, request.authenticated_userid, registry=request.registry, when=when
    )
    event.follow_up_tokens = event.follow_up_tokens + (token,)
    event.modified = when
    _notify_chain(request, event.__parent__, event, _("续报"))
    return doc, True


def notify_chain(site, unit, kind, title, body, url, actor=None, registry=None):
    """Tell everyone up the chain of ``unit`` at once: each holder of a :data:`NOTIFIED_ROLES`
    role on the unit or any unit above it (its principal leader, its petition staff, the level
    above and the city), except ``actor``. The route of the 1-hour major event report, shared
    by every report that must go up at once (a major risk found in screening, an activated
    emergency plan). Returns the userids notified."""
    people = [p for p in chain_people(unit, NOTIFIED_ROLES) if p != actor]
    return notify(site, people, kind, title, body, url, registry=registry)


def _notify_chain(request, unit, event, what):
    late = _("（已超过1小时）") if event.late and what == "报告" else ""
    title = _(
        "【重大信访事项】${unit}${what}：事件发生于${month}月${day}日 ${time}${late}",
        mapping={"unit": unit.title, "what": what, "late": late, **month_day_time(event.event_time)},
    )
    notify_chain(
        request.root,
        unit,
        MAJOR_EVENT.code,
        title,
        event.subject,
        resource_path(event),
        actor=request.authenticated_userid,
        registry=request.registry,
    )
