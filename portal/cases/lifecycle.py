"""Registering a case, and the deadlines each transition starts or stops.

``register_case`` creates the case in the registering unit: number, identity, workflow, the
15-day acceptance-notice deadline (or the same-day limit for urgent cases), and the
registration document. ``on_transition`` (an AfterTransition subscriber) keeps the deadlines in
step with the workflow: acceptance stops the notice deadline and starts the 60-day handling
one (or the higher body's deadline); an urgent case keeps its same-day deadline open until it
is concluded (it gets no 60-day one); conclusion stops handling; the reply starts the 30-day
window for a review request, counted from its delivery (``review.delivered_on``; a delivery
recorded later moves its start: ``portal.time_limits.review_window``); and so on.
"""

from datetime import date

from portal import clock
from portal.clock import as_date
from portal.deadlines import Deadline, get_limit
from portal.workflow import initialize

from .numbering import format_number, next_number
from .resource import Case, PetitionerIdentity

# transition id -> (deadline names to complete, deadline name to start or None)
DEADLINE_STEPS = {
    "accept": (("acceptance_notice",), "handling"),
    "decline": (("acceptance_notice", "urgent_case"), None),
    "forward": (("acceptance_notice", "urgent_case"), None),
    "conclude": (("handling", "urgent_case"), None),
    "reply": ((), "review_request"),
    "request_review": (("review_request",), "review_answer"),
    "answer_review": (("review_answer",), "rereview_request"),
    "request_rereview": (("rereview_request",), "rereview_answer"),
    "answer_rereview": (("rereview_answer",), None),
    "archive": (("review_request", "rereview_request"), None),
}


def start_deadline(case, name, trigger, calendar, actor, limit=None):
    deadline = Deadline(get_limit(limit or name), trigger, calendar, actor=actor)
    case.deadlines[name] = deadline
    return deadline


def register_case(unit, appstruct, actor, workflow, calendar, registry=None, when=None, reserve=None):
    """Create and return a case registered by ``unit`` from a registration ``appstruct``.

    ``reserve(unit_path, year) -> int`` reserves the sequence number (in production a separate
    short transaction, see ``numbering.reserve_number``); by default the number is taken in
    the current transaction.
    """
    from pyramid.traversal import resource_path

    from portal.documents.api import add_document

    when = when or clock.now()
    received = appstruct.get("received_on") or as_date(when)
    year = received.year
    unit_path = resource_path(unit) or "/"
    if reserve is None:
        root = _root(unit)
        reserve = lambda path, y: next_number(root, path, y)  # noqa: E731
    seq = reserve(unit_path, year)
    identity = PetitionerIdentity(appstruct["petitioner"], appstruct.get("representatives") or ())
    case = Case(format_number(unit, year, seq), appstruct, identity, actor, unit_path)
    initialize(case, workflow, actor, when)
    if case.urgency == "urgent":
        start_deadline(case, "urgent_case", when, calendar, actor)
    start_deadline(case, "acceptance_notice", received, calendar, actor)
    name = f"c{year}-{seq:04d}"
    while name in unit:  # e.g. cases imported with numbers: skip keys already taken
        seq = reserve(unit_path, year)
        case.number = format_number(unit, year, seq)
        name = f"c{year}-{seq:04d}"
    from . import chain

    chain.start(case, unit_path, actor, when, registry=registry)
    unit.add(name, case, registry=registry)
    add_document(case, "registration", appstruct, actor, registry=registry, when=when)
    return case


def on_transition(event):
    """Complete and start deadlines as the case moves (only for objects that are cases)."""
    case = event.object
    if getattr(case, "type_name", None) != "case":
        return
    step = DEADLINE_STEPS.get(event.transition.id)
    if step is None:
        return
    request = event.request
    from portal.time_limits import get_calendar

    calendar = get_calendar(request.root if request is not None else _root(case))
    done_on = as_date(event.when)
    finish, start = step
    for name in finish:
        deadline = case.deadlines.get(name)
        if deadline is not None and deadline.is_open:
            if deadline.is_paused:
                deadline.resume(done_on, calendar, actor=event.actor)
            deadline.complete(done_on, actor=event.actor)
    if start == "handling":
        if case.urgency != "urgent":  # else the same-day limit started at registration runs on
            deadline = start_deadline(case, "handling", done_on, calendar, event.actor)
            higher = getattr(case, "higher_deadline", None)
            if higher:
                deadline.set_override(
                    higher, calendar, by=case.handed_down_by or "上级机关", actor=event.actor
                )
    elif start in ("review_request", "rereview_request"):
        from .review import delivered_on

        stage = "review" if start == "review_request" else "rereview"
        start_deadline(case, start, delivered_on(case, stage) or done_on, calendar, event.actor)
    elif start is not None:
        start_deadline(case, start, done_on, calendar, event.actor)
    from portal.catalog import reindex_object

    reindex_object(case, ("deadline_due",))


def _root(obj):
    while obj.__parent__ is not None:
        obj = obj.__parent__
    return obj


def open_deadlines(case):
    return [(name, d) for name, d in case.deadlines.items() if d.is_open]


def is_date(value):
    return isinstance(value, date)
