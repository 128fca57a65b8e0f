"""统计公开: the statistics page (tables + server-drawn SVG charts) and the same figures as JSON.

Both read ``statistics.compute``, which the event-kept summary answers (memoised per summary
version). Their validator is that version: a conditional request is answered 304 before
anything is computed, and the rendered page is memoised per version too.
"""

import json

from pyramid.view import view_config

from portal import clock
from portal.caching import etag, not_modified
from portal.storage import get_site

from . import statistics
from .charts import bar_chart
from .rendering import page, public_response
from .security import VIEW_PUBLIC, PublicArea
from .summary import get_summary, memo


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


def validator(request, kind, year):
    """The ETag of the statistics of ``year`` as ``kind`` shows them: the summary's version
    (and the current year, which bounds the year links); None without a summary."""
    summary = get_summary(get_site(request))
    if summary is None:
        return None
    return etag(
        "statistics",
        kind,
        request.script_name,
        summary.token,
        summary.version.value,
        year,
        clock.today().year,
    )


@view_config(route_name="public", context=PublicArea, name="statistics", permission=VIEW_PUBLIC)
def statistics_page(context, request):
    year = requested_year(request)
    tag = validator(request, "html", year)
    if tag is None:
        return _render(context, request, year)
    answer = not_modified(request, tag)
    if answer is not None:
        return answer
    pages = memo(get_summary(get_site(request)))
    text = pages.get(("page", tag))
    if text is not None:
        return public_response(request, "", None, text=text)
    response = _render(context, request, year)
    pages[("page", tag)] = response.text
    return response


def _render(context, request, year):
    stats = stats_for(request, year)
    month_chart = bar_chart(
        "month-chart",
        f"{stats.year}年各月收到与办结的信访事项数",
        [r.label for r in stats.months],
        [
            ("收到", [r.received for r in stats.months], "received"),
            ("办结", [r.concluded for r in stats.months], "concluded"),
        ],
    )
    county_chart = bar_chart(
        "county-chart",
        f"{stats.year}年各县（市、区）收到与办结的信访事项数（按机构顺序）",
        [r.label for r in stats.groups],
        [
            ("收到", [r.received for r in stats.groups], "received"),
            ("办结", [r.concluded for r in stats.groups], "concluded"),
        ],
        horizontal=True,
    )
    return page(
        request,
        "statistics.pt",
        "statistics",
        stats=stats,
        percent=statistics.percent,
        month_chart=month_chart,
        county_chart=county_chart,
    )


@view_config(route_name="public", context=PublicArea, name="statistics.json", permission=VIEW_PUBLIC)
def statistics_json(context, request):
    year = requested_year(request)
    tag = validator(request, "json", year)
    answer = not_modified(request, tag) if tag is not None else None
    if answer is not None:
        return answer
    stats = stats_for(request, year)
    body = json.dumps(stats.as_dict(), ensure_ascii=False, indent=1)
    response = request.response
    response.content_type, response.charset, response.text = "application/json", "utf-8", body
    return response
