"""Rectification (第九章): notices to a lower unit, proposals to a lower bureau, kept apart.

"对下级单位……由教育信访部门下发《整改通知书》……对教育行政机关……由上一级教育信访部门下发
《整改建议书》": the petition office of the level above a unit (its receiving unit) issues to it
a ``rectification_notice`` when the unit is a school or another unit, a
``rectification_proposal`` when it is an education bureau (:func:`kind_for`); nobody else
issues, and never the other kind (:func:`may_issue`).

A :class:`Rectification` is a container kept on the addressed unit (so the unit and everyone
above it see it), following ``workflows/rectification.toml``. Its documents are issued and
numbered by the issuing office (``issuer_for``). Contract:

* the ``rectification`` deadline runs from the issue date to the due date the issuer set; the
  sweep warns the addressee's people, and once overdue the bureau above (the issuing petition
  office) hears of it, then the next one up (the ``rectification`` escalation source, see
  ``overdue``);
* the unit's rectification report (``rectification_report``) completes the deadline (late or
  not is recorded) and goes to the issuer, who accepts it (销号) or returns it: the original
  due date stands, so a return after it is overdue at once;
* an accountability proposal (``proposals``) may follow when the unit did not rectify in time
  or the consequences are serious.
"""

import re

from persistent.mapping import PersistentMapping
from pyramid.traversal import find_resource, resource_path

from portal.clock import as_date, now, today
from portal.deadlines import Deadline
from portal.documents.api import add_document, latest_versions, update_document
from portal.documents.numbering import format_number, last_serial, prefix_for
from portal.i18n import _
from portal.notifications import Kind, notify
from portal.reports.units import is_bureau, is_filing_unit, path_of, receiving_unit, roles_on
from portal.resources.folder import Folder
from portal.security.localroles import people_with
from portal.security.roles import role_ids
from portal.workflow import initialize
from portal.workflow.engine import WORKFLOWS_KEY

WORKFLOW = "rectification"
LIMIT = "rectification"
NOTICE, PROPOSAL, REPORT = "rectification_notice", "rectification_proposal", "rectification_report"
ISSUER_ROLES = frozenset(role_ids("office"))
RECTIFIER_ROLES = frozenset(role_ids("staff"))
TOKEN_RE = re.compile(r"^[a-z0-9]{8,40}$")

RECTIFICATION = Kind("rectification", _("整改通知"))


class RectificationError(ValueError):
    """A refused issue; ``str()`` is the Chinese reason."""


class Rectification(Folder):
    """A rectification notice or proposal to the unit it is stored on, and what followed."""

    type_name = "rectification"
    document_contexts = ("unit",)

    def __init__(self, code, issuer_path, actor, when, issued_on, due_on):
        super().__init__()
        self.code = code
        self.issuer_path = issuer_path
        self.issued_by = actor
        self.issued_on = issued_on
        self.due_on = due_on
        self.created = self.modified = when
        self.deadlines = PersistentMapping()

    @property
    def title(self):
        from schemas import get_document_type

        return get_document_type(self.code).title

    @property
    def unit(self):
        return self.__parent__

    @property
    def issuer(self):
        return find_resource(_root(self), self.issuer_path)

    def document(self, code=None):
        found = latest_versions(self, code or self.code)
        return found[0] if found else None

    def issuer_for(self, code):
        """The issuing office issues (and numbers) the notice and any accountability proposal;
        the unit's own report is the unit's."""
        return self.issuer if code != REPORT else None

    def notice_label(self):
        return f"{self.__parent__.title}{self.title}"

    def searchable_text(self):
        doc = self.document()
        return " ".join(
            p for p in (self.__parent__.title, self.title, doc.number if doc is not None else "") if p
        )

    # -- the sweep's hook ---------------------------------------------------------------
    def deadline_recipients(self, name):
        return people_with(self.__parent__, RECTIFIER_ROLES)


def _root(node):
    while node.__parent__ is not None:
        node = node.__parent__
    return node


def kind_for(unit):
    """``rectification_proposal`` for an education bureau, else ``rectification_notice``."""
    return PROPOSAL if is_bureau(unit) else NOTICE


def may_issue(request, unit):
    """The petition office of the level directly above ``unit`` issues to it; ``unit`` is a
    lower unit (a county bureau, a school, a unit directly under the city), not one of the
    issuer's own departments."""
    if not is_filing_unit(unit) or not unit.active:
        return False
    return bool(ISSUER_ROLES & roles_on(receiving_unit(unit), request.user_principals))


def may_rectify(request, rectification):
    return bool(RECTIFIER_ROLES & roles_on(rectification.__parent__, request.user_principals))


def may_check(request, rectification):
    return bool(ISSUER_ROLES & roles_on(rectification.issuer, request.user_principals))


def rectified_by_addressee(rectification, request):
    return may_rectify(request, rectification)


rectified_by_addressee.title = _("只能由被整改单位本单位人员报送整改情况")


def checked_by_issuer(rectification, request):
    return may_check(request, rectification)


