"""The ranked tables of the annual assessment: the city's counties (with their schools rolled
in), the units directly under the city, and a county's schools.

One catalog query finds the units of a table (``portal.reports.units.filing_docids``); their
figures come from the store's rows of the year (``store.year_rows``), rolled up by
``scoring``. Units not yet assessed are listed after the ranked ones, without a rank.
"""

from dataclasses import dataclass
from decimal import Decimal

from portal.i18n import _
from portal.reports.units import filing_docids, path_of, sorted_units
from portal.resources.kinds import DIRECT_UNITS

from . import scoring
from .store import get_store


@dataclass(frozen=True)
class BoardLine:
    unit: object
    row: object  # the unit's AssessmentRow, or None before it is assessed
    schools_assessed: int = 0
    schools_total: int = 0
    schools_average: Decimal = None
    final: Decimal = None

    @property
    def vetoed(self):
        return bool(self.row is not None and self.row.vetoed)

    @property
    def grade(self):
        return scoring.grade_of(self.final, self.vetoed) if self.row is not None else _("未考评")


def _ranked(lines):
    assessed = [x for x in lines if x.row is not None]
    out = scoring.ranked(assessed, score=lambda x: x.final, vetoed=lambda x: x.vetoed)
    return out + [(None, x) for x in lines if x.row is None]


def county_lines(site, year):
    """[(rank, line)] of every county bureau: own total, schools' average, final result."""
    rows = get_store(site).year_rows(year)
    counties = sorted_units(site, filing_docids(site, site, kinds=("county_bureau",), direct_only=True))
    lines = []
    for county in counties:
        path = path_of(county)
        row = rows.get(path)
        schools = [(r.total, r.vetoed) for r in rows.values() if r.kind == "school" and r.county == path]
        total = len(filing_docids(site, county, kinds=("school",)))
        if row is not None:
            average, final = scoring.county_result(row.total, schools)
        else:
            average, final = scoring.schools_average(schools), None
        lines.append(BoardLine(county, row, len(schools), total, average, final))
    return _ranked(lines)


def unit_lines(site, under, year, kinds):
    """[(rank, line)] of the units of ``kinds`` directly below ``under`` (their own totals)."""
    rows = get_store(site).year_rows(year)
    units = sorted_units(site, filing_docids(site, under, kinds=kinds, direct_only=True))
    lines = []
    for unit in units:
        row = rows.get(path_of(unit))
        lines.append(BoardLine(unit, row, final=row.total if row is not None else None))
    return _ranked(lines)


def direct_lines(site, year):
    return unit_lines(site, site, year, DIRECT_UNITS)


def school_lines(site, county, year):
    return unit_lines(site, county, year, ("school",))
