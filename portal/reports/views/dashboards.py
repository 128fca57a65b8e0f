"""Monthly-report dashboards: a county's schools, the city's counties and direct units, the
city-wide list of units; their xlsx exports (the same figures) and reminders (催报)."""

from pyramid.httpexceptions import HTTPFound
from pyramid.traversal import find_resource, resource_path
from pyramid.view import view_config

from portal.layout.export import xlsx_response
from portal.resources import Site, Unit
from portal.security import permissions as P

from ..dashboard import FILTER_TITLES, STATUS_FILTERS, STATUS_TITLES, city_board, county_board, units_list
from ..months import localized_month_label, month_label
from ..reminders import remind_monthly
from ..store import FIGURES
from ..units import is_board, is_filing_unit, receiving_titles, receiving_unit
from .common import month_choices, month_param

PAGE_SIZE = 100
LINE_HEADER = ["单位", "状态", "报送时间", "是否逾期"] + [t for _c, t in FIGURES]
COUNTY_HEADER = (
    ["县（市、区）", "应报", "已报", "按时", "逾期", "未报", "待审核", "已退回", "已采纳"]
    + [t for _c, t in FIGURES]
    + ["本级月报"]
)


def _line_row(line):
    return [line.title, line.status_title, line.filed_at, line.late] + list(line.figures)


def _county_row(c):
    k = c.counts
    return (
        [c.title, k.expected, k.filed, k.on_time, k.late, k.missing, k.submitted, k.returned, k.accepted]
        + list(k.figures)
        + [STATUS_TITLES[c.own_status] + ("（逾期）" if c.own_late else "")]
    )


def _status_param(request):
    wanted = request.params.get("status", "")
    return wanted if wanted in STATUS_FILTERS else ""


@view_config(
    context=Unit,
    name="reports-dashboard",
    permission=P.REVIEW_REPORT,
    renderer="portal.reports:templates/dashboard.pt",
)
def dashboard_view(context, request):
    """The city's or a county's monthly-report dashboard for ``?month=``."""
    if not is_board(context):
        return HTTPFound(request.resource_url(context, "@@monthly-report"))
    month = month_param(request)
    wanted = _status_param(request)
    data = {
        "month": month,
        "month_label": localized_month_label(request, month),
        "months": month_choices(),
        "wanted": wanted,
        "filters": FILTER_TITLES,
        "figures": FIGURES,
        "is_city": context.__parent__ is None,
        "city": None,
    }
    if context.__parent__ is None:
        data["city"] = city_board(request.root, month)
    data["board"] = board = county_board(request.root, context, month, wanted)
    board["due_text"] = board["due_value"].display_in(request.localizer.translate)  # （暂定） too
    return data


@view_config(context=Unit, name="reports-export", permission=P.REVIEW_REPORT)
def dashboard_export(context, request):
    """The dashboard's figures as xlsx: the same lines (and filter) as the page."""
    if not is_board(context):
        return HTTPFound(request.resource_url(context, "@@monthly-report"))
    month = month_param(request)
    board = county_board(request.root, context, month, _status_param(request))
    sheets = []
    if context.__parent__ is None:
        city = city_board(request.root, month)
        sheets.append(("各县（市、区）汇总", COUNTY_HEADER, [_county_row(c) for c in city["counties"]]))
        sheets.append(("市直单位", LINE_HEADER, [_line_row(x) for x in board["lines"]]))
    else:
        sheets.append(("所属单位", LINE_HEADER, [_line_row(x) for x in board["lines"]]))
    return xlsx_response(f"{context.title}-{month_label(month)}月报表报送情况.xlsx", sheets)


