"""What a petitioner does with a query code, and the code issued at acceptance.

Public views never traverse to a case: they hand a case *path* (from a verified code record)
to these functions, which return plain data (a projection and flags) or perform one action.

Contract:

- ``on_accept`` (AfterTransition): when a case is accepted and has no code yet, a code is
  issued (announced as ``events.QueryCodeIssued``) and kept in ``store.pending`` until staff
  show it once on the case's 查询码 page;
  the issue is written to the store's log (not to the case's workflow history, which keeps
  the workflow's own steps).
- ``own_view(site, path)`` -> :class:`OwnCase`: the redacted projection (published or not)
  and what the petitioner may do now.
- ``rate(site, path, values)`` stores a ``satisfaction_rating`` document (author
  :data:`ACTOR`), appends a history entry and notifies the registering unit's petition staff.
  It does **not** fire ``rate``: that transition needs ``conclude_case`` (a staff permission);
  staff confirm it on the case page, where the document is now present. (Firing it with a
  borrowed permission would put a transition in the history no staff member answers for.)
- ``request_review(site, path, reasons)`` likewise stores a ``review_request`` document within
  the 30 days after the petitioner received the reply (``portal.time_limits.review_window``:
  the window counts from delivery, and is open while the delivery is not yet recorded); staff
  accept it with ``request_review``.
"""

from dataclasses import dataclass
from datetime import date

from pyramid.traversal import find_resource, resource_path

from portal import clock
from portal.i18n import _
from portal.security.roles import role_ids
from portal.time_limits import review_window
from portal.workflow.history import HistoryEntry

from . import querycodes
from .projection import build_projection, latest_document
from .store import LogEntry, get_store

ACTOR = "信访人（查询码）"


def _root(obj):
    while obj.__parent__ is not None:
        obj = obj.__parent__
    return obj


def on_accept(event):
    case = event.object
    if event.transition.id != "accept" or getattr(case, "type_name", None) != "case":
        return
    site = _root(case)
    if getattr(site, "public_area", None) is None:
        return
    store = get_store(site)
    path = resource_path(case)
    if querycodes.has_code(store, path):
        return
    code = querycodes.issue(store, path, case.identity.petitioner, event.actor, event.when)
    store.pending[path] = (code, event.when)
    store.record(LogEntry(event.when, event.actor, "issue_code", path, case.number, "受理时生成查询码"))
    request = event.request
    from pyramid.threadlocal import get_current_registry

    from .events import QueryCodeIssued

    registry = getattr(request, "registry", None) or get_current_registry()
    registry.notify(QueryCodeIssued(site, path, code, event.when, "accept"))
    if request is not None and hasattr(request, "session"):
        request.session.flash("已生成查询码：请打开本事项的“查询码”页面打印，随受理告知单交信访人", "success")


@dataclass(frozen=True)
class OwnCase:
    projection: object
    may_rate: bool
    rating_submitted: bool
    may_request_review: bool
    review_requested: bool
    review_until: date | None  # the last day to ask for 复查, once replied
    review_until_provisional: bool = False  # counted through a year without holiday data


def _received_on(case):
    """The day the petitioner received the reply (送达; ``portal.cases.review.delivered_on``)."""
    from portal.cases.review import delivered_on

    return delivered_on(case, "review")


def _case(site, path):
    return find_resource(site, path)


def own_view(site, path, today=None):
    case = _case(site, path)
    today = today or clock.today()
    store = get_store(site)
    projection = build_projection(case, store.summaries.get(path))
    rated = latest_document(case, "satisfaction_rating") is not None
    asked = latest_document(case, "review_request") is not None
    until = review_window.review_until(case)
    replied = case.workflow_state in ("replied", "rated")
    return OwnCase(
        projection=projection,
        may_rate=case.workflow_state == "replied" and not rated,
        rating_submitted=rated,
        may_request_review=replied and not asked and until is not None and today <= until.due_date,
        review_requested=asked,
        review_until=until.due_date if replied and until is not None else None,
        review_until_provisional=bool(replied and until is not None and until.provisional),
    )


def _notify_staff(site, case, title):
    from portal.security.localroles import people_with

    try:
        unit = find_resource(site, case.registering_unit)
        from portal.notifications.centre import notify
    except (KeyError, ImportError):
        return
    staff = people_with(unit, role_ids("office"))
    if staff:
        notify(site, staff, "task", title, url=resource_path(case))


def _history(case, action, title, comment, when):
    case.workflow_history.append(
        HistoryEntry(
            actor=ACTOR,
            when=when,
            transition=action,
            transition_title=title,
            comment=comment,
            from_state=case.workflow_state,
            to_state=case.workflow_state,
        )
    )


def rate(site, path, values, when=None):
    """Record the petitioner's rating (see the module docstring); returns the document."""
    from portal.documents.api import add_document

    when = when or clock.now()
    case = _case(site, path)
    if case.workflow_state != "replied" or latest_document(case, "satisfaction_rating"):
        raise ValueError("当前不能评价")
    appstruct = {
        "rating": values["rating"],
        "attitude": values.get("attitude") or None,
        "timeliness": values.get("timeliness") or None,
        "comments": values.get("comments") or "",
        "rated_on": clock.as_date(when),
    }
    doc = add_document(case, "satisfaction_rating", appstruct, ACTOR, when=when)
    _history(
        case, "petitioner_rating", "信访人通过查询码提交满意度评价", "请核对后执行“登记满意度评价”", when
    )
    _notify_staff(
        site, case, _("信访事项 ${number}：信访人已提交满意度评价，请登记", mapping={"number": case.number})
    )
    return doc


def request_review(site, path, reasons, when=None):
    """Record the petitioner's request for 复查; returns the document."""
    from portal.documents.api import add_document

    when = when or clock.now()
    case = _case(site, path)
    view = own_view(site, path, clock.as_date(when))
    if not view.may_request_review:
        raise ValueError("当前不能申请复查")
    person = case.identity.petitioner
    from portal.cases.review import review_body

    above = review_body(case)
    reply = latest_document(case, "reply")
    appstruct = {
        "petitioner_name": person.get("name", ""),
        "id_number": person.get("id_number") or "",
        "phone": person.get("phone") or "",
        "address": person.get("address") or "",
        "postal_code": "",
        "addressed_to": getattr(above, "title", "") or "上级机关",
        "reasons": reasons,
        "requested_on": clock.as_date(when),
        "opinion_ref": (reply.number or "") if reply is not None else "",
        "opinion_received_on": _received_on(case) or clock.as_date(when),
    }
    doc = add_document(case, "review_request", appstruct, ACTOR, when=when)
    _history(
        case, "petitioner_review_request", "信访人通过查询码申请复查", "请审核后执行“受理复查申请”", when
    )
    # the body that takes it joined the case's chain and was told (portal.cases.notices)
    _notify_staff(
        site, case, _("信访事项 ${number}：信访人申请复查，请及时受理", mapping={"number": case.number})
    )
    return doc
