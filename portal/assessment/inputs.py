"""What the annual assessment reads from the portal's records: one small interface.

:data:`INPUTS` maps an indicator's name to an :class:`Input`: its Chinese title, its full
marks, where its figure comes from, and ``measure(unit, year) -> Rate`` -- how much of the
unit's own work of that kind in ``year`` was done right (``Rate.due`` 0: it had none, which
scores full marks). ``measure`` is ``None`` for an input whose records another part of the
portal is still building (``pending``): the form then leaves the score to the assessor.
Wiring such an input later is one line here: give it its function.

"The unit's own work" (:func:`assessed_unit`): everything of the unit and of its departments
and petition office, but not of the units that are assessed themselves (a county's schools
have their own assessment and roll into the county's result, see ``scoring``). Figures are
counted up to the reporting clock's today within the year.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypatia.query import Eq

from portal.catalog import resolve
from portal.reports.months import today
from portal.reports.units import FILING_KINDS, county_path, path_of

ASSESSED_KINDS = FILING_KINDS  # county bureaus, their schools, the units directly under the city


@dataclass(frozen=True)
class Rate:
    """``on_time`` of ``due`` pieces of work were done right (on time, within the hour ...);
    the same two fields as ``portal.ontime``'s rates, so those can be read as they are."""
    on_time: int
    due: int

    @property
    def value(self):
        return Fraction(self.on_time, self.due) if self.due else None

    @property
    def text(self):
        return f"{self.on_time}/{self.due}" if self.due else "无此项工作"


@dataclass(frozen=True)
class Input:
    name: str
    title: str
    max_score: Decimal
    source: str            # Chinese: where the figure comes from
    measure: object = None  # callable(unit, year) -> Rate, or None while pending
    pending: str = ""      # Chinese: what it waits for

    def rate(self, unit, year):
        return self.measure(unit, year) if self.measure is not None else None


def assessed_unit(node):
    """The nearest unit at or above ``node`` that is assessed itself (None above them)."""
    while node is not None:
        if getattr(node, "type_name", None) == "unit" and node.__parent__ is not None \
                and node.kind in ASSESSED_KINDS:
            return node
        node = node.__parent__
    return None


def _root(node):
    while node.__parent__ is not None:
        node = node.__parent__
    return node


def _in_year(value, year):
    day = value.date() if hasattr(value, "date") and callable(value.date) else value
    return day is not None and day.year == year


def _as_of(year):
    """The last day counted: today within the year, the year's end for a past year."""
    return min(today(), date(year, 12, 31))


def own_objects(unit, type_name, extra=None):
    """Objects of ``type_name`` in the catalog under ``unit`` (or matched by ``extra``) whose
    assessed unit is ``unit`` itself."""
    site = _root(unit)
    cat = site.catalog
    query = Eq(cat["type_name"], type_name) & Eq(cat["path"], path_of(unit))
    if extra is not None:
        query = Eq(cat["type_name"], type_name) & (Eq(cat["path"], path_of(unit)) | extra)
    for docid in query.execute().ids:
        obj = resolve(site, docid)
        if obj is not None:
            yield obj


def _own_cases(unit):
    from portal.prevention.backlog import case_unit, subtree_units_query
    for case in own_objects(unit, "case", subtree_units_query(_root(unit), unit)):
        if assessed_unit(case_unit(case)) is unit:
            yield case


def deadline_rate(unit, year, names):
    """Deadlines ``names`` of the unit's own cases that fell due or were met in ``year``: met
    on time, of all those met in the year or due and still open on the day counted."""
    last = _as_of(year)
    on_time = due = 0
    for case in _own_cases(unit):
        for name in names:
            deadline = (getattr(case, "deadlines", None) or {}).get(name)
            if deadline is None:
                continue
            if deadline.is_open:
                if deadline.due.due_date.year == year and deadline.due.due_date < last:
                    due += 1
            elif _in_year(deadline.completed_on, year):
                due += 1
                on_time += not deadline.met_late
    return Rate(on_time, due)


def cases_on_time(unit, year):
    return deadline_rate(unit, year, ("handling", "urgent_case"))


def acceptance_on_time(unit, year):
    return deadline_rate(unit, year, ("acceptance_notice",))


def monthly_on_time(unit, year):
    """Months of ``year`` whose monthly report fell due before the day counted: filed on time."""
    from portal.deadlines import compute_due
    from portal.reports.store import get_store
    from portal.time_limits import get_calendar
    site = _root(unit)
    store, calendar, last = get_store(site), get_calendar(site), _as_of(year)
    county = county_path(unit)
    on_time = due = 0
    for month in range(1, 13):
        key = f"{year:04d}-{month:02d}"
        if compute_due("monthly_report", date(year, month, 1), calendar).due_date >= last:
            break
        due += 1
        rows = store.month_rows(key)
        row = rows.get(unit.__docid__, county) if rows is not None else None
        on_time += bool(row is not None and row.filed and not row.late)
    return Rate(on_time, due)


def major_events_in_hour(unit, year):
    """Major event reports of the unit's own in ``year``: filed within the hour."""
    on_time = due = 0
    for event in own_objects(unit, "major_event"):
        if assessed_unit(event.__parent__) is unit and _in_year(event.event_time, year):
            due += 1
            on_time += not event.late
    return Rate(on_time, due)


def risk_assessments_filed(unit, year):
    """Major decisions the unit registered in ``year``: assessment reported to the level above."""
    on_time = due = 0
    for decision in own_objects(unit, "decision"):
        if assessed_unit(decision.__parent__) is unit and _in_year(decision.created, year):
            due += 1
            on_time += decision.workflow_state != "registered"
    return Rate(on_time, due)


TEN = Decimal(10)
# To wire when they reach main: ``portal.ontime.rates`` (issue 19) gives ``handling_rate`` and
# ``acceptance_rate``/``monthly_report_rate`` as ``(unit, year) -> Rate(on_time, due)``: they
# replace ``cases_on_time``, ``acceptance_on_time`` and ``monthly_on_time`` below; the
# standing duties (issue 14) give ``principal_reception_months(site, unit, year)`` and
# ``training_coverage(site, unit, year)`` as ``(met, due)`` pairs for the two pending inputs.
INPUTS = {i.name: i for i in (
    Input("cases_on_time", "信访事项按期办结率", TEN, "信访事项办理期限（含紧急事项）", cases_on_time),
    Input("acceptance_on_time", "受理告知按期率", TEN, "信访事项15日受理告知期限", acceptance_on_time),
    Input("monthly_on_time", "月报表按时报送率", TEN, "月报表报送记录（每月25日前）", monthly_on_time),
    Input("reception_days", "领导接待日落实率", TEN, "领导干部群众接待日安排与登记",
          pending="领导接待日的排期与登记（第四章第一节）接入后自动计算"),
    Input("training_coverage", "信访工作人员培训覆盖率", TEN, "信访业务培训登记",
          pending="信访工作人员年度培训覆盖情况（第五章第五节）接入后自动计算"),
    Input("risk_assessments", "重大决策风险评估报送率", TEN, "重大决策社会稳定风险评估登记",
          risk_assessments_filed),
    Input("major_events_in_hour", "重大信访事项1小时内报告率", TEN, "重大信访事项报告",
          major_events_in_hour),
)}
