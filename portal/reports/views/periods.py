"""Sensitive periods (declared by the city), the daily zero report form, and the dashboard of
who is missing today, with reminders and the xlsx export."""

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal import clock
from portal.forms import button, make_form, validate
from portal.layout.export import xlsx_response
from portal.resources import Site, Unit
from portal.resources.order import in_tree_order
from portal.security import permissions as P
from schemas import get_document_type

from ..months import parse_day
from ..periods import (
    DIRECT,
    ZERO_STATUS_TITLES,
    PeriodError,
    declare_period,
    file_zero_report,
    periods_for_unit,
    zero_board,
    zero_key,
)
from ..reminders import remind_zero
from ..store import get_store
from ..units import filing_docids, may_file, path_of
from .common import require, resources


def _county_choices(site):
    """(path, title) of every county bureau, then the units directly under the city."""
    counties = filing_docids(site, site, kinds=("county_bureau",), direct_only=True)
    units = in_tree_order(site.docmap[d] for d in counties)
    return [(path_of(u), u.title) for u in units] + [(DIRECT, "市直单位（局属单位、市属学校和高校）")]


def period_schema(choices):
    class Declaration(colander.MappingSchema):
        title = colander.SchemaNode(
            colander.String(),
            title="重点时期名称",
            validator=colander.Length(1, 100),
            missing_msg="请填写重点时期名称",
        )
        start = colander.SchemaNode(
            colander.Date(),
            title="开始日期",
            widget=deform.widget.DateInputWidget(),
            missing_msg="请填写开始日期",
        )
        end = colander.SchemaNode(
            colander.Date(),
            title="结束日期",
            widget=deform.widget.DateInputWidget(),
            missing_msg="请填写结束日期",
        )
        counties = colander.SchemaNode(
            colander.Set(),
            title="报送范围（县、市、区）",
            widget=deform.widget.CheckboxChoiceWidget(values=choices),
            missing_msg="请至少选择一个县（市、区）",
        )
        deadline_hour = colander.SchemaNode(
            colander.Integer(),
            title="每日报送截止时间（时）",
            default=10,
            validator=colander.Range(1, 24),
            missing_msg="请填写每日报送截止时间",
        )

    return Declaration()


@view_config(
    context=Site,
    name="sensitive-periods",
    permission=P.REVIEW_REPORT,
    renderer="portal.reports:templates/periods.pt",
)
def periods_view(context, request):
    """The periods the city declared, and the form to declare one (the city's petition staff)."""
    choices = _county_choices(context)
    form = make_form(request, period_schema(choices), (button("declare", "发布", True),))
    form.action = request.resource_url(context, "@@sensitive-periods")
    rendered = None
    if "declare" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is not None:
            try:
                period = declare_period(
                    context,
                    appstruct["title"],
                    appstruct["start"],
                    appstruct["end"],
                    appstruct["counties"],
                    appstruct["deadline_hour"],
                    request.authenticated_userid,
                )
            except PeriodError as exc:
                request.session.flash(str(exc), "danger")
            else:
                request.session.flash(f"已发布重点时期“{period.title}”", "success")
                return HTTPFound(form.action)
    titles = dict(choices)
    periods = sorted(get_store(context).periods.values(), key=lambda p: p.start, reverse=True)
    return dict(
        resources(request, form),
        form=rendered or form.render(),
        periods=periods,
        scope=lambda p: "、".join(titles.get(c, c) for c in p.counties),
    )


def _zero_schema():
    """The registry's zero_report form; its date is always set to today when filed."""
    return get_document_type("zero_report").schema()


