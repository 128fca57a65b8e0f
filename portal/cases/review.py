"""复查 and 复核: which body takes them, and the windows in which a petitioner may ask.

- The decision a petitioner contests is that of the unit whose handling opinion was concluded
  (``case.decided_by``, recorded at 办结). A unit's *body* is the unit itself when it is an
  organ of its own (a bureau, a school, an institution), else the nearest such unit above it: a
  department's (处（科）室) decision is its bureau's.
- 复查 goes to the body one level above the deciding body; 复核 to the body one level above
  that (《信访条例》第三十四、三十五条; 第五章第一节: the county bureau's 上级 is the city bureau).
  A decision of the city bureau itself is reviewed outside the portal (the city government or
  the provincial department): :func:`review_body` is then None.
- The body joins the case's chain (``review_body`` / ``rereview_body``) when the request is
  filed (the request document is added to the case), so its staff find it in their to-do.
- Windows: 30 days from the day the written reply (for 复查) or the review opinion (for 复核)
  was delivered to the petitioner (送达). :func:`delivered_on` is the one place that knows the
  delivery date -- a recorded delivery when there is one (``case.deliveries``: stage -> date,
  kept by ``portal.time_limits.review_window.record_delivery``), else the 送达日期 written on
  the reply, else the date of the transition that issued the document -- and :func:`window` the one place
  that computes the window; the deadlines, the guard conditions, the archive check and the
  public area all ask it.
"""

from portal.deadlines import compute_due, get_limit

from . import chain

NOT_BODIES = ("department", "petition_office")

#: stage -> (transition issuing the document, the limit, states in which the request may come)
STAGES = {
    "review": ("reply", "review_request", ("replied", "rated")),
    "rereview": ("answer_review", "rereview_request", ("reviewed",)),
}
REQUEST_DOCUMENTS = {"review_request": "review", "rereview_request": "rereview"}


def body_of(unit):
    """The organ ``unit`` decides for: itself, or the nearest unit above that is not a
    department or petition office."""
    while unit is not None and getattr(unit, "kind", None) in NOT_BODIES:
        unit = unit.__parent__
    return unit


def body_above(unit):
    """The organ one level above ``unit``'s organ; None above the city bureau."""
    body = body_of(unit)
    if body is None or body.__parent__ is None:
        return None
    return body_of(body.__parent__)


def deciding_unit(case):
    path = case.decided_by or case.responsible_unit or case.registering_unit
    return chain.resolve(case, path) if path else None


def review_body(case):
    """The unit that takes a 复查 request (None: a body outside the portal)."""
    return body_above(deciding_unit(case))


def rereview_body(case):
    body = review_body(case)
    return body_above(body) if body is not None else None


def _transition_date(case, transition):
    from portal.clock import as_date

    for entry in reversed(list(getattr(case, "workflow_history", ()))):
        if entry.transition == transition:
            return as_date(entry.when)
    return None


def recorded_delivery(case, stage):
    """The delivery day recorded for ``stage`` (on the case, or the reply's 送达日期), or None."""
    recorded = getattr(case, "deliveries", None) or {}
    if recorded.get(stage):
        return recorded[stage]
    if stage == "review":
        from portal.documents.api import latest_versions

        for doc in latest_versions(case, "reply"):
            if doc.appstruct.get("delivered_on"):
                return doc.appstruct["delivered_on"]
    return None


def delivered_on(case, stage):
    """The day the document a request contests was delivered (送达) to the petitioner: the
    recorded day, else the day of the transition that issued it."""
    return recorded_delivery(case, stage) or _transition_date(case, STAGES[stage][0])


def window(case, stage, calendar=None, delivered=None):
    """``(first day, last day)`` of the 30-day window for a ``stage`` request ('review' or
    'rereview'), or None while the contested document has not been issued."""
    start = delivered or delivered_on(case, stage)
    if start is None:
        return None
    if calendar is None:
        from portal.time_limits import get_calendar

        calendar = get_calendar(chain.resolve(case, "/"))
    due = compute_due(get_limit(STAGES[stage][1]), start, calendar)
    return start, due.due_date


def requested_on(case, stage):
    """The date on the latest request document of ``stage`` (None if none was filed)."""
    from portal.documents.api import latest_versions

    code = STAGES[stage][1]
    for doc in latest_versions(case, code):
        return doc.appstruct.get("requested_on") or _added_on(doc)
    return None


def _added_on(doc):
    from portal.clock import as_date

    created = getattr(doc, "created", None)
    return as_date(created) if created is not None else None


def _today():
    from portal.clock import today

    return today()


def _within(case, request, stage):
    span = window(case, stage, _calendar(request))
    if span is None:
        return False
    asked = requested_on(case, stage) or _today()
    return asked <= span[1]


def _calendar(request):
    from portal.time_limits import get_calendar

    return get_calendar(request.root) if request is not None else None


def within_review_window(case, request):
    return _within(case, request, "review")


within_review_window.title = "复查申请已超过期限（自收到书面答复之日起30日内）"


def within_rereview_window(case, request):
    return _within(case, request, "rereview")


within_rereview_window.title = "复核申请已超过期限（自收到复查意见之日起30日内）"


def review_windows_closed(case, request):
    """Archiving waits until the petitioner can no longer ask for 复查 / 复核, and for any
    request that was filed to be dealt with."""
    state = case.workflow_state
    if state == "rereviewed":
        return True
    stage = "review" if state in ("replied", "rated") else "rereview"
    if requested_on(case, stage) is not None:
        return False
    span = window(case, stage, _calendar(request))
    return span is not None and _today() > span[1]


review_windows_closed.title = "复查（复核）申请期限届满、申请办结前不能归档"

CONDITIONS = {
    "within_review_window": within_review_window,
    "within_rereview_window": within_rereview_window,
    "review_windows_closed": review_windows_closed,
}


def on_transition(event):
    """Record who decided at 办结 (an AfterTransition subscriber)."""
    case = event.object
    if getattr(case, "type_name", None) == "case" and event.transition.id == "conclude":
        case.decided_by = case.responsible_unit or case.registering_unit


def on_document_added(event):
    """A 复查/复核 request filed on a case brings the body that takes it onto the chain."""
    from pyramid.traversal import resource_path

    doc, case = event.object, event.parent
    stage = REQUEST_DOCUMENTS.get(getattr(doc, "code", None))
    if stage is None or getattr(case, "type_name", None) != "case":
        return
    if case.workflow_state not in STAGES[stage][2]:
        return
    body = review_body(case) if stage == "review" else rereview_body(case)
    if body is None:
        return
    from portal.clock import now

    relation = chain.REVIEW_BODY if stage == "review" else chain.REREVIEW_BODY
    chain.join(
        case,
        resource_path(body) or "/",
        relation,
        getattr(doc, "author", "system"),
        now(),
        "复查申请" if stage == "review" else "复核申请",
    )
