"""Counts of the standing duties for the annual assessment (第八章) and other readers.

Each function takes the site, a unit and a year and reads only the duties' summaries:

* :func:`reception_days_held` -- reception days held by the unit's leaders that year;
* :func:`principal_reception_months` -- (months the principal leader received in person as
  required, months judged so far);
* :func:`leading_group_months` -- (months the leading group met, months judged so far);
* :func:`meetings_held` -- petition meetings recorded (all kinds);
* :func:`training_coverage` -- (petition staff trained that year, petition staff).
"""
from .dates import month_key, months_of_year, today as _today
from .leading_group import meeting_status
from .receptions.figures import month_status
from .receptions.model import month_summary
from .store import get_store
from .training import coverage


def _judged_months(site, year, today):
    since, current = get_store(site).since, month_key(today)
    return [m for m in months_of_year(year) if since <= m <= current]


def reception_days_held(site, unit, year):
    return sum(month_summary(site, unit, m).held for m in months_of_year(year))


def principal_reception_months(site, unit, year, today=None):
    today = today or _today()
    months = _judged_months(site, year, today)
    met = sum(1 for m in months if month_status(site, unit, m, today).code == "met")
    return met, len(months)


def leading_group_months(site, unit, year, today=None):
    today = today or _today()
    months = _judged_months(site, year, today)
    held = sum(1 for m in months if meeting_status(site, unit, m, today).code == "held")
    return held, len(months)


def meetings_held(site, unit, year):
    rows = get_store(site).meeting_months
    return sum(rows[(m, unit.__docid__)].count() for m in months_of_year(year)
               if (m, unit.__docid__) in rows)


def training_coverage(site, unit, year):
    cover = coverage(site, unit, year)
    return len(cover.trained), cover.total
