"""The monthly report (月报表) of one unit for one month, and filing it.

One report per unit and month, stored under the unit as ``report-YYYY-MM``
(:class:`MonthlyReport`, a container holding the ``monthly_report`` Document and the workflow
state). Filing is idempotent and never loses a report:

* :func:`save_report` finds the report under its fixed key or creates it
  (:func:`create_report`), so a resubmitted form finds the report the first attempt made; two
  concurrent first filings write the same BTree key, one gets a ConflictError and its retry
  (pyramid_retry) finds the other's report.
* :func:`save_report` stores the values (drafts and returned reports only) and, when asked,
  fires ``submit``; on an already submitted or accepted report it changes nothing and says so
  (``SaveResult.action == 'unchanged'``).
* every change rewrites the unit's row in ``site.reports.monthly[month]`` in the same
  transaction (:func:`sync_row`), so dashboards never disagree with the reports.

The due date is kept in ``monthly_deadline`` (a ``portal.deadlines.Deadline``), not in a
``deadlines`` mapping: the site's ``deadline_due`` index and the deadline sweep stay out of it
(missing reports have no object to sweep; the dashboards remind them). Late filing: the
report is late when it reaches the receiving unit (state ``submitted``) for
the first time after the due date of the ``monthly_report`` limit (the 25th, moved off rest
days by the holiday calendar); ``filed_at`` keeps that first time.
"""

import copy
from dataclasses import dataclass

from portal import clock
from portal.clock import as_date
from portal.deadlines import Deadline
from portal.documents.api import add_document, latest_versions
from portal.resources.folder import Folder
from portal.workflow import fire, initialize
from portal.workflow.config import documents_present
from portal.workflow.engine import WORKFLOWS_KEY

from .months import first_day, month_label
from .store import MonthlyRow, get_store
from .units import county_path, filers_of, path_of

CODE = "monthly_report"
KEY_PREFIX = "report-"
EDITABLE = ("draft", "returned")
SUBMITTED = "submitted"


def report_key(month):
    return KEY_PREFIX + month


def workflow_id(unit):
    return "county_monthly_report" if unit.kind == "county_bureau" else "monthly_report"


class MonthlyReport(Folder):
    """A unit's monthly report for ``month`` (``YYYY-MM``); the Document is its child."""

    type_name = "monthly_report"
    document_contexts = ("unit",)
    filed_at = None
    late = False
    returned_reason = ""

    def __init__(self, month, when, deadline=None):
        super().__init__()
        self.month = month
        self.created_at = self.changed_at = when
        self.monthly_deadline = deadline

    @property
    def month_title(self):
        return f"{month_label(self.month)}信访工作月报表"

    @property
    def title(self):
        """The unit's name and the month: distinct per report, so the catalog's ``title``
        index takes one new key per report instead of every filing writing one shared key."""
        unit = self.unit
        return f"{unit.title if unit is not None else ''}{self.month_title}"

    @property
    def unit(self):
        return self.__parent__

    def notice_label(self):
        return self.title

    def deadline_recipients(self, name):
        return filers_of(self.unit)

    def document(self):
        """The current monthly_report Document (None before the first save)."""
        docs = latest_versions(self, CODE)
        return docs[0] if docs else None

    @property
    def appstruct(self):
        doc = self.document()
        return dict(doc.appstruct) if doc is not None else {}

    def searchable_text(self):
        """Nothing: reports are found through the dashboards. Any word a report shared with
        the reports filed at the same moment (its title, its county's name) would make every
        concurrent filing write the same small postings of the site's text index and conflict
        beyond what retries absorb."""
        return ""


def figures_of(appstruct):
    """The dashboard figures (``store.FIGURES`` order) of a monthly report's values."""
    skipping = appstruct.get("level_skipping") or []
    return (
        len(skipping),
        sum(int(i.get("headcount") or 0) for i in skipping),
        len(appstruct.get("risks") or []),
        len(appstruct.get("major_cases") or []),
        len(appstruct.get("incidents") or []),
    )


def get_report(unit, month):
    return unit.get(report_key(month))


