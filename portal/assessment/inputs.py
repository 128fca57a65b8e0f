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
from decimal import Decimal
from fractions import Fraction

from hypatia.query import Eq

from portal.catalog import resolve
from portal.clock import today
from portal.reports.units import FILING_KINDS, path_of

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
    source: str  # Chinese: where the figure comes from
    measure: object = None  # callable(unit, year) -> Rate, or None while pending
    pending: str = ""  # Chinese: what it waits for

    def rate(self, unit, year):
        if self.measure is None:
            return None
        found = self.measure(unit, year)
        return Rate(found.on_time, found.due)


def assessed_unit(node):
    """The nearest unit at or above ``node`` that is assessed itself (None above them)."""
    while node is not None:
        if (
            getattr(node, "type_name", None) == "unit"
            and node.__parent__ is not None
            and node.kind in ASSESSED_KINDS
        ):
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


def own_objects(unit, type_name):
    """Objects of ``type_name`` kept under ``unit`` (one catalog query) whose assessed unit is
    ``unit`` itself (a county's, not its schools')."""
    site = _root(unit)
    cat = site.catalog
    query = Eq(cat["type_name"], type_name) & Eq(cat["path"], path_of(unit))
    for docid in query.execute().ids:
        obj = resolve(site, docid)
        if obj is not None and assessed_unit(obj.__parent__) is unit:
            yield obj


def _ontime(measure):
    """An input read from ``portal.ontime`` (the on-time rates the dashboards show), counted
    up to the reporting clock's today."""

    def read(unit, year):
        from portal import ontime

        return getattr(ontime, measure)(unit, year, today=today())

    read.__name__ = measure
    return read


def major_events_in_hour(unit, year):
    """Major event reports of the unit's own in ``year``: filed within the hour."""
    on_time = due = 0
    for event in own_objects(unit, "major_event"):
        if _in_year(event.event_time, year):
            due += 1
            on_time += not event.late
    return Rate(on_time, due)


def risk_assessments_filed(unit, year):
    """Major decisions the unit registered in ``year``: assessment reported to the level above."""
    on_time = due = 0
    for decision in own_objects(unit, "decision"):
        if _in_year(decision.created, year):
            due += 1
            on_time += decision.workflow_state != "registered"
    return Rate(on_time, due)


def _duties(measure):
    """An input read from the standing duties' records (``portal.duties.indicators``, a
    ``(met, due)`` pair), judged up to the reporting clock's today."""

    def read(unit, year):
        from portal.duties import indicators

        site = _root(unit)
        if getattr(site, "duties", None) is None:
            return Rate(0, 0)
        function = getattr(indicators, measure)
        if measure == "training_coverage":
            met, due = function(site, unit, year)
        else:
            met, due = function(site, unit, year, today=today())
        return Rate(met, due)

    read.__name__ = measure
    return read


TEN = Decimal(10)
INPUTS = {
    i.name: i
    for i in (
        Input(
            "cases_on_time",
            "信访事项按期办结率",
            TEN,
            "按期率：信访事项办理期限（含紧急事项）",
            _ontime("handling_rate"),
        ),
        Input(
            "acceptance_on_time",
            "受理告知按期率",
            TEN,
            "按期率：信访事项15日受理告知期限",
            _ontime("acceptance_rate"),
        ),
        Input(
            "monthly_on_time",
            "月报表按时报送率",
            TEN,
            "按期率：月报表报送（每月25日前）",
            _ontime("monthly_report_rate"),
        ),
        Input(
            "reception_days",
            "领导接待日落实率",
            TEN,
            "主要领导每月接待日（第四章第一节）：已落实月数/应落实月数",
            _duties("principal_reception_months"),
        ),
        Input(
            "training_coverage",
            "信访工作人员培训覆盖率",
            TEN,
            "信访工作人员年度培训（第五章第五节）：已培训人数/信访工作人员数",
            _duties("training_coverage"),
        ),
        Input(
            "risk_assessments",
            "重大决策风险评估报送率",
            TEN,
            "重大决策社会稳定风险评估登记",
            risk_assessments_filed,
        ),
        Input(
            "major_events_in_hour", "重大信访事项1小时内报告率", TEN, "重大信访事项报告", major_events_in_hour
        ),
    )
}
