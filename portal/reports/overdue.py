"""Monthly reports that climb the tree when missed (the ``monthly_report`` escalation source).

A filing unit whose report for a month has not reached its receiving unit by the due date
(the 25th, moved off rest days) is late; the months looked at are the current and the
previous one (a report missing for longer has climbed as far as it can). The report is owed
by the unit itself; it climbs to the bureaus above it (a school: its county, then the city).
Figures come from the month ledger (``site.reports``) and one catalog query, as on the
dashboards.
"""

from .dashboard import monthly_due, status_of
from .months import month_label
from .store import get_store
from .units import filing_docids, path_of, sorted_units

PERIOD_DAYS = 30


def _months(today):
    this = f"{today.year:04d}-{today.month:02d}"
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return (f"{year:04d}-{month:02d}", this)


def find_missing_reports(site, today):
    from portal.escalation import OverdueItem

    store = getattr(site, "reports", None)
    if store is None:
        return
    expected = None
    for month in _months(today):
        counted = monthly_due(site, month)
        due = counted.due_date
        if due >= today:
            continue
        if expected is None:
            expected = filing_docids(site, site)
        ledger = get_store(site).month_rows(month)
        rows = dict(ledger.items()) if ledger is not None else {}
        missing = [d for d in expected if status_of(rows.get(d)) == "missing"]
        for unit in sorted_units(site, missing):
            path = path_of(unit)
            yield OverdueItem(
                key=f"{path}:{month}",
                label=f"{month_label(month)}信访工作月报表",
                late_unit=path,
                due=due,
                url=f"{path}/@@monthly-report?month={month}",
                period_days=PERIOD_DAYS,
                provisional=counted.provisional,
            )


def includeme(config):
    from . import reminders

    for kind in (reminders.REMINDER, reminders.RETURNED, reminders.MAJOR_EVENT, reminders.SCREENING):
        config.add_notification_kind(kind)
    config.add_escalation_source("monthly_report", "月报表", find_missing_reports)