def create_report(unit, month, values, actor, request, when, submit=False):
    """A new report holding ``values`` under its fixed key, submitted at once if asked.

    Reports stay out of the site catalog: the dashboards read ``site.reports`` instead. Every
    report would otherwise add new keys (its path, docid, times) to a dozen shared catalog
    BTrees, and thousands of units filing in the same minute would split their buckets
    under each other faster than retries absorb. So the Document is stored before the report
    is attached, the report is attached without events, later edits use ``Document.update``
    and transitions go through :func:`transition` (which announces them to this concern only).
    """
    from portal.time_limits import get_calendar

    deadline = Deadline(CODE, first_day(month), get_calendar(request.root), actor=actor, at=when)
    report = MonthlyReport(month, when, deadline)
    workflow = request.registry[WORKFLOWS_KEY][workflow_id(unit)]
    initialize(report, workflow, actor, when)
    add_document(report, CODE, values, actor, registry=request.registry, when=when)
    report.__parent__, report.__name__ = unit, report_key(month)  # security and paths resolve
    if submit:
        _submit(report, request, actor, when)
    unit.add(report_key(month), report, send_events=False)
    return report


def _submit(report, request, actor, when):
    transition(report, "submit", request, actor, when=when)


def transition(report, transition_id, request, actor, comment="", when=None):
    """Fire ``transition_id`` on ``report`` (``portal.workflow.fire`` re-checks the guard and
    raises ``TransitionError``); the AfterTransition event goes to :func:`on_transition` only,
    not through the registry, so the site catalog's subscriber does not index the report."""
    return fire(
        report,
        transition_id,
        request,
        actor=actor,
        comment=comment,
        when=when or clock.now(),
        documents_present=documents_present,
        notify=on_transition,
    )


@dataclass(frozen=True)
class SaveResult:
    report: MonthlyReport
    action: str  # "saved", "submitted" or "unchanged"
    message: str  # Chinese, for the flash message


def save_report(unit, month, appstruct, request, submit=False, when=None):
    """Store ``appstruct`` as the unit's report for ``month``; fire ``submit`` if asked.

    Raises ``portal.workflow.TransitionError`` (Chinese ``message``) when the user may not
    submit; the caller's transaction is then aborted by the view.
    """
    when = when or clock.now()
    actor = request.authenticated_userid
    values = dict(appstruct, month=month)
    report = get_report(unit, month)
    if report is None:
        report = create_report(unit, month, values, actor, request, when, submit)
    elif report.workflow_state not in EDITABLE:
        title = _state_title(request, report)
        return SaveResult(report, "unchanged", f"{report.month_title}已{title}，本次未作改动")
    else:
        doc = report.document()
        if doc.appstruct != values:
            doc.update(copy.deepcopy(values), actor, when=when)
        report.changed_at = when
        if submit:
            _submit(report, request, actor, when)
    sync_row(report)
    if submit:
        return SaveResult(
            report, "submitted", f"已{_transition_title(request, report, 'submit')}{report.month_title}"
        )
    return SaveResult(report, "saved", f"已保存{report.month_title}草稿")


def _state_title(request, report):
    wf = request.registry[WORKFLOWS_KEY][report.workflow_id]
    return wf.states[report.workflow_state].title.lstrip("已")


def _transition_title(request, report, tid):
    wf = request.registry[WORKFLOWS_KEY][report.workflow_id]
    return wf.transitions[tid].title


def record_filing(report, when):
    """On the first arrival at the receiving unit: stamp ``filed_at``, ``late``, stop the clock."""
    if report.filed_at is not None:
        return
    report.filed_at = when
    deadline = report.monthly_deadline
    if deadline is not None and deadline.is_open:
        deadline.complete(as_date(when), actor="system", at=when)
        report.late = bool(deadline.met_late)


def on_transition(event):
    """After each transition of a report (:func:`transition` calls it directly; it is also a
    registry subscriber for transitions fired elsewhere): filing time, return reason, the
    dashboard row, the notice to the filers of a returned report."""
    report = event.object
    if getattr(report, "type_name", None) != "monthly_report":
        return
    if event.to_state == SUBMITTED:
        record_filing(report, event.when)
    if event.transition.id in ("return", "send_back"):
        report.returned_reason = event.comment
        from .reminders import notify_returned

        notify_returned(report, event)
    elif event.to_state == SUBMITTED:
        report.returned_reason = ""
    report.changed_at = event.when
    sync_row(report)


def sync_row(report, site=None):
    """Rewrite the unit's row of the month ledger from the report (same transaction)."""
    unit = report.unit
    site = site or _root(unit)
    docid = getattr(unit, "__docid__", None)
    if docid is None:
        return None
    county = county_path(unit)
    row = MonthlyRow(
        path_of(unit),
        unit.title,
        county,
        report.workflow_state,
        report.filed_at,
        bool(report.late),
        figures_of(report.appstruct),
    )
    get_store(site).month_rows(report.month, create=True).set(county, docid, row)
    return row


def _root(obj):
    while obj.__parent__ is not None:
        obj = obj.__parent__
    return obj