checked_by_issuer.title = _("只能由发文的信访部门验收")

CONDITIONS = {"rectified_by_addressee": rectified_by_addressee, "checked_by_issuer": checked_by_issuer}


def next_ref(issuer, code, year):
    """The 文号 the issuer's next document of ``code`` will most likely get (for the form)."""
    return format_number(prefix_for(issuer), year, last_serial(issuer, code, year) + 1)


def initial_notice(unit, issuer):
    code = kind_for(unit)
    day = today()
    return {
        "document_ref": next_ref(issuer, code, day.year),
        "addressee": unit.title,
        "basis": _("《郑州市教育系统信访稳定工作实施办法（试行）》第九章"),
        "report_requirements": _("整改完成后书面报告整改情况。"),
        "issuing_unit": issuer.title,
        "issued_on": day,
    }


def issue(unit, appstruct, token, request, when=None):
    """Issue the notice (or proposal) to ``unit``; returns (rectification, created)."""
    if not isinstance(token, str) or not TOKEN_RE.match(token):
        raise RectificationError(_("表单已失效，请重新打开页面填写"))
    key = f"rectification-{token}"
    existing = unit.get(key)
    if existing is not None:
        return existing, False
    from portal.time_limits import get_calendar

    when = when or now()
    actor = request.authenticated_userid
    issuer = receiving_unit(unit)
    code = kind_for(unit)
    rectification = Rectification(
        code, path_of(issuer), actor, when, appstruct["issued_on"], appstruct["due_on"]
    )
    initialize(rectification, request.registry[WORKFLOWS_KEY][WORKFLOW], actor, when)
    calendar = get_calendar(request.root)
    rectification.deadlines[LIMIT] = _deadline(rectification, issuer, calendar, actor, when)
    unit.add(key, rectification, registry=request.registry)
    add_document(rectification, code, appstruct, actor, registry=request.registry, when=when)
    notify(
        request.root,
        people_with(unit, RECTIFIER_ROLES),
        RECTIFICATION.code,
        _(
            "${issuer}向${unit}下发${title}，整改期限至${due}",
            mapping={
                "issuer": issuer.title,
                "unit": unit.title,
                "title": rectification.title,
                "due": appstruct["due_on"].isoformat(),
            },
        ),
        appstruct.get("problems", ""),
        resource_path(rectification),
        registry=request.registry,
    )
    return rectification, True


def _deadline(rectification, issuer, calendar, actor, when):
    """The rectification deadline: from the issue date to the date ``issuer`` set."""
    deadline = Deadline(LIMIT, rectification.issued_on, calendar, actor=actor, at=when)
    deadline.set_override(rectification.due_on, calendar, by=issuer.title, actor=actor, at=when)
    return deadline


def initial_report(rectification):
    doc = rectification.document()
    return {
        "reporting_unit": rectification.__parent__.title,
        "notice_ref": (doc.number or doc.appstruct.get("document_ref", "")) if doc else "",
        "reported_on": today(),
    }


def save_report(rectification, appstruct, request):
    doc = rectification.document(REPORT)
    if doc is None or doc.frozen:
        return add_document(
            rectification, REPORT, appstruct, request.authenticated_userid, registry=request.registry
        )
    update_document(doc, appstruct, request.authenticated_userid, registry=request.registry)
    return doc


def on_transition(event):
    """The report completes the deadline and reaches the issuer; a return restarts the
    original deadline (AfterTransition subscriber, rectifications only)."""
    rectification = event.object
    if getattr(rectification, "type_name", None) != "rectification":
        return
    from portal.catalog import reindex_object

    request = event.request
    site = request.root
    deadline = rectification.deadlines.get(LIMIT)
    unit = rectification.__parent__
    if event.transition.id == "report":
        if deadline is not None and deadline.is_open:
            deadline.complete(as_date(event.when), actor=event.actor, at=event.when)
        people = people_with(rectification.issuer, ISSUER_ROLES)
        late = _("（逾期报送）") if deadline is not None and deadline.met_late else ""
        notify(
            site,
            people,
            RECTIFICATION.code,
            _(
                "${unit}报送${title}整改情况${late}",
                mapping={"unit": unit.title, "title": rectification.title, "late": late},
            ),
            url=resource_path(rectification),
            registry=request.registry,
        )
    elif event.transition.id == "return":
        from portal.time_limits import get_calendar

        rectification.deadlines[LIMIT] = _deadline(
            rectification, rectification.issuer, get_calendar(site), event.actor, event.when
        )
        notify(
            site,
            people_with(unit, RECTIFIER_ROLES),
            RECTIFICATION.code,
            _(
                "${issuer}退回${unit}的整改情况，请重新整改",
                mapping={"issuer": rectification.issuer.title, "unit": unit.title},
            ),
            _("退回理由：${reason}", mapping={"reason": event.comment}),
            resource_path(rectification),
            registry=request.registry,
        )
    else:
        return
    rectification.modified = event.when
    reindex_object(rectification, ("deadline_due",))
