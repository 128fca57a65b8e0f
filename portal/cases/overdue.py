"""The case deadlines that climb the tree when missed (escalation sources of this concern).

* ``case_deadline``: the acceptance notice (owed by the registering unit), handling and the
  same-day limit of urgent cases (owed by the responsible unit, else the registering unit),
  and the answers to review and re-review requests (owed by the registering unit). The
  petitioner's own windows (asking for review) never escalate.
* ``ownership_report``: the 5-day report to the owning leader (owed by the responsible unit,
  else the registering unit); the leader is told at the first level.

The owning leader (``case.owner``) is told at the first level of every case item. One period
(the time before an item climbs one level further) is the limit's own length, at most 30 days
and at least 1. Open overdue deadlines come from the catalog's ``deadline_due`` index (the
earliest open due date), so the sweep loads only cases with something overdue.
"""

from hypatia.query import Eq, Lt
from pyramid.traversal import resource_path

from portal.deadlines import get_limit

OWED_BY_RESPONSIBLE = ("handling", "urgent_case", "ownership_report")
CASE_DEADLINES = ("acceptance_notice", "handling", "urgent_case", "review_answer", "rereview_answer")


def late_unit(case, name):
    """The path of the unit that owes deadline ``name`` of ``case``."""
    if name in OWED_BY_RESPONSIBLE and case.responsible_unit:
        return case.responsible_unit
    return case.registering_unit


def period_days(name):
    return max(1, min(get_limit(name).amount, 30))


def overdue_cases(site, today):
    from portal.catalog import resolve

    cat = site.catalog
    query = Lt(cat["deadline_due"], today) & Eq(cat["type_name"], "case")
    for docid in query.execute().ids:
        case = resolve(site, docid)
        if case is not None:
            yield case


def _items(site, today, names):
    from portal.escalation import OverdueItem

    for case in overdue_cases(site, today):
        path = resource_path(case)
        for name in names:
            deadline = case.deadlines.get(name)
            if deadline is None or not deadline.is_open or deadline.is_paused:
                continue
            due = deadline.due.due_date
            if due >= today:
                continue
            yield OverdueItem(
                key=f"{path}:{name}:{due.isoformat()}",
                label=f"信访事项 {case.number} {deadline.limit.title}期限",
                due=due,
                late_unit=late_unit(case, name),
                url=path + "/",
                leader=case.owner or None,
                period_days=period_days(name),
                provisional=deadline.provisional,
            )


def find_case_deadlines(site, today):
    return _items(site, today, CASE_DEADLINES)


def find_ownership_reports(site, today):
    return _items(site, today, ("ownership_report",))


def includeme(config):
    from .notices import SUPERVISION

    config.add_notification_kind(SUPERVISION)
    config.add_escalation_source("case_deadline", "信访事项期限", find_case_deadlines)
    config.add_escalation_source("ownership_report", "包案情况报告", find_ownership_reports)
