"""``<bureau>/@@duties-board``: the level above's view of its units' standing duties for a
month (and its xlsx export with the same lines). For the city: the county bureaus and the
units directly under it; for a county: its schools. Readers: the bureau's petition office
(``review_report``) and its leaders (``instruct_case``)."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.layout.export import xlsx_response
from portal.resources import Unit
from portal.security import permissions as P

from ..board import FILTERS, board
from ..dates import month_key, month_label, previous_month, today
from ..scope import is_bureau
from .common import month_param, require

HEADER = [
    "单位",
    "领导小组",
    "领导小组会议",
    "主要领导接访",
    "接访天数",
    "接待人次",
    "登记事项",
    "会议次数",
    "培训（已培训/应培训）",
    "年度培训计划",
]


def _may_read(request, context):
    return bool(
        request.has_permission(P.REVIEW_REPORT, context) or request.has_permission(P.INSTRUCT_CASE, context)
    )


def _months():
    month, out = month_key(today()), []
    for _ in range(12):
        out.append(month)
        month = previous_month(month)
    return out


def _row(x):
    r = x.reception
    return [
        x.title,
        "已记录" if x.group_recorded else "未记录",
        x.group.title,
        r.title if r else "—",
        r.summary.held if r else "",
        r.summary.visitors if r else "",
        r.summary.matters if r else "",
        x.meetings,
        f"{len(x.coverage.trained)}/{x.coverage.total}",
        ("已制定" if x.plan else "未制定") if x.bureau else "—",
    ]


@view_config(
    context=Unit, name="duties-board", permission=P.VIEW, renderer="portal.duties:templates/board.pt"
)
def board_view(context, request):
    if not is_bureau(context):
        return HTTPFound(request.resource_url(context, "@@duties"))
    require(_may_read(request, context))
    month = month_param(request)
    wanted = request.params.get("status", "")
    wanted = wanted if wanted in FILTERS else ""
    data = board(request.root, context, month, today(), wanted)
    return dict(
        data,
        month=month,
        month_label=month_label(month),
        months=_months(),
        filters=FILTERS,
        wanted=wanted,
        is_city=context.__parent__ is None,
    )


@view_config(context=Unit, name="duties-board-export", permission=P.VIEW)
def board_export(context, request):
    if not is_bureau(context):
        return HTTPFound(request.resource_url(context, "@@duties"))
    require(_may_read(request, context))
    month = month_param(request)
    wanted = request.params.get("status", "")
    data = board(request.root, context, month, today(), wanted if wanted in FILTERS else "")
    rows = [_row(data["own"])] + [_row(x) for x in data["lines"]]
    return xlsx_response(
        f"{context.title}-{month_label(month)}工作制度落实情况.xlsx", [("落实情况", HEADER, rows)]
    )
