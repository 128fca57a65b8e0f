"""Named workflow conditions of the report workflows (registered from ``includeme``).

Each is ``condition(report, request) -> bool`` on a report stored in its unit, with a Chinese
``title`` that the engine shows when it refuses.
"""

from .units import may_file, may_review, may_review_own


def report_filed_by_own_unit(report, request):
    """Only the unit's own filers (a role granted on the unit itself) file its report."""
    return may_file(request, report.__parent__)


report_filed_by_own_unit.title = "只能由本单位信访工作人员填报"


def report_reviewed_from_above(report, request):
    """Only the receiving unit's petition staff review a report (the county for its schools)."""
    return may_review(request, report.__parent__)


report_reviewed_from_above.title = "只能由上一级信访部门审核"


def report_reviewed_by_own_unit(report, request):
    """A bureau's own report is approved by the head of its own petition section."""
    return may_review_own(request, report.__parent__)


report_reviewed_by_own_unit.title = "只能由本级信访部门负责人审核"

CONDITIONS = {
    "report_filed_by_own_unit": report_filed_by_own_unit,
    "report_reviewed_from_above": report_reviewed_from_above,
    "report_reviewed_by_own_unit": report_reviewed_by_own_unit,
}
