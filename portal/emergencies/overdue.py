"""Written reports of activated incidents that climb the tree when late (the
``emergency_written_report`` escalation source, see ``portal.escalation``).

The incident's unit owes the written report within the days its plan sets after activation;
past that, the bureaus above it hear of it (the first at once, the next after
:data:`PERIOD_DAYS`). Filing the written report ends the item.
"""

from pyramid.traversal import resource_path

from .incidents import LIMIT

PERIOD_DAYS = 3


def find_late_written_reports(site, today):
    from portal.escalation import OverdueItem, overdue_deadlines

    for incident, due in overdue_deadlines(site, today, "incident", LIMIT):
        path = resource_path(incident)
        yield OverdueItem(
            key=f"{path}:{due.isoformat()}",
            label=f"{incident.notice_label()}书面报告",
            late_unit=resource_path(incident.__parent__) or "/",
            due=due,
            url=path + "/",
            period_days=PERIOD_DAYS,
        )


def includeme(config):
    config.add_escalation_source(
        "emergency_written_report", "突发信访事件书面报告", find_late_written_reports
    )