@view_config(
    context=Site,
    name="reports-units",
    permission=P.REVIEW_REPORT,
    renderer="portal.reports:templates/units_list.pt",
)
def units_view(context, request):
    """Every filing unit in the city with one status (未报送 by default), paged."""
    month = month_param(request)
    wanted = request.params.get("status") or "missing"
    if wanted not in STATUS_FILTERS:
        wanted = "missing"
    try:
        page = max(1, int(request.params.get("page", "1")))
    except ValueError:
        page = 1
    lines, total = units_list(request.root, month, wanted, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    return {
        "month": month,
        "month_label": localized_month_label(request, month),
        "months": month_choices(),
        "wanted": wanted,
        "filters": FILTER_TITLES,
        "lines": lines,
        "total": total,
        "page": page,
        "page_size": PAGE_SIZE,
        "figures": FIGURES,
        "belongs_to": receiving_titles(request.root),
    }


@view_config(context=Site, name="reports-units-export", permission=P.REVIEW_REPORT)
def units_export(context, request):
    month = month_param(request)
    wanted = request.params.get("status") or "missing"
    if wanted not in STATUS_FILTERS:
        wanted = "missing"
    lines, _total = units_list(request.root, month, wanted, 0, None)
    belongs_to = receiving_titles(request.root)
    header = LINE_HEADER[:1] + ["所属"] + LINE_HEADER[1:]
    rows = []
    for line in lines:
        row = _line_row(line)
        rows.append([row[0], belongs_to(line.path)] + row[1:])
    return xlsx_response(
        f"全市{month_label(month)}月报表{FILTER_TITLES[wanted]}单位.xlsx",
        [(FILTER_TITLES[wanted], header, rows)],
    )


@view_config(context=Unit, name="reports-remind", request_method="POST", permission=P.REVIEW_REPORT)
def remind_view(context, request):
    """催报: ``unit=<path>`` one unit that reports to ``context``, or ``all=1`` every one of
    them that has not filed ``month``."""
    month = month_param(request)
    target = request.POST.get("unit", "")
    if target:
        try:
            unit = find_resource(request.root, target)
        except KeyError:
            unit = None
        if unit is None or not is_filing_unit(unit) or receiving_unit(unit) is not context:
            request.session.flash("只能催报向本单位报送月报表的单位", "danger")
            return HTTPFound(request.resource_url(context, "@@reports-dashboard", query={"month": month}))
        units = [unit]
    else:
        units = _missing_units(request, context, month)
    notified, without = remind_monthly(
        request.root, units, month, request.registry, sender_title=context.title
    )
    message = f"已向{len(units) - len(without)}个单位的{len(set(notified))}名信访工作人员发送催报通知"
    if without:
        names = "、".join(u.title for u in without[:5])
        more = f"等{len(without)}个单位" if len(without) > 5 else ""
        message += f"；{names}{more}尚无信访工作人员账号，未能催报"
    request.session.flash(message, "success" if units else "warning")
    return HTTPFound(request.resource_url(context, "@@reports-dashboard", query={"month": month}))


def _missing_units(request, context, month):
    site = request.root
    board = county_board(site, context, month, "missing")
    paths = [line.path for line in board["lines"]]
    if context.__parent__ is None:
        paths += [c.path for c in city_board(site, month)["counties"] if c.own_status == "missing"]
    return [find_resource(site, p) for p in paths]


@view_config(context=Site, name="reports", permission=P.VIEW_HOME)
def reports_entry(context, request):
    """报表: the dashboard of the highest unit the user reviews for, else their unit's form."""
    from hypatia.query import Any

    from portal.catalog import search

    principals = [p for p in request.user_principals if not p.startswith("system.")]
    if request.has_permission(P.REVIEW_REPORT, context):
        return HTTPFound(request.resource_url(context, "@@reports-dashboard"))
    units = search(context, Any(context.catalog["local_principals"], principals)).all()
    units.sort(key=lambda u: len(resource_path(u)))
    for unit in units:
        if is_board(unit) and request.has_permission(P.REVIEW_REPORT, unit):
            return HTTPFound(request.resource_url(unit, "@@reports-dashboard"))
    for unit in units:
        if is_filing_unit(unit):
            return HTTPFound(request.resource_url(unit, "@@monthly-report"))
    request.session.flash("您没有需要填报或审核的报表", "warning")
    return HTTPFound(request.resource_url(context))
