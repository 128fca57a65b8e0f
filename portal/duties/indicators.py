"""Counts of the standing duties for the annual assessment (第八章) and other readers.

Each function takes the site, a unit and a year and reads only the duties' summaries:

* :func:`reception_days_held` -- reception days held by the unit's leaders that year;
* :func:`principal_reception_months` -- (months the principal leader received in person as
  required, months judged so far); (0, 0) for a unit that holds no reception days (only the
  bureaus do, see ``scope``);
* :func:`leading_group_months` -- (months the leading group met, months judged so far);
* :func:`meetings_held` -- petition meetings recorded (all kinds);
* :func:`training_coverage` -- (petition staff trained that year, petition staff).

"Judged so far": the months of ``year`` from the store's first judged month (``since``) up to
``today``'s month, the month under way counted only once its duty is done (it is not missed
before it ends). ``today`` defaults to the duties' clock; the assessment passes its own.
"""

from .dates import month_key, months_of_year
from .dates import today as _today
from .leading_group import meeting_status
from .receptions.figures import month_status
from .receptions.model import month_summary
from .scope import is_bureau
from .store import get_store
from .training import coverage


def _judged(site, year, today, done):
    """(months done, months judged) for ``done(month) -> bool``."""
    since, current = get_store(site).since, month_key(today)
    met = due = 0
    for month in months_of_year(year):
        if month < since or month > current:
            continue
        ok = done(month)
        if month == current and not ok:
            continue
        met += ok
        due += 1
    return met, due


def reception_days_held(site, unit, year):
    return sum(month_summary(site, unit, m).held for m in months_of_year(year))


def principal_reception_months(site, unit, year, today=None):
    today = today or _today()
    if not is_bureau(unit):
        return 0, 0
    return _judged(site, year, today, lambda m: month_status(site, unit, m, today).code == "met")


def leading_group_months(site, unit, year, today=None):
    today = today or _today()
    return _judged(site, year, today, lambda m: meeting_status(site, unit, m, today).code == "held")


def meetings_held(site, unit, year):
    rows = get_store(site).meeting_months
    return sum(rows[(m, unit.__docid__)].count() for m in months_of_year(year) if (m, unit.__docid__) in rows)


def training_coverage(site, unit, year):
    cover = coverage(site, unit, year)
    return len(cover.trained), cover.total
