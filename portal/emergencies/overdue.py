"""Written reports of activated incidents that climb the tree when late (the
``emergency_written_report`` escalation source, see ``portal.escalation``).

The incident's unit owes the written report within the days its plan sets after activation;
past that, the bureaus above it hear of it (the first at once, the next after
:data:`PERIOD_DAYS`). Filing the written report ends the item.
"""

from hypatia.query import Eq, Lt
from pyramid.traversal import resource_path

from .incidents import LIMIT

PERIOD_DAYS = 3


def find_late_written_reports(site, today):
    from portal.catalog import resolve
    from portal.escalation import OverdueItem

    cat = site.catalog
    query = Lt(cat["deadline_due"], today) & Eq(cat["type_name"], "incident")
    for docid in query.execute().ids:
        incident = resolve(site, docid)
        deadline = incident.deadlines.get(LIMIT) if incident is not None else None
        if deadline is None or not deadline.is_open or deadline.due.due_date >= today:
            continue
        path = resource_path(incident)
        due = deadline.due.due_date
        yield OverdueItem(
            key=f"{path}:{due.isoformat()}",
            label=f"{incident.notice_label()}书面报告",
            late_unit=resource_path(incident.__parent__) or "/",
            due=due,
            url=path + "/",
            period_days=PERIOD_DAYS,
        )


def includeme(config):
    from .incidents import INCIDENT

    config.add_notification_kind(INCIDENT)
    config.add_escalation_source(
        "emergency_written_report", "突发信访事件书面报告", find_late_written_reports
    )