@view_config(
    context=Unit,
    name="zero-report",
    permission=P.SUBMIT_REPORTS,
    renderer="portal.reports:templates/zero_form.pt",
)
def zero_report_view(context, request):
    """Today's zero report of the unit for a period that covers it (its filers only)."""
    require(may_file(request, context))
    day = clock.today()
    periods = periods_for_unit(request.root, context, day)
    wanted = request.params.get("period")
    period = next((p for p in periods if p.id == wanted), periods[0] if periods else None)
    page = {
        "period": period,
        "periods": periods,
        "day": day,
        "form": None,
        "js": [],
        "css": [],
        "report": None,
    }
    if period is None:
        return page
    report = context.get(zero_key(period, day))
    page["report"] = report
    form = make_form(request, _zero_schema(), (button("file", "报送", True),))
    form.action = request.resource_url(context, "@@zero-report", query={"period": period.id})
    page.update(resources(request, form))
    if "file" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            page["form"] = rendered
            return page
        try:
            report, created = file_zero_report(context, period, day, appstruct, request)
        except PeriodError as exc:
            request.session.flash(str(exc), "danger")
            return HTTPFound(form.action)
        late = "（已超过当日截止时间）" if report.late else ""
        request.session.flash(("已报送" if created else "已更正") + f"{report.title}{late}", "success")
        return HTTPFound(form.action)
    values = (
        report.document().appstruct
        if report is not None
        else {
            "unit": context.title,
            "reporter": getattr(request.identity, "title", ""),
            "report_date": day,
            "kind": "nothing",
        }
    )
    page["form"] = form.render(values)
    return page


def _board(request, context):
    store = get_store(request.root)
    day = parse_day(request.params.get("day"), clock.today())
    periods = [p for p in store.periods.values() if p.covers_day(day)]
    wanted = request.params.get("period")
    period = next((p for p in periods if p.id == wanted), periods[0] if periods else None)
    status = request.params.get("status", "")
    status = status if status in ZERO_STATUS_TITLES else ""
    lines, counts = zero_board(request.root, context, period, day, status) if period else ([], {})
    return {
        "day": day,
        "periods": periods,
        "period": period,
        "lines": lines,
        "counts": counts,
        "status": status,
        "statuses": ZERO_STATUS_TITLES,
    }


@view_config(
    context=Unit,
    name="zero-reports",
    permission=P.REVIEW_REPORT,
    renderer="portal.reports:templates/zero_board.pt",
)
def zero_board_view(context, request):
    """Who in this unit's scope filed today's zero report, late, or not at all."""
    return _board(request, context)


@view_config(context=Unit, name="zero-reports-export", permission=P.REVIEW_REPORT)
def zero_board_export(context, request):
    data = _board(request, context)
    rows = [
        [
            x.title,
            ZERO_STATUS_TITLES[x.status],
            x.row.filed_at if x.row else None,
            ("有情况" if x.row.kind == "items" else "无情况") if x.row else "",
            x.row.items if x.row else 0,
        ]
        for x in data["lines"]
    ]
    return xlsx_response(
        f"{context.title}-{data['day'].isoformat()}零报告报送情况.xlsx",
        [("零报告", ["单位", "状态", "报送时间", "报告情况", "事项数"], rows)],
    )


@view_config(context=Unit, name="zero-reports-remind", request_method="POST", permission=P.REVIEW_REPORT)
def zero_remind_view(context, request):
    """Remind one missing unit (``unit=<path>``) or all of them (``all=1``) in the scope."""
    data = _board(request, context)
    period = data["period"]
    target = request.POST.get("unit", "")
    missing = [x for x in data["lines"] if x.status == "missing"]
    if target:
        missing = [x for x in missing if x.path == target]
    if period is None or not missing:
        request.session.flash("没有需要催报的单位", "warning")
    else:
        from pyramid.traversal import find_resource

        units = [find_resource(request.root, x.path) for x in missing]
        notified, without = remind_zero(request.root, units, period, data["day"], request.registry)
        request.session.flash(f"已向{len(units) - len(without)}个单位发送零报告催报通知", "success")
    return HTTPFound(
        request.resource_url(context, "@@zero-reports", query={"period": period.id if period else ""})
    )
