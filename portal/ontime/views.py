"""按期率: a unit's on-time rates for the month and the year (``@@ontime``), and on a bureau
the same for every unit below it, worst first, exported to xlsx (``@@ontime-export``)."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.resources import Unit
from portal.security import permissions as P

from .rates import MEASURES, overall, periods


def _period(request):
    from portal import clock

    today = clock.today()
    try:
        year = int(request.params.get("year", today.year))
        month = int(request.params.get("month", today.month if year == today.year else 12))
    except ValueError:
        year, month = today.year, today.month
    if not (2000 <= year <= today.year and 1 <= month <= 12):
        year, month = today.year, today.month
    return year, month, today


def units_below(request, unit):
    """The filing units directly below ``unit`` (a county's schools; the city's counties and
    directly-run units), when the user reviews for ``unit``; else none."""
    from portal.reports.units import filing_docids, sorted_units

    if not request.has_permission(P.REVIEW_REPORT, unit):
        return []
    return sorted_units(request.root, filing_docids(request.root, unit, direct_only=True))


def board(request, unit):
    year, month, today = _period(request)
    lines = []
    for below in units_below(request, unit):
        month_rates, year_rates = periods(below, year, (month, None), today)
        lines.append((below, month_rates, year_rates, overall(year_rates)))
    # worst first: lowest yearly share; units with nothing due at the end, in tree order
    lines.sort(key=lambda line: (line[3].percent is None, line[3].percent or 0))
    own_month, own_year = periods(unit, year, (month, None), today)
    return {
        "year": year,
        "month": month,
        "measures": MEASURES,
        "own_month": own_month,
        "own_year": own_year,
        "lines": lines,
    }


@view_config(context=Unit, name="ontime", renderer="templates/ontime.pt", permission=P.VIEW)
def ontime_view(context, request):
    return board(request, context)


@view_config(context=Unit, name="ontime-export", permission=P.REVIEW_REPORT)
def ontime_export(context, request):
    from portal.layout.export import xlsx_response

    data = board(request, context)
    year, month = data["year"], data["month"]
    header = (
        ["单位"]
        + [f"{title}（{month}月）" for _c, title in MEASURES]
        + [f"{title}（{year}年）" for _c, title in MEASURES]
    )
    rows = [
        [unit.title] + [str(m[c]) for c, _t in MEASURES] + [str(y[c]) for c, _t in MEASURES]
        for unit, m, y, _total in data["lines"]
    ]
    if not rows:
        return HTTPFound(request.resource_url(context, "@@ontime"))
    return xlsx_response(f"{context.title}-{year}年按期率.xlsx", [("下级单位按期率", header, rows)])


def includeme(config):
    config.scan(__name__)
