"""Duty rosters and duty logs for sensitive periods (24小时值班, 值班记录).

* The roster of a unit for a period is a tuple of :class:`~portal.reports.store.DutyShift`
  (day, officer, leader, phone, who added it) in ``site.reports.rosters[(period, unit path)]``;
  :func:`add_shift` adds one (the same person twice on the same day is refused) and
  :func:`roster` lists them by day.
* What the people on duty logged is a ``duty_log`` Document on the unit
  (:func:`add_duty_log`, idempotent by the form token); :func:`duty_logs` lists them newest
  first.
"""

from portal.documents.api import documents_in

from .filing import add_document_once
from .store import DutyShift, get_store
from .units import path_of

CODE = "duty_log"


class DutyError(ValueError):
    """A refused roster change; ``str()`` is the Chinese reason."""


def roster(site, period, unit):
    return sorted(
        get_store(site).rosters.get((period.id, path_of(unit)), ()), key=lambda s: (s.day, s.officer)
    )


def add_shift(site, period, unit, day, officer, leader, phone, actor):
    officer = (officer or "").strip()
    if not officer:
        raise DutyError("请填写值班人员")
    if not period.covers_day(day):
        raise DutyError("值班日期须在重点时期内")
    key = (period.id, path_of(unit))
    shifts = get_store(site).rosters.get(key, ())
    if any(s.day == day and s.officer == officer for s in shifts):
        raise DutyError(f"{officer}已在{day.isoformat()}的值班表中")
    shift = DutyShift(day, officer, (leader or "").strip(), (phone or "").strip(), actor)
    get_store(site).rosters[key] = tuple(shifts) + (shift,)
    return shift


def add_duty_log(unit, appstruct, token, request):
    """Add a duty log entry; returns (doc, created)."""
    return add_document_once(unit, CODE, appstruct, token, request)


def duty_logs(unit):
    return [d for d in documents_in(unit, CODE) if d.superseded_by is None]
