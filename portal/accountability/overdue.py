"""Rectifications that climb the tree when their deadline passes (the ``rectification``
escalation source, see ``portal.escalation``).

"逾期未改……由教育信访部门向责任单位的上级机关发出《信访责任追究建议书》": a rectification
whose deadline passed without the unit's report is owed by the addressed unit and climbs to
the bureaus above it -- first the issuing petition office's bureau (the level directly above),
then one further up after :data:`PERIOD_DAYS`. A report (even late) or a new due date ends the
item. Open overdue deadlines come from the catalog's ``deadline_due`` index.
"""

from pyramid.traversal import resource_path

from .rectification import LIMIT

PERIOD_DAYS = 30


def find_overdue_rectifications(site, today):
    from portal.escalation import OverdueItem, overdue_deadlines

    for rectification, due in overdue_deadlines(site, today, "rectification", LIMIT):
        path = resource_path(rectification)
        notice = rectification.document()
        ref = (notice.number or notice.appstruct.get("document_ref", "")) if notice else ""
        label = f"《{rectification.title}》" + (f"（{ref}）" if ref else "") + "整改"
        yield OverdueItem(
            key=f"{path}:{due.isoformat()}",
            label=label,
            late_unit=resource_path(rectification.__parent__) or "/",
            due=due,
            url=path + "/",
            period_days=PERIOD_DAYS,
        )


def includeme(config):
    config.add_escalation_source("rectification", "整改通知", find_overdue_rectifications)
