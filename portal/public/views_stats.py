"""统计公开: the statistics page (tables + server-drawn SVG charts) and the same figures as JSON.

Both read one ``statistics.compute`` result per request (``stats_for``), so the page and the
JSON of the same request cannot disagree, and nothing is cached across requests.
"""
import json

from pyramid.response import Response
from pyramid.view import view_config

from portal import clock
from portal.storage import get_site

from . import statistics
from .charts import bar_chart
from .rendering import page
from .security import VIEW_PUBLIC, PublicArea


def requested_year(request):
    this_year = clock.today().year
    try:
        year = int(request.params.get("year", this_year))
    except ValueError:
        return this_year
    return year if 2000 <= year <= this_year + 1 else this_year


def stats_for(request, year):
    cache = request.__dict__.setdefault("_public_stats", {})
    if year not in cache:
        cache[year] = statistics.compute(get_site(request), year)
    return cache[year]


@view_config(route_name="public", context=PublicArea, name="statistics", permission=VIEW_PUBLIC)
def statistics_page(context, request):
    stats = stats_for(request, requested_year(request))
    month_chart = bar_chart(
        "month-chart", f"{stats.year}年各月收到与办结的信访事项数",
        [r.label for r in stats.months],
        [("收到", [r.received for r in stats.months], "received"),
         ("办结", [r.concluded for r in stats.months], "concluded")])
    county_chart = bar_chart(
        "county-chart", f"{stats.year}年各县（市、区）收到与办结的信访事项数（按机构顺序）",
        [r.label for r in stats.groups],
        [("收到", [r.received for r in stats.groups], "received"),
         ("办结", [r.concluded for r in stats.groups], "concluded")], horizontal=True)
    return page(request, "statistics.pt", "statistics", stats=stats, percent=statistics.percent,
                month_chart=month_chart, county_chart=county_chart)


@view_config(route_name="public", context=PublicArea, name="statistics.json",
             permission=VIEW_PUBLIC)
def statistics_json(context, request):
    stats = stats_for(request, requested_year(request))
    body = json.dumps(stats.as_dict(), ensure_ascii=False, indent=1)
    return Response(body, content_type="application/json", charset="utf-8")
